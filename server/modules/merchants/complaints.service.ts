import { LessThan, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { conflict, notFound } from '../../http/errors';
import type { Principal } from '../../http/context';
import type { Clock } from '../../lib/clock';
import { recordAudit } from '../staff/audit';
import { MerchantComplaint } from './merchant-complaint.entity';
import { Merchant } from './merchant.entity';

/** Holders report merchants; staff uphold or dismiss each report, and upheld ones count against the merchant. */
export class ComplaintsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async file(principal: Principal, merchantId: number, text: string): Promise<MerchantComplaint> {
    return this.db.transaction(async (em) => {
      // Only merchants the public can see (active, or suspended after complaints) can be reported.
      const merchant = await em.findOneBy(Merchant, { id: merchantId });
      if (!merchant || (merchant.status !== 'active' && merchant.status !== 'suspended')) throw notFound('商户不存在');
      const r = await em.insert(MerchantComplaint, {
        merchantId,
        accountId: principal.accountId,
        text,
        status: 'open',
        resolution: null,
        handledBy: null,
        handledAt: null,
        createdAt: this.clock.now(),
      });
      return em.findOneByOrFail(MerchantComplaint, { id: Number(r.identifiers[0].id) });
    });
  }

  async list(filter: { status?: MerchantComplaint['status']; merchantId?: number; beforeId?: number; limit: number }): Promise<MerchantComplaint[]> {
    const where: FindOptionsWhere<MerchantComplaint> = {};
    if (filter.status) where.status = filter.status;
    if (filter.merchantId) where.merchantId = filter.merchantId;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.db.manager.find(MerchantComplaint, { where, order: { id: 'DESC' }, take: filter.limit });
  }

  /** Settles an open complaint; an upheld one adds to the merchant's count that staff see. Audited. */
  async resolve(actor: Principal, id: number, outcome: 'upheld' | 'dismissed', resolution: string, requestId: string): Promise<MerchantComplaint> {
    return this.db.transaction(async (em) => {
      const complaint = await em.findOneBy(MerchantComplaint, { id });
      if (!complaint) throw notFound('投诉不存在');
      const now = this.clock.now();
      const r = await em
        .createQueryBuilder()
        .update(MerchantComplaint)
        .set({ status: outcome, resolution, handledBy: actor.accountId, handledAt: now })
        .where('id = :id AND status = :open', { id, open: 'open' })
        .execute();
      if (r.affected !== 1) throw conflict('INVALID_TRANSITION', '该投诉已处理');
      if (outcome === 'upheld') {
        await em
          .createQueryBuilder()
          .update(Merchant)
          .set({ upheldComplaints: () => 'upheld_complaints + 1', updatedAt: now })
          .where('id = :id', { id: complaint.merchantId })
          .execute();
      }
      await recordAudit(em, { actorAccountId: actor.accountId, action: `merchant_complaint.${outcome}`, targetType: 'merchant_complaint', targetId: id, detail: { merchantId: complaint.merchantId }, requestId }, now);
      return em.findOneByOrFail(MerchantComplaint, { id });
    });
  }
}
