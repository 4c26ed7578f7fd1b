import type { EntityManager } from 'typeorm';
import type { Database } from '../../../db/database';
import type { Clock } from '../../../lib/clock';
import type { Principal } from '../../../lib/principal';
import type { ApplicationsService } from '../../cards/applications.service';
import type { StaffService } from '../../staff/staff.service';
import { HANDOVER_SOON } from '../chat-answers';
import { ChatConversation } from '../chat-conversation.entity';
import { ChatErrors } from '../chat.errors';
import type { ReplyDraft } from '../chat.replies';
import type { HandoverHooks, HandoverTrigger, HolderHandoverView } from '../chat.service';
import { isOpen, nextOpening, spokenReturn } from './business-hours';
import type { BusinessHoursService } from './business-hours.service';
import { ChatHandover } from './chat-handover.entity';

/** Claimed handovers of a station whose first-response times predict the wait. */
const RECENT_FOR_ESTIMATE = 20;
/** Requests closer together than this do not move the holder's "last seen" (saves a write per poll). */
const PRESENCE_RESOLUTION_MS = 30_000;

/** Rating quick replies under the message that asks for one: the id's number is the score. */
const RATING_CHOICES = [
  { score: 5, label: '5分 非常满意' },
  { score: 4, label: '4分 满意' },
  { score: 3, label: '3分 一般' },
  { score: 2, label: '2分 不满意' },
  { score: 1, label: '1分 非常不满意' },
];
export const RATING_REPLIES = RATING_CHOICES.map((c) => ({
  id: `rating.${c.score}`,
  label: c.label,
  action: 'rate' as const,
}));

/**
 * The holder's side of a handover: it opens in the holder's station queue (with the business hours
 * said plainly), the holder sees their place and the expected wait, and rates the service once it
 * is resolved. Also keeps when the holder was last in the mini-program.
 */
