import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../../db/database';
import type { Clock } from '../../../lib/clock';
import { forbidden, notFound, validationFailed } from '../../../lib/errors';
import { wechatTime } from '../../../lib/notice-template';
import type { Principal } from '../../../lib/principal';
import { TransitionErrors, transition } from '../../../lib/state-machine';
import type { ApplicationsService } from '../../cards/applications.service';
import type { BookingService } from '../../legal-aid/booking.service';
import type { ComplaintsService } from '../../merchants/complaints.service';
import type { RedemptionsService } from '../../merchants/redemptions.service';
import type { NotificationsService } from '../../notifications/notifications.service';
import type { PeopleService } from '../../people/people.service';
import { recordAudit } from '../../staff/audit.service';
import type { StaffService } from '../../staff/staff.service';
import { ChatConversationEvent } from '../chat-conversation-event.entity';
import { ChatConversation } from '../chat-conversation.entity';
import { CONVERSATION_TRANSITIONS, type ConversationAction, type ConversationState } from '../chat-conversation.states';
import { ChatMessage } from '../chat-message.entity';
import { STAFF_VISIBLE_MODERATIONS } from '../content-check.rules';
import type { CsReplyService } from '../cs-replies.service';
import { ChatErrors } from '../chat.errors';
import { appendMessages, lockConversation, type NewMessage } from '../chat.stream';
import { cleanHolderText } from '../chat.text';
import type { ConversationWaiter } from '../chat.waiter';
import type { CannedRepliesService } from './canned-replies.service';
import { ChatHandover } from './chat-handover.entity';
import { ChatInternalNote } from './chat-internal-note.entity';
import { RATING_REPLIES } from './handover.service';
import { assertViewer, canSeePlace, type InboxViewer, supervises, viewerOf } from './inbox.policy';

/** Conversations one staff member may have open (`with_staff`) at once. */
export const AGENT_OPEN_LIMIT = 8;
/** The holder counts as away (a staff reply also goes out as a subscribe message) after this long. */
export const AWAY_AFTER_MS = 5 * 60_000;
/** Messages (and notes) the context call returns. */
const CONTEXT_MESSAGES = 30;
/** Conversations one inbox page lists. */
const LIST_LIMIT = 100;

/** How often a waiting inbox poll reads the database again, for changes made by other instances. */
export const WATCH_RECHECK_MS = 1_000;

/** What the inbox poll waits for: a mark past `since`, for up to `waitMs`, until `signal` aborts. */
export interface InboxWatchQuery {
  since?: string;
  waitMs: number;
  signal: AbortSignal;
}

/** The inbox's mark now; `changed` when it differs from the one the poll was given. */
export interface InboxWatch {
  cursor: string;
  changed: boolean;
}

/** Intents that say nothing about what the holder wants (the guess skips them). */
const UNTELLING = new Set(['ask_person', 'unknown', 'greeting', 'thanks']);

export interface InboxFilter {
  state: 'waiting_staff' | 'with_staff' | 'resolved';
  mine: boolean;
}

/** A conversation in the inbox, with what the list shows of it. */
export interface InboxEntry {
  conversation: ChatConversation;
  handover: ChatHandover;
  holder: { name: string; category: string; verified: boolean; phoneLast4: string } | null;
  station: { id: number; name: string; phone: string | null } | null;
  agent: { accountId: number; displayName: string } | null;
  lastMessage: ChatMessage | null;
  now: Date;
}

/** One line of the context's stream: a message the holder saw, or a note they never see. */
export type StaffLine = { kind: 'message'; message: ChatMessage } | { kind: 'note'; note: ChatInternalNote };

export interface ConversationContext {
  entry: InboxEntry;
  application: { id: number; kind: string; status: string; phrase: string } | null;
  appointments: Array<{ id: number; serviceType: string; startsAt: Date; status: string; providerName: string | null }>;
  redemptions: Array<{ id: number; merchantName: string | null; offerTitle: string | null; at: Date }>;
  complaints: Array<{ id: number; merchantName: string | null; status: string; at: Date }>;
  assistantIntent: string | null;
  lines: StaffLine[];
  history: ChatConversationEvent[];
}

