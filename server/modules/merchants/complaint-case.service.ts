import { In } from 'typeorm';
import type { Database } from '../../db/database';
import { notFound } from '../../lib/errors';
import { maskName } from '../../lib/mask';
import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { PeopleService } from '../people/people.service';
import { MerchantComplaintEvent } from './merchant-complaint-event.entity';
import { MerchantComplaint } from './merchant-complaint.entity';
import { Merchant } from './merchant.entity';
import { presentComplaint, presentMerchantRecord } from './merchants.presenter';
import { Redemption } from './redemption.entity';

/**
 * A complaint as staff weigh it: the holder's side (their words, who they are, their visits to the
 * merchant) beside the merchant's (its record and how its other complaints were settled).
 */
export class ComplaintCaseService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
  ) {}

  /** Merchant names for a page of complaints. */
  async merchantNames(ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Merchant, { where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(rows.map((m) => [m.id, m.name]));
  }

  async caseOf(id: number) {
    const em = this.db.manager;
    const complaint = await em.findOneBy(MerchantComplaint, { id });
    if (!complaint) throw notFound('投诉不存在');
    const [merchant, history, person, others] = await Promise.all([
      em.findOneBy(Merchant, { id: complaint.merchantId }),
      em.find(MerchantComplaintEvent, { where: { complaintId: id }, order: { id: 'ASC' } }),
      this.people.identityOf(complaint.accountId),
      em
        .createQueryBuilder(MerchantComplaint, 'c')
        .select('c.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .where('c.merchant_id = :m AND c.id <> :id', { m: complaint.merchantId, id })
        .groupBy('c.status')
        .getRawMany<{ status: string; n: string | number }>(),
    ]);
    const visits = person
      ? await em.find(Redemption, {
          where: { personId: person.id, merchantId: complaint.merchantId },
          order: { id: 'DESC' },
          take: 5,
        })
      : [];
    const visitCount = person
      ? await em.countBy(Redemption, { personId: person.id, merchantId: complaint.merchantId })
      : 0;
    const byStatus = Object.fromEntries(others.map((r) => [r.status, Number(r.n)]));
    return {
      complaint: { ...presentComplaint(complaint), merchantName: merchant?.name ?? null },
      history: presentHistory(history.map((e) => ({ ...e, action: e.action }))),
      holder: {
        accountId: complaint.accountId,
        nameMasked: person ? maskName(person.name) : null,
        redemptionsHere: visitCount,
        recentRedemptions: visits.map((r) => isoTime(r.createdAt)),
      },
      merchant: merchant ? presentMerchantRecord(merchant) : null,
      otherComplaints: {
        open: byStatus.open ?? 0,
        upheld: byStatus.upheld ?? 0,
        dismissed: byStatus.dismissed ?? 0,
      },
    };
  }
}