export class HandoverService implements HandoverHooks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly applications: Pick<ApplicationsService, 'placeOf'>,
    private readonly staff: Pick<StaffService, 'findStaffMembers'>,
    private readonly hours: BusinessHoursService,
  ) {}

  /**
   * Runs in the transaction that moved the conversation to `waiting_staff`:
   * 1. Places it with the holder's station (their latest application's), or the district queue.
   * 2. Opens a handover row, the conversation pointing at it.
   * 3. Outside the station's hours, the handover message says when staff are back instead of "soon".
   */
  async handedOver(
    em: EntityManager,
    conversation: ChatConversation,
    trigger: HandoverTrigger,
    said: ReplyDraft,
    now: Date,
  ): Promise<ReplyDraft> {
    const place = await this.applications.placeOf(em, conversation.accountId);
    const inserted = await em.insert(ChatHandover, {
      conversationId: conversation.id,
      holderAccountId: conversation.accountId,
      stationId: place?.stationId ?? null,
      districtId: place?.districtId ?? null,
      trigger,
      handedOverAt: now,
      waitingSince: now,
      claimedAt: null,
      firstResponseAt: null,
      agentAccountId: null,
      resolvedAt: null,
      outcome: null,
      ratingAskedAt: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      createdAt: now,
    });
    const handoverId = Number(inserted.identifiers[0].id);
    await em.update(ChatConversation, { id: conversation.id }, { currentHandoverId: handoverId, agentAccountId: null });
    conversation.currentHandoverId = handoverId;
    conversation.agentAccountId = null;

    const hours = await this.hours.hoursOf(em, place?.stationId ?? null);
    if (isOpen(hours, now)) return said;
    const back = nextOpening(hours, now);
    const when = back
      ? `现在是非工作时间，工作人员将于 ${spokenReturn(back, now)} 上班后回复您。`
      : '现在是非工作时间，工作人员上班后会尽快回复您。';
    return { ...said, text: said.text.replace(HANDOVER_SOON, `${when}您的留言都会保留，可以继续在这里说明情况。`) };
  }

  /** Place in the queue while waiting, who answers while with staff, and the last rating. */
  async holderView(conversation: ChatConversation): Promise<HolderHandoverView> {
    if (conversation.currentHandoverId === null) return { queue: null, agent: null, rating: null };
    const em = this.db.manager;
    const handover = await em.findOneBy(ChatHandover, { id: conversation.currentHandoverId });
    if (!handover) return { queue: null, agent: null, rating: null };
    const asked = await em.findOne(ChatHandover, {
      where: { conversationId: conversation.id },
      order: { ratingAskedAt: 'DESC', id: 'DESC' },
    });
    const rating = asked?.ratingAskedAt
      ? { asked: true, score: asked.rating }
      : handover.resolvedAt
        ? { asked: false, score: null }
        : null;
    if (conversation.status === 'waiting_staff') return { queue: await this.queueOf(handover), agent: null, rating };
    if (conversation.status === 'with_staff' && conversation.agentAccountId !== null) {
      const agent = (await this.staff.findStaffMembers([conversation.agentAccountId])).get(conversation.agentAccountId);
      return { queue: null, agent: { displayName: agent?.displayName ?? '工作人员' }, rating };
    }
    return { queue: null, agent: null, rating };
  }

  /**
   * The holder's place among their station's waiting conversations (oldest first), the expected
   * wait (the median first response of the station's last 20 claimed handovers, times the place),
   * and, outside business hours, when staff are back.
   */
  private async queueOf(h: ChatHandover) {
    const em = this.db.manager;
    const sameQueue = h.stationId === null ? 'h.station_id IS NULL' : 'h.station_id = :stationId';
    const ahead = await em
      .createQueryBuilder(ChatHandover, 'h')
      .innerJoin(ChatConversation, 'c', 'c.current_handover_id = h.id')
      .where(`c.status = :waiting AND ${sameQueue}`, { waiting: 'waiting_staff', stationId: h.stationId })
      .andWhere('(h.waiting_since < :since OR (h.waiting_since = :since AND h.id < :id))', {
        since: h.waitingSince,
        id: h.id,
      })
      .getCount();
    const position = ahead + 1;
    const recent = await em
      .createQueryBuilder(ChatHandover, 'h')
      .where(`${sameQueue} AND h.first_response_at IS NOT NULL`, { stationId: h.stationId })
      .orderBy('h.first_response_at', 'DESC')
      .limit(RECENT_FOR_ESTIMATE)
      .getMany();
    const waits = recent.map((r) => r.firstResponseAt!.getTime() - r.handedOverAt.getTime());
    const typical = median(waits);
    const now = this.clock.now();
    const hours = await this.hours.hoursOf(em, h.stationId);
    return {
      position,
      expectedWaitMinutes: typical === null ? null : Math.max(1, Math.ceil((typical * position) / 60_000)),
      staffBackAt: isOpen(hours, now) ? null : nextOpening(hours, now),
    };
  }

  /**
   * Notes that the holder is in the mini-program now (any chat request). A staff reply to someone
   * not seen for a while also goes out as a subscribe message.
   */
  async touch(accountId: number): Promise<void> {
    const now = this.clock.now();
    await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(ChatConversation)
        .set({ holderActiveAt: now })
        .where('account_id = :accountId AND (holder_active_at IS NULL OR holder_active_at < :stale)', {
          accountId,
          stale: new Date(now.getTime() - PRESENCE_RESOLUTION_MS),
        })
        .execute(),
    );
  }

  /**
   * The holder rates the last resolved handover, once.
   * 1. The latest handover asked to be rated (409 RATING_NOT_ASKED when none).
   * 2. A guarded UPDATE: only while unrated (409 RATING_ALREADY_GIVEN after).
   */
  async rate(principal: Principal, score: number, comment: string | undefined) {
    return this.db.transaction(async (em) => {
      const conversation = await em.findOneBy(ChatConversation, { accountId: principal.accountId });
      const asked = conversation
        ? await em.findOne(ChatHandover, {
            where: { conversationId: conversation.id },
            order: { ratingAskedAt: 'DESC', id: 'DESC' },
          })
        : null;
      if (!asked?.ratingAskedAt) throw ChatErrors.ratingNotAsked();
      const r = await em
        .createQueryBuilder()
        .update(ChatHandover)
        .set({ rating: score, ratingComment: comment?.trim() || null, ratedAt: this.clock.now() })
        .where('id = :id AND rating IS NULL', { id: asked.id })
        .execute();
      if (r.affected !== 1) throw ChatErrors.ratingGiven();
      return { asked: true, score };
    });
  }
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile (p in 0..100); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