export interface StaffReplyInput {
  text?: string;
  cannedReplyId?: number;
  internal?: boolean;
}

export interface InboxServices {
  staff: Pick<StaffService, 'listStations' | 'findStaffMembers'>;
  people: Pick<PeopleService, 'identitiesOf'>;
  applications: Pick<ApplicationsService, 'statusOf'>;
  booking: Pick<BookingService, 'mine'>;
  redemptions: Pick<RedemptionsService, 'mine'>;
  complaints: Pick<ComplaintsService, 'mine'>;
  notifications: Pick<NotificationsService, 'notify'>;
  /** Replies to a holder who wrote through WeChat's customer-service chat go back that way too. */
  csReplies?: Pick<CsReplyService, 'queueIfWindowOpen' | 'deliver'>;
}

/**
 * Staff's side of handed-over conversations: the queue, claiming (one owner), transferring,
 * answering (replies reach the holder's stream at once; notes never do), resolving, and the
 * holder's context in one call. Every move goes through the transition table with history.
 */
export class InboxService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly waiter: ConversationWaiter,
    private readonly canned: CannedRepliesService,
    private readonly s: InboxServices,
  ) {}

  /** The caller as inbox staff (403 for anyone else). */
  async viewer(principal: Principal): Promise<InboxViewer> {
    const v = viewerOf((await this.s.staff.findStaffMembers([principal.accountId])).get(principal.accountId));
    assertViewer(v);
    return v;
  }

  /** Conversations in one state the caller may see: waiting and open ones oldest waiting first, resolved newest first. */
  async list(principal: Principal, filter: InboxFilter): Promise<InboxEntry[]> {
    const v = await this.viewer(principal);
    const q = this.db.manager
      .createQueryBuilder(ChatHandover, 'h')
      .innerJoin(ChatConversation, 'c', 'c.current_handover_id = h.id')
      .where('c.status = :state', { state: filter.state });
    this.scoped(q, v);
    if (filter.mine) q.andWhere('c.agent_account_id = :me', { me: v.accountId });
    if (filter.state === 'resolved') q.orderBy('h.resolved_at', 'DESC').addOrderBy('h.id', 'DESC');
    else q.orderBy('h.waiting_since', 'ASC').addOrderBy('h.id', 'ASC');
    const handovers = await q.limit(LIST_LIMIT).getMany();
    return this.entries(handovers);
  }

  /**
   * Waits until the caller's inbox changes: a conversation starts waiting or leaves the queue, is
   * claimed, transferred, released or resolved, or a message arrives in a waiting conversation or
   * one of the caller's. The inbox is summed up as a mark (a hash of those conversations' states,
   * agents and last sequence numbers); without `since` the current mark comes back at once.
   * A wait ends when a write on this instance wakes it and the mark moved, when a re-read of the
   * database (every WATCH_RECHECK_MS) finds the mark moved by another instance, at `waitMs`, or
   * when the request's signal aborts; then `changed` is false.
   */
  async watch(principal: Principal, q: InboxWatchQuery): Promise<InboxWatch> {
    const v = await this.viewer(principal);
    // Watching before the first read, so a write committed in between still wakes this poll.
    const ticket = this.waiter.watchAll();
    try {
      // Real time, not the injected clock: this is how long the request is held, not a date.
      const deadline = Date.now() + q.waitMs;
      for (;;) {
        const cursor = await this.inboxMark(v);
        if (q.since === undefined || cursor !== q.since) return { cursor, changed: true };
        const left = deadline - Date.now();
        if (left <= 0 || q.signal.aborted) return { cursor, changed: false };
        if ((await ticket.wait(Math.min(left, WATCH_RECHECK_MS), q.signal)) === 'aborted') {
          return { cursor, changed: false };
        }
      }
    } finally {
      ticket.close();
    }
  }

  /** Inbox polls waiting on this instance now (for tests and the operator's figures). */
  get watchingPolls(): number {
    return this.waiter.watching;
  }

  /**
   * The viewer's inbox summed up: every waiting conversation they may see, with its last sequence
   * number; the open ones with their agent, and the last sequence number of the viewer's own.
   * Messages in a colleague's open conversation do not move it.
   */
  private async inboxMark(v: InboxViewer): Promise<string> {
    const q = this.db.manager
      .createQueryBuilder(ChatHandover, 'h')
      .innerJoin(ChatConversation, 'c', 'c.current_handover_id = h.id')
      .select(['c.id AS id', 'c.status AS status', 'c.agent_account_id AS agent', 'c.last_seq AS seq'])
      .where('c.status IN (:...states)', { states: ['waiting_staff', 'with_staff'] });
    this.scoped(q, v);
    const rows: Array<{ id: unknown; status: string; agent: unknown; seq: unknown }> = await q
      .orderBy('c.id', 'ASC')
      .getRawMany();
    const parts = rows.map((r) => {
      const agent = r.agent === null ? null : Number(r.agent);
      const seq = r.status === 'waiting_staff' || agent === v.accountId ? Number(r.seq) : '';
      return `${Number(r.id)}:${r.status}:${agent ?? ''}:${seq}`;
    });
    return createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 22);
  }

  /** Limits a query on handovers `h` to the places the viewer may see. */
  private scoped<Q extends { andWhere(where: string, params: Record<string, unknown>): unknown }>(
    q: Q,
    v: InboxViewer,
  ): void {
    if (v.admin) return;
    const scope: string[] = [];
    if (v.stationId !== null) scope.push('h.station_id = :viewerStation');
    if (v.districtId !== null) scope.push('(h.district_id = :viewerDistrict OR h.district_id IS NULL)');
    q.andWhere(`(${scope.join(' OR ')})`, { viewerStation: v.stationId, viewerDistrict: v.districtId });
  }

  /**
   * Takes a waiting conversation.
   * 1. Visible to the caller (404), waiting (409 ALREADY_CLAIMED when someone has it).
   * 2. Under the caller's open limit (409 AGENT_LIMIT_REACHED).
   * 3. With the conversation locked: the guarded transition (a racing claim loses with 409
   *    ALREADY_CLAIMED), the handover's agent, and a line telling the holder who answers.
   */
  async claim(principal: Principal, id: number): Promise<InboxEntry> {
    const v = await this.viewer(principal);
    const { conversation: seen } = await this.visible(this.db.manager, v, id);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { conversation, handover } = await this.locked(em, v, seen.accountId, now);
      if (conversation.status === 'with_staff') throw ChatErrors.alreadyClaimed();
      if (conversation.status !== 'waiting_staff') throw TransitionErrors.moved();
      await this.checkLimit(em, v.accountId);
      await this.move(em, conversation, 'claim', v, now, { set: { agentAccountId: v.accountId } });
      await em.update(
        ChatHandover,
        { id: handover.id },
        { agentAccountId: v.accountId, claimedAt: handover.claimedAt ?? now },
      );
      await this.say(em, conversation, `工作人员${v.displayName}已接入，正在为您服务。`, now);
    });
    return this.entry(v, id);
  }

  /** Gives an open conversation back to the queue (the agent, or district staff and admins). */
  async release(principal: Principal, id: number): Promise<InboxEntry> {
    const v = await this.viewer(principal);
    const { conversation: seen } = await this.visible(this.db.manager, v, id);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { conversation, handover } = await this.locked(em, v, seen.accountId, now);
      if (conversation.status !== 'with_staff') throw TransitionErrors.moved();
      this.assertHandles(v, conversation, handover);
      await this.move(em, conversation, 'release', v, now, { set: { agentAccountId: null } });
      await em.update(ChatHandover, { id: handover.id }, { agentAccountId: null });
      await this.say(em, conversation, '您的咨询已重新排队，稍后由其他工作人员为您服务。', now);
    });
    return this.entry(v, id);
  }

  /**
   * Hands an open conversation to another staff member.
   * 1. The target is enabled inbox staff (404) who may see this holder (403) and has room (409).
   * 2. The caller is the agent, or district staff or an admin over it (403).
   * 3. `transfer` (with_staff → with_staff) guarded on the current agent, its history row naming
   *    both; the holder is told who answers now.
   */
  async transfer(principal: Principal, id: number, toAccountId: number): Promise<InboxEntry> {
    const v = await this.viewer(principal);
    const target = viewerOf((await this.s.staff.findStaffMembers([toAccountId])).get(toAccountId));
    if (!target) throw notFound('工作人员不存在');
    const { conversation: seen } = await this.visible(this.db.manager, v, id);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { conversation, handover } = await this.locked(em, v, seen.accountId, now);
      if (conversation.status !== 'with_staff') throw TransitionErrors.moved();
      this.assertHandles(v, conversation, handover);
      if (!canSeePlace(target, handover)) throw forbidden('该工作人员不负责此对话所属的服务站');
      const from = conversation.agentAccountId!;
      if (from === target.accountId) throw validationFailed('toAccountId', '对话已由该工作人员接待');
      await this.checkLimit(em, target.accountId);
      const fromName = (await this.s.staff.findStaffMembers([from])).get(from)?.displayName ?? `#${from}`;
      await this.move(em, conversation, 'transfer', v, now, {
        set: { agentAccountId: target.accountId },
        guard: { where: 'agent_account_id = :currentAgent', params: { currentAgent: from } },
        reason: `由${fromName}（#${from}）转给${target.displayName}（#${target.accountId}）`,
      });
      await em.update(ChatHandover, { id: handover.id }, { agentAccountId: target.accountId });
      await this.say(em, conversation, `已为您转接工作人员${target.displayName}，请稍候。`, now);
    });
    return this.entry(v, id);
  }

  /**
   * A staff reply, or an internal note.
   * 1. The text: typed (the holder's rules: not empty, at most 500 characters), or a canned reply
   *    with its variables filled for this holder.
   * 2. A note goes to the notes (any state) and is never in the holder's stream.
   * 3. A reply needs the conversation open with the caller as agent (409 CONVERSATION_NOT_CLAIMED
   *    while waiting, 403 when another has it); it is appended under the conversation's lock, the
   *    first one stamps the first response, the holder's polls wake at the commit, and a holder
   *    away for five minutes also gets a subscribe message (one per staff message).
   */
  async reply(
    principal: Principal,
    id: number,
    input: StaffReplyInput,
  ): Promise<{ message: ChatMessage } | { note: ChatInternalNote }> {
    const v = await this.viewer(principal);
    const { conversation: seen, handover: seenHandover } = await this.visible(this.db.manager, v, id);
    const text =
      input.cannedReplyId !== undefined
        ? await this.canned.fill(principal, input.cannedReplyId, {
            holderAccountId: seen.accountId,
            stationId: seenHandover.stationId,
          })
        : cleanHolderText(input.text ?? '');
    if (input.internal) {
      return this.db.transaction(async (em) => {
        const now = this.clock.now();
        const r = await em.insert(ChatInternalNote, {
          conversationId: seen.id,
          authorAccountId: v.accountId,
          authorName: v.displayName,
          text,
          createdAt: now,
        });
        return { note: await em.findOneByOrFail(ChatInternalNote, { id: Number(r.identifiers[0].id) }) };
      });
    }
    let viaChannel: number[] = [];
    const replied = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { conversation, handover } = await this.locked(em, v, seen.accountId, now);
      if (conversation.status === 'waiting_staff') throw ChatErrors.notClaimed();
      if (conversation.status !== 'with_staff') throw TransitionErrors.moved();
      if (conversation.agentAccountId !== v.accountId) throw forbidden('该对话由其他工作人员接待');
      const [message] = await appendMessages(
        em,
        conversation,
        [{ sender: 'staff', kind: 'text', text, authorAccountId: v.accountId, authorName: v.displayName }],
        now,
      );
      if (!handover.firstResponseAt) await em.update(ChatHandover, { id: handover.id }, { firstResponseAt: now });
      this.waiter.wakeAfterCommit(em, conversation.id);
      // A holder who wrote through WeChat's service chat gets the reply there while its window is
      // open (sent after commit); otherwise a holder who is away hears of it by a subscribe message.
      viaChannel = (await this.s.csReplies?.queueIfWindowOpen(em, conversation.accountId, [message])) ?? [];
      const seenAt = conversation.holderActiveAt?.getTime() ?? 0;
      if (viaChannel.length === 0 && now.getTime() - seenAt >= AWAY_AFTER_MS) {
        await this.s.notifications.notify(em, {
          recipient: conversation.accountId,
          templateKey: 'chat_reply',
          data: { agent: v.displayName, excerpt: text, time: wechatTime(now) },
          idempotencyKey: `chat-reply:${message.id}`,
        });
      }
      return { message };
    });
    // Sent after the commit; a failed or interrupted send is picked up by the channel's reply job.
    if (viaChannel.length > 0) await this.s.csReplies?.deliver(viaChannel);
    return replied;
  }

  /**
   * Closes a conversation with an outcome (the agent, or district staff and admins; a waiting one
   * by anyone who sees it). A conversation staff talked in asks the holder for a rating, once.
   */
  async resolve(principal: Principal, id: number, outcome: string): Promise<InboxEntry> {
    const v = await this.viewer(principal);
    const { conversation: seen } = await this.visible(this.db.manager, v, id);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { conversation, handover } = await this.locked(em, v, seen.accountId, now);
      if (conversation.status === 'with_staff') this.assertHandles(v, conversation, handover);
      await this.move(em, conversation, 'resolve', v, now, { set: { agentAccountId: null }, reason: outcome });
      const askRating = handover.claimedAt !== null;
      await em.update(
        ChatHandover,
        { id: handover.id },
        { resolvedAt: now, outcome, ratingAskedAt: askRating ? now : null },
      );
      if (askRating) {
        await appendMessages(
          em,
          conversation,
          [
            {
              sender: 'system',
              kind: 'quick_replies',
              text: '本次人工服务已结束，感谢您的耐心。请为本次服务打个分：',
              quickReplies: RATING_REPLIES,
            },
          ],
          now,
        );
        this.waiter.wakeAfterCommit(em, conversation.id);
      } else {
        await this.say(em, conversation, '本次咨询已结束。如还有问题，可以继续在这里提问。', now);
      }
    });
    return this.entry(v, id);
  }

  /**
   * Everything staff need in one call: who the holder is (masked), their application, upcoming
   * appointments, recent redemptions and complaints, the assistant's guess at what they want, the
   * last 30 lines with notes, and the history. Reading it is audit-logged.
   */
  async context(principal: Principal, id: number, requestId: string): Promise<ConversationContext> {
    const v = await this.viewer(principal);
    const { handover } = await this.visible(this.db.manager, v, id);
    const [entry] = await this.entries([handover]);
    const holder: Principal = { accountId: entry.conversation.accountId, roles: ['holder'] };
    const now = this.clock.now();
    const em = this.db.manager;
    const [status, booked, redeemed, complained, messages, notes, history, asked] = await Promise.all([
      this.s.applications.statusOf(holder),
      this.s.booking.mine(holder),
      this.s.redemptions.mine(holder, { limit: 5 }),
      this.s.complaints.mine(holder, { limit: 5 }),
      // Only what the content check let staff see: unchecked text waits for its re-check, refused never shows.
      em.find(ChatMessage, {
        where: { conversationId: id, moderation: In([...STAFF_VISIBLE_MODERATIONS]) },
        order: { seq: 'DESC' },
        take: CONTEXT_MESSAGES,
      }),
      em.find(ChatInternalNote, { where: { conversationId: id }, order: { id: 'DESC' }, take: CONTEXT_MESSAGES }),
      em.find(ChatConversationEvent, { where: { conversationId: id }, order: { id: 'ASC' } }),
      em
        .createQueryBuilder(ChatMessage, 'm')
        .where('m.conversation_id = :id AND m.intent IS NOT NULL', { id })
        .andWhere('m.sender IN (:...senders)', { senders: ['holder', 'assistant'] })
        .orderBy('m.seq', 'DESC')
        .limit(50)
        .getMany(),
    ]);
    await this.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actorAccountId: v.accountId,
          action: 'chat.context',
          targetType: 'chat_conversation',
          targetId: id,
          detail: { holderAccountId: entry.conversation.accountId },
          requestId,
        },
        now,
      ),
    );
    const lines: StaffLine[] = [
      ...messages.map((message) => ({ kind: 'message' as const, message })),
      ...notes.map((note) => ({ kind: 'note' as const, note })),
    ];
    const at = (l: StaffLine) => (l.kind === 'message' ? l.message.createdAt : l.note.createdAt).getTime();
    lines.sort((a, b) => at(a) - at(b) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
    return {
      entry,
      application: status ? { id: status.id, kind: status.kind, status: status.status, phrase: status.phrase } : null,
      appointments: booked.appointments
        .filter((a) => (a.status === 'booked' || a.status === 'checked_in') && a.startsAt.getTime() >= now.getTime())
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((a) => ({
          id: a.id,
          serviceType: a.serviceType,
          startsAt: a.startsAt,
          status: a.status,
          providerName: booked.providers.get(a.providerId)?.name ?? null,
        })),
      redemptions: redeemed.rows.map((r) => ({
        id: r.id,
        merchantName: redeemed.merchants.get(r.merchantId)?.name ?? null,
        offerTitle: redeemed.offers.get(r.offerId)?.title ?? null,
        at: r.createdAt,
      })),
      complaints: complained.map((c) => ({
        id: c.complaint.id,
        merchantName: c.merchant?.name ?? null,
        status: c.complaint.status,
        at: c.complaint.createdAt,
      })),
      assistantIntent:
        (asked.find((m) => m.sender === 'holder' && !UNTELLING.has(m.intent!)) ?? asked[0])?.intent ?? null,
      lines: lines.slice(-CONTEXT_MESSAGES),
      history,
    };
  }

  /** One conversation as the list shows it (after an action). */
  private async entry(v: InboxViewer, id: number): Promise<InboxEntry> {
    const { handover } = await this.visible(this.db.manager, v, id);
    return (await this.entries([handover]))[0];
  }

  private async entries(handovers: ChatHandover[]): Promise<InboxEntry[]> {
    if (handovers.length === 0) return [];
    const em = this.db.manager;
    const conversations = await em.findBy(ChatConversation, { id: In(handovers.map((h) => h.conversationId)) });
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const [identities, stations, agents, last] = await Promise.all([
      this.s.people.identitiesOf(conversations.map((c) => c.accountId)),
      this.s.staff.listStations(),
      this.s.staff.findStaffMembers(conversations.flatMap((c) => (c.agentAccountId ? [c.agentAccountId] : []))),
      em
        .createQueryBuilder(ChatMessage, 'm')
        .innerJoin(ChatConversation, 'c', 'c.id = m.conversation_id AND m.seq = c.last_seq')
        .where('c.id IN (:...ids)', { ids: conversations.map((c) => c.id) })
        .andWhere('m.moderation IN (:...visible)', { visible: [...STAFF_VISIBLE_MODERATIONS] })
        .getMany(),
    ]);
    const lastBy = new Map(last.map((m) => [m.conversationId, m]));
    const now = this.clock.now();
    return handovers.map((handover) => {
      const conversation = byId.get(handover.conversationId)!;
      const station = stations.find((s) => s.id === handover.stationId);
      const agent = conversation.agentAccountId ? agents.get(conversation.agentAccountId) : undefined;
      return {
        conversation,
        handover,
        holder: identities.get(conversation.accountId) ?? null,
        station: station ? { id: station.id, name: station.name, phone: station.phone } : null,
        agent: agent ? { accountId: agent.id, displayName: agent.displayName } : null,
        lastMessage: lastBy.get(conversation.id) ?? null,
        now,
      };
    });
  }

  /** The conversation and its current handover, 404 unless the viewer may see it. */
  private async visible(
    em: EntityManager,
    v: InboxViewer,
    id: number,
  ): Promise<{ conversation: ChatConversation; handover: ChatHandover }> {
    const conversation = await em.findOneBy(ChatConversation, { id });
    const handover = conversation?.currentHandoverId
      ? await em.findOneBy(ChatHandover, { id: conversation.currentHandoverId })
      : null;
    if (!conversation || !handover || !canSeePlace(v, handover)) throw notFound('对话不存在');
    return { conversation, handover };
  }

  /**
   * The holder's conversation with its row locked for the transaction (the lock every writer of
   * the conversation takes). The locking read comes first in the transaction, so on MySQL every
   * later read sees what racing staff committed before it; visibility was checked before (outside).
   */
  private async locked(em: EntityManager, v: InboxViewer, holderAccountId: number, now: Date) {
    const actor = { accountId: v.accountId, role: 'staff' as const };
    const { conversation } = await lockConversation(em, holderAccountId, actor, now);
    const handover = conversation.currentHandoverId
      ? await em.findOneBy(ChatHandover, { id: conversation.currentHandoverId })
      : null;
    if (!handover || !canSeePlace(v, handover)) throw notFound('对话不存在');
    return { conversation, handover };
  }

  /** The agent may act on an open conversation, and district staff and admins over it. */
  private assertHandles(v: InboxViewer, conversation: ChatConversation, handover: ChatHandover): void {
    if (conversation.agentAccountId !== v.accountId && !supervises(v, handover)) {
      throw forbidden('该对话由其他工作人员接待');
    }
  }

  private async checkLimit(em: EntityManager, accountId: number): Promise<void> {
    const open = await em.countBy(ChatConversation, { agentAccountId: accountId, status: 'with_staff' });
    if (open >= AGENT_OPEN_LIMIT) throw ChatErrors.agentLimitReached(AGENT_OPEN_LIMIT);
  }

  private async move(
    em: EntityManager,
    conversation: ChatConversation,
    action: ConversationAction,
    v: InboxViewer,
    now: Date,
    opts: {
      set?: Partial<ChatConversation>;
      guard?: { where: string; params: Record<string, unknown> };
      reason?: string;
    },
  ): Promise<ConversationState> {
    const { to } = await transition(em, {
      entity: ChatConversation,
      id: conversation.id,
      table: CONVERSATION_TRANSITIONS,
      action,
      actor: { accountId: v.accountId, role: 'staff' },
      at: now,
      reason: opts.reason,
      set: { ...opts.set, updatedAt: now },
      guard: opts.guard,
      history: { entity: ChatConversationEvent, subjectKey: 'conversationId' },
      // A claim that lost the race to another staff member says so.
      moved: action === 'claim' ? ChatErrors.alreadyClaimed : undefined,
    });
    conversation.status = to;
    return to;
  }

  /** A line of the service in the holder's stream (who answers, queued again, closed). */
  private async say(em: EntityManager, conversation: ChatConversation, text: string, now: Date): Promise<void> {
    const line: NewMessage = { sender: 'system', kind: 'text', text };
    await appendMessages(em, conversation, [line], now);
    this.waiter.wakeAfterCommit(em, conversation.id);
  }
}
