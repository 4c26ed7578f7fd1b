import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { AppError, notFound, unauthenticated } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { CsCryptoError, type CsQuery, type CustomerServiceCrypto } from '../../integrations/wechat/cs-crypto';
import { parseCsPush, type CsPush } from '../../integrations/wechat/cs-push';
import type { AuthService } from '../auth/auth.service';
import { attachFiles } from '../files/file-use.service';
import type { FilesService } from '../files/files.service';
import type { ChatMessage } from './chat-message.entity';
import type { ChatService } from './chat.service';
import { cleanHolderText } from './chat.text';
import type { ContentCheckService } from './content-check.service';
import type { CustomerServiceChannelPort } from './cs-channel.port';
import { ChatChannelPush, type ChannelPushStatus } from './cs-push.entity';
import type { CsReplyService } from './cs-replies.service';

/** Attempts at processing one push before it is left `failed` for the operator. */
export const CS_PUSH_ATTEMPTS = 5;
/** How long one processing attempt holds a push before another run may take it over. */
const LEASE_MS = 120_000;
const BATCH = 50;

/** What the holder is told in the service chat when their text is refused. */
export const CS_REFUSED_TEXT = '抱歉，您的消息中含有不适宜发布的内容，未能转给工作人员。请修改后再发送，谢谢理解。';
/** What the holder is told after sending a picture, which only staff can look at. */
export const CS_IMAGE_TEXT = '已收到您的图片。服务助手暂时看不懂图片，请用文字简单描述您的问题，或回复“转人工”。';
/** A holder's picture in the conversation; the file itself is the message's `fileId`. */
export const CS_IMAGE_MESSAGE = '[图片]';
/** A picture WeChat would not give us (gone, not a picture, too large): the holder still sent one. */
export const CS_IMAGE_LOST_MESSAGE = '[图片]（未能保存）';
/** Owner type of the files holders' messages show (`file_use`); the chat module's read rule decides. */
export const CHAT_MESSAGE_FILE_OWNER = 'chat_message';

/** WeChat could not hand the picture over this time: the push stays pending for the job to retry. */
export class CsMediaUnavailable extends Error {
  constructor(reason: string) {
    super(`customer-service media not downloaded: ${reason}`);
    this.name = 'CsMediaUnavailable';
  }
}

export type CsAcceptance =
  | { stored: true; pushId: number }
  | { stored: false; reason: 'duplicate' | 'malformed' | 'unsupported' };

type Outcome = ChannelPushStatus | 'skipped';

type MessagePush = Extract<CsPush, { kind: 'text' | 'image' | 'miniprogrampage' | 'enter_session' }>;

export interface CsInboundDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Null when WECHAT_CS_TOKEN is unset: the endpoint is off. */
  crypto: CustomerServiceCrypto | null;
  chat: ChatService;
  replies: CsReplyService;
  contentCheck: ContentCheckService;
  auth: Pick<AuthService, 'holderForOpenid'>;
  /** Downloads the pictures holders send. */
  channel: Pick<CustomerServiceChannelPort, 'downloadMedia'>;
  files: Pick<FilesService, 'storeReceived' | 'discardReceived'>;
}

/**
 * Pushes of WeChat's customer-service chat (客服消息) into the holder's conversation:
 * - `accept` runs while WeChat waits (5 s): verify, read, store durably (unique on the dedupe key,
 *   so WeChat's retries are stored once), and nothing else;
 * - `process` does the work after the answer: map the openid to the holder's account, check the
 *   text, write it to the conversation where the assistant answers as in the mini-program, and
 *   queue the answer for the channel; the `cs-pushes` job picks up what a stopped process left.
 */
