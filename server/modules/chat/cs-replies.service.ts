import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { upsert } from '../../db/upsert';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { wechatTime } from '../../lib/notice-template';
import type { AuthService } from '../auth/auth.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { ChatMessage } from './chat-message.entity';
import { CHAT_PAGES } from './chat.pages';
import type { MessageCard, QuickReply } from './chat.replies';
import type { CsMiniProgramPage, CsSendResult, CustomerServiceChannelPort } from './cs-channel.port';
import { ChatChannelState } from './cs-channel-state.entity';
import { ChatChannelReply } from './cs-reply.entity';

/** WeChat's window for replies: within 48 hours of the holder's last message … */
export const CS_WINDOW_MS = 48 * 3600_000;
/** … and at most 5 of them. */
export const CS_WINDOW_REPLIES = 5;

/** Pauses before the 2nd … 5th attempt of a reply WeChat could not take yet (±20 %). */
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000];
export const CS_REPLY_ATTEMPTS = BACKOFF_MS.length + 1;

const LEASE_MS = 120_000;
const BATCH = 50;

export interface CsDeliveryCounts {
  [key: string]: number;
  claimed: number;
  sent: number;
  fallback: number;
  retried: number;
}

/** Who a reply is from, as the `chat_reply` subscribe message names them. */
const ASSISTANT_NAME = '戎友服务助手';

/**
 * Replies through WeChat's customer-service chat (客服消息), as an outbox:
 * - rows are queued inside the transaction that writes the answer (`queueMessages`, `queueText`),
 *   so a reply exists exactly when its answer does;
 * - they are sent after that transaction commits (`deliver`), never inside it, and again by the
 *   `cs-replies` job with backoff while WeChat cannot take them (`deliverDue`);
 * - WeChat's window (5 replies within 48 h of the holder's last message) is tracked per holder, so
 *   a reply that cannot pass is not even tried; a closed window or a final refusal falls back to the
 *   `chat_reply` subscribe message (the answer is in the mini-program's stream in any case).
 */
