import { In } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { AuthService } from '../auth/auth.service';
import { ChatConversation } from './chat-conversation.entity';
import { ChatMessage } from './chat-message.entity';
import { RECHECK_CUTOFF_MS, RECHECK_MAX_ATTEMPTS, type Moderation } from './content-check.rules';
import type { ContentScene, ContentSecurityPort } from './content-security.port';

/** What a holder's text gets before it is written: a verdict to store, or refused (risky). */
export type ScreenVerdict = Exclude<Moderation, 'refused'> | 'refused';

/** Holders' messages are a conversation with the service: WeChat's comment scene is the nearest. */
const SCENE: ContentScene = 'comment';

export interface RecheckCounts {
  [key: string]: number;
  checked: number;
  passed: number;
  review: number;
  refused: number;
  unchecked: number;
}

/**
 * The content check of holders' free text, by either channel, before staff see it. The port is
 * called outside any transaction (it is an outside HTTP call); the verdict is stored with the
 * message, and unchecked messages are checked again by the `content-recheck` job.
 */
export class ContentCheckService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly port: ContentSecurityPort,
    private readonly auth: Pick<AuthService, 'openidsOf'>,
  ) {}

  /**
   * Checks a holder's text: `refused` (risky: never stored for staff), or the verdict to store
   * with it (`pass`, `review`, `unchecked` when no verdict could be had). Never throws for the
   * check itself. `openid` spares a lookup when the caller has it (the service chat).
   */
  async screen(accountId: number, text: string, openid?: string): Promise<ScreenVerdict> {
    const writer = openid ?? (await this.auth.openidsOf([accountId])).get(accountId);
    // WeChat checks text of a WeChat user only; an account without an openid waits for review.
    if (!writer) return 'unchecked';
    const result = await this.port.check({ openid: writer, scene: SCENE, content: text });
    if (result.verdict !== 'pass') this.logger.info('content check', { accountId, verdict: result.verdict });
    switch (result.verdict) {
      case 'risky':
        return 'refused';
      case 'unavailable':
        return 'unchecked';
      default:
        return result.verdict;
    }
  }

  /**
   * Checks again the holders' messages kept unchecked, oldest first, in batches:
   * 1. Past the cut-off (RECHECK_MAX_ATTEMPTS attempts, or RECHECK_CUTOFF_MS since it was written)
   *    a message is shown to staff marked for review: never held back for good, never dropped.
   * 2. Otherwise the port is asked (outside any transaction); `risky` now marks it refused (staff
   *    never see it; the holder keeps it in their own stream), no verdict counts an attempt.
   * Each write is guarded by `moderation = 'unchecked'`, so instances running it side by side
   * (or a message settled meanwhile) never overwrite a verdict.
   */
  async recheckUnchecked(batchSize = 50): Promise<RecheckCounts> {
    const counts: RecheckCounts = { checked: 0, passed: 0, review: 0, refused: 0, unchecked: 0 };
    const messages = await this.db.manager.find(ChatMessage, {
      where: { moderation: 'unchecked' },
      order: { id: 'ASC' },
      take: batchSize,
    });
    if (messages.length === 0) return counts;
    const conversations = await this.db.manager.find(ChatConversation, {
      where: { id: In([...new Set(messages.map((m) => m.conversationId))]) },
      select: { id: true, accountId: true },
    });
    const accountOf = new Map(conversations.map((c) => [c.id, c.accountId]));
    const openids = await this.auth.openidsOf([...accountOf.values()]);
    for (const message of messages) {
      const { id, moderationAttempts: attempts } = message;
      const age = this.clock.now().getTime() - message.createdAt.getTime();
      if (attempts >= RECHECK_MAX_ATTEMPTS || age >= RECHECK_CUTOFF_MS) {
        if (await this.settle(id, 'review')) counts.review += 1;
        continue;
      }
      const openid = openids.get(accountOf.get(message.conversationId) ?? 0);
      const result = openid
        ? await this.port.check({ openid, scene: SCENE, content: message.text })
        : ({ verdict: 'unavailable' } as const);
      counts.checked += 1;
      if (result.verdict === 'pass' || result.verdict === 'review') {
        if (await this.settle(id, result.verdict)) counts[result.verdict === 'pass' ? 'passed' : 'review'] += 1;
      } else if (result.verdict === 'risky') {
        if (await this.settle(id, 'refused')) counts.refused += 1;
      } else if (attempts + 1 >= RECHECK_MAX_ATTEMPTS) {
        if (await this.settle(id, 'review', attempts + 1)) counts.review += 1;
      } else {
        await this.db.statement((em) =>
          em
            .createQueryBuilder()
            .update(ChatMessage)
            .set({ moderationAttempts: attempts + 1 })
            .where('id = :id AND moderation = :unchecked', { id, unchecked: 'unchecked' })
            .execute(),
        );
        counts.unchecked += 1;
      }
    }
    if (counts.refused > 0 || counts.review > 0) this.logger.info('content re-check', { ...counts });
    return counts;
  }

  /** Records a verdict on an unchecked message; false when another run settled it first. */
  private async settle(id: number, moderation: Moderation, attempts?: number): Promise<boolean> {
    const r = await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(ChatMessage)
        .set({ moderation, ...(attempts !== undefined ? { moderationAttempts: attempts } : {}) })
        .where('id = :id AND moderation = :unchecked', { id, unchecked: 'unchecked' })
        .execute(),
    );
    return r.affected === 1;
  }
}