export class CsInboundService {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly d: CsInboundDeps) {}

  /** Whether the endpoint is on (WECHAT_CS_TOKEN set). */
  get enabled(): boolean {
    return this.d.crypto !== null;
  }

  /** URL verification: the `echostr` to answer with, or 401 for a request WeChat did not sign. */
  verifyUrl(query: CsQuery): string {
    const crypto = this.cryptoOrOff();
    try {
      return crypto.verifyUrl(query);
    } catch (err) {
      throw this.refusal(err);
    }
  }

  /**
   * 1. Verifies the push (signature, timestamp window; in safe mode decrypts and checks the appid):
   *    401 otherwise, with nothing stored.
   * 2. Reads it; a broken or unsupported push is logged (kind only) and acknowledged, so WeChat
   *    does not retry what we will never take.
   * 3. Stores it, unique on its dedupe key: a retry finds the first delivery and stops here.
   */
  async accept(query: CsQuery, rawBody: Buffer): Promise<CsAcceptance> {
    const crypto = this.cryptoOrOff();
    let json: string;
    try {
      json = crypto.openPush(query, rawBody.toString('utf8'));
    } catch (err) {
      throw this.refusal(err);
    }
    const push = parseCsPush(json);
    if (push.kind === 'malformed') {
      this.d.logger.warn('customer-service push unreadable', { problem: push.problem });
      return { stored: false, reason: 'malformed' };
    }
    if (push.kind === 'unsupported') {
      this.d.logger.info('customer-service push skipped', { msgType: push.msgType, event: push.event });
      return { stored: false, reason: 'unsupported' };
    }
    try {
      const r = await this.d.db.statement((em) =>
        em.insert(ChatChannelPush, {
          dedupeKey: push.dedupeKey,
          kind: push.kind,
          payload: json,
          status: 'pending',
          accountId: null,
          messageId: null,
          attempts: 0,
          claimToken: null,
          claimedUntil: null,
          lastError: null,
          receivedAt: this.d.clock.now(),
          processedAt: null,
        }),
      );
      return { stored: true, pushId: Number(r.identifiers[0].id) };
    } catch (err) {
      if (isUniqueViolation(err)) return { stored: false, reason: 'duplicate' };
      throw err;
    }
  }

  /**
   * Processes a push just stored, after WeChat has its answer, in this process. Failures are
   * logged and left to the job; `idle()` waits for what is under way (tests, shutdown).
   */
  processSoon(accepted: CsAcceptance): void {
    if (!accepted.stored) return;
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.process(accepted.pushId))
      .catch((err) => this.d.logger.error('customer-service push processing failed', { pushId: accepted.pushId, err }))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Resolves once every push handed to `processSoon` is processed (or has failed). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The job: pushes stored but not processed (a stopped process, a failed attempt whose lease ran out). */
  async processPending(): Promise<Record<string, number>> {
    const now = this.d.clock.now();
    const rows = await this.d.db.manager
      .createQueryBuilder(ChatChannelPush, 'p')
      .select('p.id', 'id')
      .where('p.status = :pending AND (p.claimed_until IS NULL OR p.claimed_until < :now)', { pending: 'pending', now })
      .orderBy('p.id', 'ASC')
      .limit(BATCH)
      .getRawMany<{ id: number }>();
    const counts: Record<string, number> = { done: 0, refused: 0, failed: 0, pending: 0, skipped: 0 };
    for (const { id } of rows) {
      try {
        counts[await this.process(Number(id))] += 1;
      } catch (err) {
        this.d.logger.error('customer-service push processing failed', { pushId: Number(id), err });
        counts.pending += 1;
      }
    }
    return counts;
  }

  /**
   * 1. Claims the push (a guarded UPDATE with a lease): one run processes it, whichever instance.
   * 2. Maps the openid to the holder's account, made as the first WeChat login would make it.
   * 3. By kind: remembers where the holder came from; downloads a picture (outside any transaction)
   *    and keeps it as the holder's private file, then writes it, or a page, as the holder's
   *    message; checks text (outside any transaction) and sends it as the holder would in the
   *    mini-program, the assistant answering; refuses risky text with a polite reply.
   * 4. Marks the push done in the transaction that writes the message (guarded by the claim), with
   *    the holder's window and the replies queued; sends the replies once that has committed.
   * A failure leaves the push pending for the job (after the lease) until CS_PUSH_ATTEMPTS.
   */
  async process(pushId: number): Promise<Outcome> {
    const claim = await this.claim(pushId);
    if (!claim) return 'skipped';
    const { row, token } = claim;
    try {
      const push = parseCsPush(row.payload) as MessagePush;
      const outcome = await this.handle(row, token, push);
      this.d.logger.info('customer-service push processed', { pushId, kind: row.kind, outcome });
      return outcome;
    } catch (err) {
      const failed = row.attempts >= CS_PUSH_ATTEMPTS;
      await this.d.db.statement((em) =>
        em
          .createQueryBuilder()
          .update(ChatChannelPush)
          .set({
            status: failed ? 'failed' : 'pending',
            lastError: (err instanceof AppError ? err.code : err instanceof Error ? err.name : 'error').slice(0, 255),
          })
          .where('id = :id AND claim_token = :token AND status = :pending', { id: row.id, token, pending: 'pending' })
          .execute(),
      );
      if (failed) {
        this.d.logger.error('customer-service push failed for good', { pushId, attempts: row.attempts, err });
        return 'failed';
      }
      throw err;
    }
  }

  private async handle(row: ChatChannelPush, token: string, push: MessagePush): Promise<Outcome> {
    const account = await this.d.auth.holderForOpenid(push.openid);
    // A disabled holder is not served here either; WeChat still gets its answer.
    if (account.disabled) return this.finish(row, token, 'refused', account.id);
    const accountId = account.id;
    const now = this.d.clock.now();
    const channel = 'wechat_cs' as const;

    switch (push.kind) {
      case 'enter_session':
        return this.finish(row, token, 'done', accountId, async (em) => {
          if (push.sessionFrom) await this.d.replies.rememberSessionFrom(em, accountId, push.sessionFrom, now);
        });

      case 'image': {
        // Downloaded and stored before the message's transaction, never inside it.
        const fileId = await this.keepPicture(accountId, push.mediaId);
        const queued: number[] = [];
        try {
          await this.d.chat.recordHolderMessage(accountId, fileId ? CS_IMAGE_MESSAGE : CS_IMAGE_LOST_MESSAGE, {
            channel,
            moderation: 'pass',
            ...(fileId ? { fileId } : {}),
            withinTransaction: async (em, written) => {
              await this.complete(em, row, token, 'done', accountId, written[0].id);
              if (fileId) {
                await attachFiles(em, [fileId], { ownerType: CHAT_MESSAGE_FILE_OWNER, ownerId: written[0].id });
              }
              await this.d.replies.holderWrote(em, accountId, now);
              queued.push(...(await this.d.replies.queueText(em, accountId, `push:${row.id}:image`, CS_IMAGE_TEXT)));
            },
          });
        } catch (err) {
          // The message was not written: the retry downloads again, so this copy must not stay behind.
          if (fileId) {
            await this.d.files
              .discardReceived(fileId)
              .catch((e) => this.d.logger.warn('customer-service picture not discarded', { fileId, err: e }));
          }
          throw err;
        }
        await this.d.replies.deliver(queued);
        return 'done';
      }

      case 'miniprogrampage': {
        // Not the holder's own words: nothing for the content check or the assistant to read.
        const text = `[小程序页面] ${push.title}（${push.pagePath}）`;
        await this.d.chat.recordHolderMessage(accountId, text, {
          channel,
          moderation: 'pass',
          withinTransaction: async (em, written) => {
            await this.complete(em, row, token, 'done', accountId, written[0].id);
            await this.d.replies.holderWrote(em, accountId, now);
          },
        });
        return 'done';
      }

      case 'text': {
        let words: string;
        try {
          words = cleanHolderText(push.content);
        } catch (err) {
          // Empty, too long, control characters: the same rules as in the mini-program, told plainly.
          if (!(err instanceof AppError)) throw err;
          return this.refuse(row, token, accountId, err.message, now);
        }
        const verdict = await this.d.contentCheck.screen(accountId, words, push.openid);
        if (verdict === 'refused') return this.refuse(row, token, accountId, CS_REFUSED_TEXT, now);
        const queued: number[] = [];
        await this.d.chat.send(
          { accountId, roles: ['holder'] },
          { text: words },
          {
            channel,
            moderation: verdict,
            withinTransaction: async (em, written) => {
              await this.complete(em, row, token, 'done', accountId, written[0].id);
              await this.d.replies.holderWrote(em, accountId, now);
              queued.push(...(await this.d.replies.queueMessages(em, accountId, written.slice(1))));
            },
          },
        );
        await this.d.replies.deliver(queued);
        return 'done';
      }
    }
  }

  /**
   * The holder's picture as a private file of theirs, or null when it cannot be had: WeChat answers
   * finally (gone, not a picture, too large) or the files module refuses the bytes (not a JPEG or
   * PNG, over the size or the holder's daily quota). A passing failure throws CsMediaUnavailable,
   * which leaves the push to the job.
   */
  private async keepPicture(accountId: number, mediaId: string): Promise<number | null> {
    const media = await this.d.channel.downloadMedia(mediaId);
    if (media.kind !== 'ok') {
      if (media.kind === 'retryable') throw new CsMediaUnavailable(media.reason);
      this.d.logger.warn('customer-service picture not downloaded', { reason: media.reason });
      return null;
    }
    try {
      return (await this.d.files.storeReceived(accountId, media.bytes, { purpose: 'chat_image' })).id;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.d.logger.warn('customer-service picture refused', { code: err.code });
      return null;
    }
  }

  /** Nothing reaches the conversation; the holder is told why through the channel. */
  private async refuse(
    row: ChatChannelPush,
    token: string,
    accountId: number,
    text: string,
    now: Date,
  ): Promise<Outcome> {
    const queued: number[] = [];
    await this.finish(row, token, 'refused', accountId, async (em) => {
      await this.d.replies.holderWrote(em, accountId, now);
      queued.push(...(await this.d.replies.queueText(em, accountId, `push:${row.id}:refused`, text)));
    });
    await this.d.replies.deliver(queued);
    return 'refused';
  }

  /** Marks the push settled, with whatever else belongs to that transaction. */
  private async finish(
    row: ChatChannelPush,
    token: string,
    status: ChannelPushStatus,
    accountId: number,
    also?: (em: EntityManager) => Promise<void>,
  ): Promise<Outcome> {
    await this.d.db.transaction(async (em) => {
      await this.complete(em, row, token, status, accountId, null);
      await also?.(em);
    });
    return status;
  }

  /**
   * The guarded write that settles a push: only the run holding the claim may, once. Losing it (the
   * lease ran out and another run took over) rolls the whole transaction back, message included.
   */
  private async complete(
    em: EntityManager,
    row: ChatChannelPush,
    token: string,
    status: ChannelPushStatus,
    accountId: number,
    messageId: ChatMessage['id'] | null,
  ): Promise<void> {
    const r = await em
      .createQueryBuilder()
      .update(ChatChannelPush)
      .set({ status, accountId, messageId, processedAt: this.d.clock.now(), claimToken: null, claimedUntil: null })
      .where('id = :id AND claim_token = :token AND status = :pending', { id: row.id, token, pending: 'pending' })
      .execute();
    if (r.affected !== 1) throw new Error('customer-service push claim lost');
  }

  private async claim(pushId: number): Promise<{ row: ChatChannelPush; token: string } | null> {
    const token = crypto.randomUUID();
    const now = this.d.clock.now();
    const r = await this.d.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(ChatChannelPush)
        .set({
          claimToken: token,
          claimedUntil: new Date(now.getTime() + LEASE_MS),
          attempts: () => 'attempts + 1',
        })
        .where('id = :id AND status = :pending AND (claimed_until IS NULL OR claimed_until < :now)', {
          id: pushId,
          pending: 'pending',
          now,
        })
        .execute(),
    );
    if (r.affected !== 1) return null;
    const row = await this.d.db.manager.findOneBy(ChatChannelPush, { id: pushId, claimToken: token });
    return row ? { row, token } : null;
  }

  private cryptoOrOff(): CustomerServiceCrypto {
    if (!this.d.crypto) throw notFound('未找到该接口');
    return this.d.crypto;
  }

  /** Every refusal answers alike (401); the reason goes to the log only. */
  private refusal(err: unknown): Error {
    if (!(err instanceof CsCryptoError)) return err as Error;
    this.d.logger.warn('customer-service request refused', { reason: err.reason });
    return unauthenticated('签名校验失败');
  }
}
