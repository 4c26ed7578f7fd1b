import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * - `pending`: stored, WeChat answered, not yet processed (or a processing attempt failed);
 * - `done`: in the conversation (or remembered, for an event);
 * - `refused`: not written to the conversation (risky text, text we cannot take, a disabled
 *   account), the holder told so through the channel where that applies;
 * - `failed`: processing kept failing; logged for the operator.
 */
export type ChannelPushStatus = 'pending' | 'done' | 'refused' | 'failed';

/**
 * A push of WeChat's customer-service chat, stored before WeChat is answered and processed after,
 * in process at once or by the `cs-pushes` job when the process stopped in between. WeChat's
 * retries of one push share its dedupe key, which is unique here.
 */
@Entity({ name: 'chat_channel_push' })
export class ChatChannelPush {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** `msg:<MsgId>` or `event:<openid>:<CreateTime>:<Event>` (parseCsPush). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 })
  dedupeKey!: string;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  /** The verified message JSON exactly as WeChat sent it (decrypted in safe mode). */
  @Column({ name: 'payload', type: 'text' })
  payload!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ChannelPushStatus;

  /** The holder's account, once the openid is mapped. */
  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId!: number | null;

  /** The holder's message it became. */
  @Column({ name: 'message_id', type: 'integer', nullable: true })
  messageId!: number | null;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil!: Date | null;

  /** Why the last attempt failed: an error's name or code, never the content. */
  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError!: string | null;

  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'datetime', nullable: true })
  processedAt!: Date | null;
}
