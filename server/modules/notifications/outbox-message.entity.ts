import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxStatus } from './outbox.states';

/**
 * One notice to one person: an entry in their timeline, and a subscribe message to deliver
 * through WeChat. Written in the transaction that caused it; unique by idempotency key.
 */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'recipient_account_id', type: 'integer' })
  recipientAccountId!: number;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey!: string;

  @Column({ name: 'title', type: 'varchar', length: 64 })
  title!: string;

  @Column({ name: 'body', type: 'varchar', length: 500 })
  body!: string;

  /** JSON object of the template's values. */
  @Column({ name: 'data', type: 'text' })
  data!: string;

  @Column({ name: 'page', type: 'varchar', length: 255, nullable: true })
  page!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 191 })
  idempotencyKey!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt!: Date;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
