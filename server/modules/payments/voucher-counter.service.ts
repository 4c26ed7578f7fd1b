import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { transition } from '../../lib/state-machine';
import type { MerchantsService } from '../merchants/merchants.service';
import { PaymentsErrors } from './payments.errors';
import { Voucher } from './voucher.entity';
import { ORDER_HISTORY } from './voucher-order-event.entity';
import { VoucherOrder } from './voucher-order.entity';
import { ORDER_TRANSITIONS } from './voucher-order.states';
import type { VoucherTokens } from './voucher-tokens';
import type { NotificationsService } from '../notifications/notifications.service';
import { tellRedeemed } from './payments.notices';

/** A voucher as the counter sees it once taken. */
export interface RedeemedVoucher {
  voucher: Voucher;
  order: VoucherOrder;
  /** Vouchers of the order still unused after this one. */
  remaining: number;
}

/**
 * Vouchers at the counter: the holder shows a voucher's short-lived QR code; a clerk of the shop
 * that sold it scans it and the voucher is used, once (a guarded update from unused to redeemed,
 * so two scans at once take it once). The order is redeemed when its last voucher is.
 */
export class VoucherCounterService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantsService,
    private readonly notifications: NotificationsService,
    private readonly tokens: VoucherTokens,
    private readonly clock: Clock,
  ) {}

  /** A QR token for one of the caller's vouchers that can be used now. */
  async qr(principal: Principal, orderId: number, voucherId: number): Promise<{ token: string; expiresAt: Date }> {
    const order = await this.db.manager.findOneBy(VoucherOrder, { id: orderId, accountId: principal.accountId });
    const voucher = order ? await this.db.manager.findOneBy(Voucher, { id: voucherId, orderId }) : null;
    if (!order || !voucher) throw notFound('代金券不存在');
    if (voucher.status !== 'unused') throw PaymentsErrors.voucherUsed();
    if (!this.usable(order)) throw PaymentsErrors.voucherNotUsable();
    return this.tokens.issue(voucher.id);
  }

  async redeem(principal: Principal, token: string): Promise<RedeemedVoucher> {
    const shop = await this.merchants.counter(principal);
    const voucherId = this.tokens.verify(token);
    return this.db.transaction(async (em) => {
      const voucher = await em.findOneBy(Voucher, { id: voucherId });
      if (!voucher) throw PaymentsErrors.qrInvalid();
      const order = await em.findOneByOrFail(VoucherOrder, { id: voucher.orderId });
      if (order.merchantId !== shop.merchantId) throw PaymentsErrors.voucherOtherShop();
      if (voucher.status !== 'unused') throw PaymentsErrors.voucherUsed();
      if (!this.usable(order)) throw PaymentsErrors.voucherNotUsable();
      const now = this.clock.now();
      const taken = await em
        .createQueryBuilder()
        .update(Voucher)
        .set({ status: 'redeemed', redeemedAt: now, redeemedByAccountId: principal.accountId })
        .where('id = :id AND status = :unused', { id: voucher.id, unused: 'unused' })
        .execute();
      if (taken.affected !== 1) throw PaymentsErrors.voucherUsed();
      const remaining = await em.countBy(Voucher, { orderId: order.id, status: 'unused' });
      await tellRedeemed(this.notifications, em, {
        order,
        voucherId: voucher.id,
        seq: voucher.seq,
        remaining,
        at: now,
      });
      if (remaining === 0) {
        await transition(em, {
          entity: VoucherOrder,
          id: order.id,
          table: ORDER_TRANSITIONS,
          action: 'redeem',
          actor: { accountId: principal.accountId, role: 'merchant' },
          at: now,
          set: { updatedAt: now },
          history: ORDER_HISTORY,
        });
      }
      return {
        voucher: await em.findOneByOrFail(Voucher, { id: voucher.id }),
        order: await em.findOneByOrFail(VoucherOrder, { id: order.id }),
        remaining,
      };
    });
  }

  private usable(order: VoucherOrder): boolean {
    return order.status === 'paid' && (!order.validTo || order.validTo.getTime() > this.clock.now().getTime());
  }
}
