import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * - `pending`: waiting for its (next) attempt;
 * - `sending`: claimed by a delivery run under a lease;
 * - `sent`: WeChat accepted it;
 * - `fallback`: the window was closed, WeChat refused it for good, or the attempts ran out: the
 *   holder has it in the mini-program's stream, and a subscribe message says so when asked for.
 */
export type ChannelReplyStatus = 'pending' | 'sending' | 'sent' | 'fallback';

/**
 * The outbox of replies through WeChat's customer-service chat: written in the transaction that
 * writes the answer, sent after it commits, retried with backoff by the `cs-replies` job.
 */
@Entity({ name: 'chat_channel_reply' })
export class ChatChannelReply {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  /** The conversation message it carries; null for a refusal, which is not in the conversation. */
  @Column({ name: 'message_id', type: 'integer', nullable: true })
  messageId!: number | null;

  /** `message:<id>:text`, `message:<id>:page`, `push:<id>:refused`: one row however often it is queued. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: 'text' | 'page';

  @Column({ name: 'text', type: 'text', nullable: true })
  text!: string | null;

  @Column({ name: 'page_title', type: 'varchar', length: 64, nullable: true })
  pageTitle!: string | null;

  @Column({ name: 'page_path', type: 'varchar', length: 255, nullable: true })
  pagePath!: string | null;

  /** When it cannot go through the channel: tell the holder by subscribe message to open the mini-program. */
  @Column({ name: 'fall_back', type: 'boolean', default: false })
  fallBack!: boolean;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ChannelReplyStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt!: Date;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil!: Date | null;

  /** WeChat's errcode or the reason, never the content. */
  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
