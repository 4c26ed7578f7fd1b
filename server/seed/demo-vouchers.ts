import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { Account } from '../modules/auth/account.entity';
import { VoucherOrder } from '../modules/payments/voucher-order.entity';
import { DEMO_LOGINS } from './demo-credentials';

/** The demo holder with an issued card (see demo-cards.ts), and the shop with the counter clerk. */
const HOLDER_OPENID = 'dev-demo7';
const SHOP_OWNER_OPENID = 'dev-shop1';

/**
 * Vouchers for the demo holder with a card (`dev-demo7`): one paid order of two vouchers of the
 * first demo merchant's voucher offer (老兵面馆, made here if it has none), one already used at its
 * counter, so 我的代金券 shows a voucher to present, a used one and the order's history. Made
 * through the payment services: the order, the dev adapter's payment, the clerk's scan.
 * Dev payments only (nothing is made when WeChat Pay is off); idempotent: a holder who already
 * has an order gets no other.
 */
export async function seedDemoVouchers(c: Container): Promise<void> {
  // Paid through the dev adapter only: never with WeChat Pay, and nothing when payments are off.
  if (!c.ports.wechatPay.dev) return;
  const em = c.db.manager;
  const holder = await em.findOneBy(Account, { openid: HOLDER_OPENID });
  const owner = await em.findOneBy(Account, { openid: SHOP_OWNER_OPENID });
  const clerk = await em.findOneBy(Account, { username: DEMO_LOGINS.clerk.username });
  if (!holder || !owner || !clerk) return;
  if (await em.existsBy(VoucherOrder, { accountId: holder.id })) return;

  const asOwner: Principal = { accountId: owner.id, roles: ['holder', 'merchant_owner'] };
  const offers = await c.services.offers.listMine(asOwner);
  const offer =
    offers.find((o) => o.kind === 'voucher' && o.status === 'active') ??
    (await c.services.offers.create(asOwner, {
      title: '50 元代金券',
      description: '到店消费抵 50 元',
      kind: 'voucher',
      discountText: '40 元买 50 元',
      priceFen: 4000,
      faceValueFen: 5000,
      perPersonDailyLimit: 2,
    }));

  const me: Principal = { accountId: holder.id, roles: ['holder'] };
  const { order } = await c.services.orders.create(me, { offerId: offer.id, quantity: 2 });
  const paid = await c.services.orders.devPay(me, order.id);
  const qr = await c.services.voucherCounter.qr(me, order.id, paid.vouchers[0].id);
  await c.services.voucherCounter.redeem({ accountId: clerk.id, roles: ['merchant_clerk'] }, qr.token);
}
