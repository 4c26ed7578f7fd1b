import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { shanghaiDate } from '../lib/working-days';
import { Account } from '../modules/auth/account.entity';
import { LodgingHotel } from '../modules/lodging/lodging-hotel.entity';
import { Merchant } from '../modules/merchants/merchant.entity';

/** The demo hotel (拥军酒店, see demo-merchants.ts) and the demo holder with a card. */
const HOTEL_OWNER_OPENID = 'dev-shop5';
const GUEST_OPENID = 'dev-demo7';

/**
 * 军人驿站: the demo hotel 拥军酒店 signed by the district with two free rooms a night, and one
 * booking for tomorrow by the demo holder with a card, so 我的预订 and the hotel's desk show it.
 * Made through the lodging service; idempotent (nothing when the shop is already a 驿站).
 */
export async function seedDemoLodging(c: Container): Promise<void> {
  const em = c.db.manager;
  const owner = await em.findOneBy(Account, { openid: HOTEL_OWNER_OPENID });
  const district = await em.findOneBy(Account, { username: 'district' });
  if (!owner || !district) return;
  const merchant = await em.findOneBy(Merchant, { ownerAccountId: owner.id });
  if (!merchant || (await em.existsBy(LodgingHotel, { merchantId: merchant.id }))) return;
  const staff: Principal = { accountId: district.id, roles: ['district_staff'] };
  const view = await c.services.lodging.createHotel(
    staff,
    {
      merchantId: merchant.id,
      name: `${merchant.name}（军人驿站）`,
      dailyQuota: 2,
      rules: '现役军人及随行家属每人每晚一间，入住当晚 18:00 前可在线取消；入住时请出示军官证、士兵证或军属证明。',
    },
    'demo',
  );
  const guest = await em.findOneBy(Account, { openid: GUEST_OPENID });
  if (!guest) return;
  const tomorrow = shanghaiDate(new Date(c.clock.now().getTime() + 86_400_000));
  await c.services.lodging.book(
    { accountId: guest.id, roles: ['holder'] },
    { hotelId: view.hotel.id, night: tomorrow, guestKind: 'family', guestName: '陈秀兰', phone: '13800000007' },
  );
}