export class CsReplyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly port: CustomerServiceChannelPort,
    private readonly auth: Pick<AuthService, 'openidsOf'>,
    private readonly notifications: Pick<NotificationsService, 'notify'>,
  ) {}

  /** The holder wrote in the service chat (inside the transaction recording it): a new window opens. */
  async holderWrote(em: EntityManager, accountId: number, at: Date): Promise<void> {
    await upsert(
      em,
      ChatChannelState,
      { accountId, lastHolderMessageAt: at, repliesInWindow: 0, createdAt: at, updatedAt: at },
      ['accountId'],
      { lastHolderMessageAt: 'inserted', repliesInWindow: 'inserted', updatedAt: 'inserted' },
    );
  }

  /** Remembers the contact button's `session-from`: which page the holder came from. */
  async rememberSessionFrom(em: EntityManager, accountId: number, sessionFrom: string, at: Date): Promise<void> {
    const value = Array.from(sessionFrom).slice(0, 128).join('');
    await upsert(
      em,
      ChatChannelState,
      { accountId, sessionFrom: value, sessionFromAt: at, repliesInWindow: 0, createdAt: at, updatedAt: at },
      ['accountId'],
      { sessionFrom: 'inserted', sessionFromAt: 'inserted', updatedAt: 'inserted' },
    );
  }

  /** The holder's service-chat state: window and the page they came from (null before their first push). */
  async stateOf(accountId: number): Promise<ChatChannelState | null> {
    return this.db.manager.findOneBy(ChatChannelState, { accountId });
  }

  /** Whether a reply to this holder may still pass WeChat's window now. */
  windowOpen(state: Pick<ChatChannelState, 'lastHolderMessageAt' | 'repliesInWindow'> | null, now: Date): boolean {
    if (!state?.lastHolderMessageAt) return false;
    return (
      now.getTime() - state.lastHolderMessageAt.getTime() <= CS_WINDOW_MS && state.repliesInWindow < CS_WINDOW_REPLIES
    );
  }

  /**
   * Queues conversation messages (the assistant's answer, a staff reply) for the service chat,
   * inside the transaction that writes them: the text (with the quick replies the holder may type
   * back), then a mini-program card when the message opens a page. Falls back to a subscribe
   * message when the channel cannot carry it. Returns the rows' ids, to deliver after the commit.
   */
  async queueMessages(em: EntityManager, accountId: number, messages: ChatMessage[]): Promise<number[]> {
    const ids: number[] = [];
    for (const m of messages) {
      const text = channelText(m);
      if (text) ids.push(...(await this.insert(em, accountId, `message:${m.id}:text`, { kind: 'text', text }, m.id)));
      const page = channelPage(m);
      if (page) ids.push(...(await this.insert(em, accountId, `message:${m.id}:page`, { kind: 'page', page }, m.id)));
    }
    return ids;
  }

  /**
   * For staff replies: queues the messages for the service chat only when the holder's last
   * message came through it and the window is still open; the stream has them either way.
   */
  async queueIfWindowOpen(em: EntityManager, accountId: number, messages: ChatMessage[]): Promise<number[]> {
    const state = await em.findOneBy(ChatChannelState, { accountId });
    if (!this.windowOpen(state, this.clock.now())) return [];
    return this.queueMessages(em, accountId, messages);
  }

  /** A text that is not in the conversation (a refusal, an acknowledgement), sent through the channel only. */
  async queueText(em: EntityManager, accountId: number, key: string, text: string): Promise<number[]> {
    return this.insert(em, accountId, key, { kind: 'text', text }, null);
  }

  /** Sends these queued rows now (after the transaction that queued them committed). */
  async deliver(ids: number[]): Promise<CsDeliveryCounts> {
    if (ids.length === 0) return { claimed: 0, sent: 0, fallback: 0, retried: 0 };
    return this.run(ids);
  }

  /** The job: every reply due (new, or waiting for its next attempt, or left by a stopped run). */
  async deliverDue(): Promise<CsDeliveryCounts> {
    return this.run(undefined);
  }

  /**
   * 1. Claim: one guarded UPDATE stamps the rows with this run's token and a lease, so two runs
   *    (the in-process delivery and a job on another instance) never both send a row.
   * 2. Send each, in order, outside any transaction; a window known closed is not tried.
   * 3. Record each outcome guarded by the claim.
   */
  private async run(ids: number[] | undefined): Promise<CsDeliveryCounts> {
    const counts: CsDeliveryCounts = { claimed: 0, sent: 0, fallback: 0, retried: 0 };
    const token = crypto.randomUUID();
    const now = this.clock.now();
    const due = '((status = :pending AND next_attempt_at <= :now) OR (status = :sending AND claimed_until < :now))';
    const params = { pending: 'pending', sending: 'sending', now };
    let candidates = ids;
    if (!candidates) {
      const rows = await this.db.manager
        .createQueryBuilder(ChatChannelReply, 'r')
        .select('r.id', 'id')
        .where(due, params)
        .orderBy('r.id', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: number }>();
      candidates = rows.map((r) => Number(r.id));
    }
    if (candidates.length === 0) return counts;
    await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(ChatChannelReply)
        .set({ status: 'sending', claimToken: token, claimedUntil: new Date(now.getTime() + LEASE_MS), updatedAt: now })
        .where(`id IN (:...ids) AND ${due}`, { ...params, ids: candidates })
        .execute(),
    );
    const claimed = await this.db.manager.find(ChatChannelReply, {
      where: { claimToken: token },
      order: { id: 'ASC' },
    });
    counts.claimed = claimed.length;
    if (claimed.length === 0) return counts;
    const openids = await this.auth.openidsOf(claimed.map((r) => r.accountId));
    for (const row of claimed) {
      const result = await this.send(row, openids.get(row.accountId));
      const outcome = await this.record(row, token, result);
      counts[outcome] += 1;
    }
    return counts;
  }

  /** One send, never throwing: the window is checked first (WeChat would refuse), then the port. */
  private async send(row: ChatChannelReply, openid: string | undefined): Promise<CsSendResult> {
    if (!openid) return { kind: 'final', errcode: 0, reason: 'no WeChat login' };
    const state = await this.db.manager.findOneBy(ChatChannelState, { accountId: row.accountId });
    if (!this.windowOpen(state, this.clock.now())) {
      const used = (state?.repliesInWindow ?? 0) >= CS_WINDOW_REPLIES && state?.lastHolderMessageAt;
      return { kind: 'window_closed', errcode: used ? 45047 : 45015 };
    }
    try {
      if (row.kind === 'page' && row.pageTitle && row.pagePath) {
        return await this.port.sendMiniProgramPage(openid, { title: row.pageTitle, pagePath: row.pagePath });
      }
      return await this.port.sendText(openid, row.text ?? '');
    } catch (err) {
      // Adapters answer WeChat's refusals as results; anything thrown is ours or the network's.
      return { kind: 'retryable', reason: err instanceof Error ? err.name : 'error' };
    }
  }

  /** Records a send's outcome, guarded by the claim; a fallback notice is written in the same transaction. */
  private async record(
    row: ChatChannelReply,
    token: string,
    result: CsSendResult,
  ): Promise<'sent' | 'fallback' | 'retried'> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    const outcome =
      result.kind === 'sent'
        ? 'sent'
        : result.kind === 'retryable' && attempts < CS_REPLY_ATTEMPTS
          ? 'retried'
          : 'fallback';
    const error =
      result.kind === 'sent'
        ? null
        : `${'errcode' in result && result.errcode !== undefined ? `${result.errcode} ` : ''}${result.kind}`.slice(
            0,
            255,
          );
    await this.db.transaction(async (em) => {
      const guarded = em
        .createQueryBuilder()
        .update(ChatChannelReply)
        .where('id = :id AND claim_token = :token AND status = :sending', { id: row.id, token, sending: 'sending' });
      if (outcome === 'sent') {
        const r = await guarded
          .set({ status: 'sent', attempts, sentAt: now, claimToken: null, claimedUntil: null, updatedAt: now })
          .execute();
        if (r.affected !== 1) return;
        await em
          .createQueryBuilder()
          .update(ChatChannelState)
          .set({ repliesInWindow: () => 'replies_in_window + 1', updatedAt: now })
          .where('account_id = :accountId', { accountId: row.accountId })
          .execute();
        return;
      }
      if (outcome === 'retried') {
        const pause = BACKOFF_MS[attempts - 1] * (0.8 + Math.random() * 0.4);
        await guarded
          .set({
            status: 'pending',
            attempts,
            nextAttemptAt: new Date(now.getTime() + pause),
            lastError: error,
            claimToken: null,
            claimedUntil: null,
            updatedAt: now,
          })
          .execute();
        return;
      }
      const r = await guarded
        .set({ status: 'fallback', attempts, lastError: error, claimToken: null, claimedUntil: null, updatedAt: now })
        .execute();
      if (r.affected !== 1 || !row.fallBack || row.messageId === null) return;
      const message = await em.findOneBy(ChatMessage, { id: row.messageId });
      if (!message) return;
      // The inbox's own "replied while you were away" notice has this key too: one notice per
      // message, however many of its parts fell back and whoever noticed first.
      await this.notifications.notify(em, {
        recipient: row.accountId,
        templateKey: 'chat_reply',
        data: {
          agent: message.sender === 'staff' ? (message.authorName ?? '工作人员') : ASSISTANT_NAME,
          excerpt: message.text,
          time: wechatTime(now),
        },
        page: CHAT_PAGES.home,
        idempotencyKey: `chat-reply:${message.id}`,
      });
    });
    if (outcome !== 'sent') {
      this.logger.info('customer-service reply not sent', { replyId: row.id, outcome, error, attempts });
    }
    return outcome;
  }

  private async insert(
    em: EntityManager,
    accountId: number,
    key: string,
    content: { kind: 'text'; text: string } | { kind: 'page'; page: CsMiniProgramPage },
    messageId: number | null,
  ): Promise<number[]> {
    const now = this.clock.now();
    try {
      const r = await em.insert(ChatChannelReply, {
        accountId,
        messageId,
        idempotencyKey: key,
        kind: content.kind,
        text: content.kind === 'text' ? content.text : null,
        pageTitle: content.kind === 'page' ? Array.from(content.page.title).slice(0, 64).join('') : null,
        pagePath: content.kind === 'page' ? content.page.pagePath : null,
        // Only answers in the conversation have an in-app copy worth pointing the holder to.
        fallBack: messageId !== null,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        claimToken: null,
        claimedUntil: null,
        lastError: null,
        sentAt: null,
        createdAt: now,
        updatedAt: now,
      });
      return [Number(r.identifiers[0].id)];
    } catch (err) {
      // Queued already (a repeated call for the same message): one reply is enough.
      if (isUniqueViolation(err)) return [];
      throw err;
    }
  }
}

const parsed = <T>(json: string | null): T | undefined => (json ? (JSON.parse(json) as T) : undefined);

/**
 * A message as service-chat text: its words, and the quick replies it offers as words the holder
 * can type back (the assistant understands them as it understands the buttons). Pages and ratings
 * are left out: a page goes as a card, and rating needs the mini-program.
 */
function channelText(m: ChatMessage): string {
  const offered = (parsed<QuickReply[]>(m.quickReplies) ?? [])
    .filter((q) => 'action' in q && q.action === 'send')
    .map((q) => q.label);
  const text = m.text.trim();
  if (offered.length === 0) return text;
  return `${text}\n\n您可以回复：${offered.join(' / ')}`;
}

/** The page a message opens, as a mini-program card: its card's button, else its first page link. */
function channelPage(m: ChatMessage): CsMiniProgramPage | undefined {
  const card = parsed<MessageCard>(m.card);
  if (card?.button) return { title: card.title || card.button.label, pagePath: card.button.page };
  const link = (parsed<QuickReply[]>(m.quickReplies) ?? []).find((q) => 'page' in q);
  if (link && 'page' in link) return { title: link.label, pagePath: link.page };
  return undefined;
}
