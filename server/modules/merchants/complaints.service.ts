import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import type { CardService } from '../cards/card.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { MERCHANT_PAGES } from './merchants.pages';
import { wechatTime } from '../../lib/notice-template';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import { MerchantComplaintEvent } from './merchant-complaint-event.entity';
import { MerchantComplaint } from './merchant-complaint.entity';
import {
  COMPLAINT_TRANSITIONS,
  COMPLAINTS_PER_DAY,
  OUTCOME_ACTIONS,
  type ComplaintStatus,
} from './merchant-complaint.states';
import { Merchant } from './merchant.entity';
import { MerchantErrors } from './merchants.errors';
import { Redemption } from './redemption.entity';

/** A holder's complaint with what they read back: the merchant and the history. */
export interface HolderComplaint {
  complaint: MerchantComplaint;
  merchant: Merchant | undefined;
  history: MerchantComplaintEvent[];
}

/**
 * Holders report merchants; staff uphold or dismiss each report with a reason, the holder is told
 * the outcome, and upheld ones count against the merchant.
 */
export class ComplaintsService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleService,
    private readonly cards: CardService,
    private readonly clock: Clock,
  ) {}

  /**
   * 1. Only merchants the public can see (active, or suspended after complaints) can be reported.
   * 2. The holder has a bound identity (409 IDENTITY_REQUIRED) and an active card (409 CARD_INACTIVE).
   * 3. In one transaction: take one of the day's places (409 LIMIT_REACHED past the limit), note
   *    whether the holder has used a discount at the merchant, and write the first history row.
   */
  async file(principal: Principal, merchantId: number, text: string): Promise<MerchantComplaint> {
    const merchant = await this.db.manager.findOneBy(Merchant, { id: merchantId });
    if (!merchant || (merchant.status !== 'active' && merchant.status !== 'suspended')) throw notFound('商户不存在');
    const person = await this.people.identityOf(principal.accountId);
    if (!person) throw MerchantErrors.identityRequired();
    if (!(await this.cards.hasActiveCard(person.id))) throw MerchantErrors.noActiveCard();

    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const hasRedemption = await em.exists(Redemption, { where: { personId: person.id, merchantId } });
      const id = await this.insertWithinDailyLimit(em, principal.accountId, now, {
        merchantId,
        accountId: principal.accountId,
        text,
        status: 'open',
        resolution: null,
        handledBy: null,
        handledAt: null,
        hasRedemption,
        createdAt: now,
      });
      await em.insert(MerchantComplaintEvent, {
        complaintId: id,
        action: 'file',
        fromStatus: null,
        toStatus: 'open',
        actorAccountId: principal.accountId,
        actorRole: 'holder',
        reason: null,
        createdAt: now,
      });
      return em.findOneByOrFail(MerchantComplaint, { id });
    });
  }

  /** Staff's queue, newest first. */
  async list(filter: {
    status?: ComplaintStatus;
    merchantId?: number;
    beforeId?: number;
    limit: number;
  }): Promise<MerchantComplaint[]> {
    const where: FindOptionsWhere<MerchantComplaint> = {};
    if (filter.status) where.status = filter.status;
    if (filter.merchantId) where.merchantId = filter.merchantId;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.db.manager.find(MerchantComplaint, { where, order: { id: 'DESC' }, take: filter.limit });
  }

  /** The caller's own complaints, newest first, with the merchant and each one's history. */
  async mine(principal: Principal, opts: { beforeId?: number; limit: number }): Promise<HolderComplaint[]> {
    const em = this.db.manager;
    const where: FindOptionsWhere<MerchantComplaint> = { accountId: principal.accountId };
    if (opts.beforeId) where.id = LessThan(opts.beforeId);
    const rows = await em.find(MerchantComplaint, { where, order: { id: 'DESC' }, take: opts.limit });
    if (rows.length === 0) return [];
    const [merchants, events] = await Promise.all([
      em.findBy(Merchant, { id: In([...new Set(rows.map((c) => c.merchantId))]) }),
      em.find(MerchantComplaintEvent, { where: { complaintId: In(rows.map((c) => c.id)) }, order: { id: 'ASC' } }),
    ]);
    const byId = new Map(merchants.map((m) => [m.id, m]));
    return rows.map((complaint) => ({
      complaint,
      merchant: byId.get(complaint.merchantId),
      history: events.filter((e) => e.complaintId === complaint.id),
    }));
  }

  /**
   * Settles an open complaint with a reason.
   * 1. Guarded transition open → upheld | dismissed (409 INVALID_TRANSITION once settled).
   * 2. A history row with the reason; an upheld one adds to the merchant's count staff see.
   * 3. The holder is told the outcome and the reason; the decision is audited.
   */
  async resolve(
    actor: Principal,
    id: number,
    outcome: 'upheld' | 'dismissed',
    resolution: string,
    requestId: string,
  ): Promise<MerchantComplaint> {
    return this.db.transaction(async (em) => {
      const complaint = await em.findOneBy(MerchantComplaint, { id });
      if (!complaint) throw notFound('投诉不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: MerchantComplaint,
        id,
        table: COMPLAINT_TRANSITIONS,
        action: OUTCOME_ACTIONS[outcome],
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason: resolution,
        set: { resolution, handledBy: actor.accountId, handledAt: now },
        history: { entity: MerchantComplaintEvent, subjectKey: 'complaintId' },
      });
      if (outcome === 'upheld') {
        await em
          .createQueryBuilder()
          .update(Merchant)
          .set({ upheldComplaints: () => 'upheld_complaints + 1', updatedAt: now })
          .where('id = :id', { id: complaint.merchantId })
          .execute();
      }
      const merchant = await em.findOneBy(Merchant, { id: complaint.merchantId });
      const subject = merchant ? `您对“${merchant.name}”的投诉` : '您的投诉';
      await this.notifications.notify(em, {
        recipient: complaint.accountId,
        templateKey: 'service_notice',
        data: {
          title: outcome === 'upheld' ? '投诉处理结果：投诉成立' : '投诉处理结果：未予支持',
          remark: resolution,
          time: wechatTime(now),
          detail: `${subject}${outcome === 'upheld' ? '经核实成立' : '经核实未予支持'}。处理意见：${resolution}`,
        },
        page: MERCHANT_PAGES.myComplaints,
        idempotencyKey: `merchant-complaint:${id}:${outcome}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: `merchant_complaint.${outcome}`,
          targetType: 'merchant_complaint',
          targetId: id,
          detail: { merchantId: complaint.merchantId },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(MerchantComplaint, { id });
    });
  }

  /**
   * Inserts the complaint holding one of the day's numbered places (`<account>:<day>:<n>`): the
   * unique key settles two filings racing for the same place, and the next place is tried.
   */
  private async insertWithinDailyLimit(
    em: EntityManager,
    accountId: number,
    now: Date,
    values: Omit<MerchantComplaint, 'id' | 'limitKey'>,
  ): Promise<number> {
    const day = shanghaiDate(now);
    const prefix = `${accountId}:${day}:`;
    for (let n = 1; n <= COMPLAINTS_PER_DAY; n++) {
      if (await em.existsBy(MerchantComplaint, { limitKey: `${prefix}${n}` })) continue;
      try {
        const r = await em.insert(MerchantComplaint, { ...values, limitKey: `${prefix}${n}` });
        return Number(r.identifiers[0].id);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw MerchantErrors.dailyComplaintsSpent(COMPLAINTS_PER_DAY);
  }
}
