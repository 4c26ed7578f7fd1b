import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintStatus } from './merchant-complaint.states';

/** A holder's complaint about a merchant (the discount was refused, say), and how staff settled it. */
@Entity({ name: 'merchant_complaint' })
export class MerchantComplaint {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'text', type: 'varchar', length: 500 })
  text!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ name: 'resolution', type: 'varchar', length: 500, nullable: true })
  resolution!: string | null;

  @Column({ name: 'handled_by', type: 'integer', nullable: true })
  handledBy!: number | null;

  @Column({ name: 'handled_at', type: 'datetime', nullable: true })
  handledAt!: Date | null;

  /** The holder has used a discount at this merchant: the complaint is backed by a real visit. */
  @Column({ name: 'has_redemption', type: 'boolean', default: false })
  hasRedemption!: boolean;

  /** `<account>:<day>:<n>` with n up to the daily limit; unique, so the limit holds under concurrency. */
  @Column({ name: 'limit_key', type: 'varchar', length: 48, nullable: true })
  limitKey!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
