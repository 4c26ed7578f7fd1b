import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppealStatus } from './appeal.states';
import type { AppealKind, ContactTime } from './appeals.types';

/** A holder's appeal or errand, the station whose queue it is in, and how staff handled it. */
@Entity({ name: 'appeal' })
export class Appeal {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'kind', type: 'varchar', length: 8 })
  kind!: AppealKind;

  @Column({ name: 'category', type: 'varchar', length: 16 })
  category!: string;

  @Column({ name: 'text', type: 'varchar', length: 1000 })
  text!: string;

  @Column({ name: 'contact_time', type: 'varchar', length: 16, nullable: true })
  contactTime!: ContactTime | null;

  @Column({ name: 'station_id', type: 'integer' })
  stationId!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: AppealStatus;

  @Column({ name: 'handler_account_id', type: 'integer', nullable: true })
  handlerAccountId!: number | null;

  /** The day (Asia/Shanghai, `YYYY-MM-DD`) staff promised to finish by when accepting it. */
  @Column({ name: 'promised_date', type: 'varchar', length: 10, nullable: true })
  promisedDate!: string | null;

  @Column({ name: 'outcome', type: 'varchar', length: 1000, nullable: true })
  outcome!: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 255, nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'reopened_count', type: 'integer', default: 0 })
  reopenedCount!: number;

  @Column({ name: 'rating', type: 'integer', nullable: true })
  rating!: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment!: string | null;

  /** `<account>:<day>:<n>` with n up to the daily limit; unique, so the limit holds under concurrency. */
  @Column({ name: 'limit_key', type: 'varchar', length: 48, nullable: true })
  limitKey!: string | null;

  @Column({ name: 'accepted_at', type: 'datetime', nullable: true })
  acceptedAt!: Date | null;

  /** The latest resolution (after a reopening, the second one). */
  @Column({ name: 'resolved_at', type: 'datetime', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'rated_at', type: 'datetime', nullable: true })
  ratedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
