import { personalDataPart, rawDate } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { MerchantComplaint } from './merchant-complaint.entity';
import { MerchantOffer } from './merchant-offer.entity';
import { Merchant } from './merchant.entity';
import { Redemption } from './redemption.entity';

/**
 * Discounts used at the counter and complaints about merchants. Deleting clears what a complaint
 * said; redemptions stay for the merchants' figures, tied to the detached person.
 */
export const merchantsPersonalData = personalDataPart({
  async read(em, { accountId, personId }) {
    const total = personId === null ? 0 : await em.count(Redemption, { where: { personId } });
    const latest =
      personId === null
        ? []
        : await em
            .createQueryBuilder(Redemption, 'r')
            .innerJoin(Merchant, 'm', 'm.id = r.merchant_id')
            .innerJoin(MerchantOffer, 'o', 'o.id = r.offer_id')
            .select(['m.name AS merchant_name', 'o.title AS offer_title', 'r.day AS day'])
            .where('r.person_id = :personId', { personId })
            .orderBy('r.id', 'DESC')
            .limit(20)
            .getRawMany<{ merchant_name: string; offer_title: string; day: string }>();
    const complaints = await em
      .createQueryBuilder(MerchantComplaint, 'c')
      .innerJoin(Merchant, 'm', 'm.id = c.merchant_id')
      .select(['c.id AS id', 'm.name AS merchant_name', 'c.status AS status', 'c.created_at AS created_at'])
      .where('c.account_id = :accountId', { accountId })
      .orderBy('c.id', 'DESC')
      .getRawMany<{ id: number; merchant_name: string; status: string; created_at: unknown }>();
    return {
      redemptions: {
        total,
        latest: latest.map((r) => ({ merchantName: r.merchant_name, offerTitle: r.offer_title, day: String(r.day) })),
      },
      complaints: complaints.map((c) => ({
        id: Number(c.id),
        merchantName: c.merchant_name,
        status: c.status,
        createdAt: isoTime(rawDate(c.created_at)!),
      })),
    };
  },
  async erase(em, { accountId }) {
    await em.update(MerchantComplaint, { accountId }, { text: '' });
    return undefined;
  },
});
