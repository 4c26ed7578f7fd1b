import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `clean`: the bill and our records agree; `differences`: they do not (see the items); `no_bill`:
 * WeChat Pay has no bill for the day (no trade) and we have none either; `failed`: the bill could
 * not be had (not made yet, a download or check that failed): the next run tries again.
 */
export const RECONCILIATION_STATUSES = ['clean', 'differences', 'no_bill', 'failed'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

/** One day's comparison of WeChat Pay's trade bill with our orders and refunds; each run replaces it. */
@Entity({ name: 'payment_reconciliation' })
export class PaymentReconciliation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The bill's date, `YYYY-MM-DD` in Asia/Shanghai. */
  @Column({ name: 'bill_date', type: 'varchar', length: 10, unique: true })
  billDate!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ReconciliationStatus;

  /** Lines of the bill (payments and refunds). */
  @Column({ name: 'their_rows', type: 'integer', default: 0 })
  theirRows!: number;

  @Column({ name: 'their_paid_fen', type: 'integer', default: 0 })
  theirPaidFen!: number;

  @Column({ name: 'their_refund_fen', type: 'integer', default: 0 })
  theirRefundFen!: number;

  /** Our orders paid and refunds settled that day. */
  @Column({ name: 'our_rows', type: 'integer', default: 0 })
  ourRows!: number;

  @Column({ name: 'our_paid_fen', type: 'integer', default: 0 })
  ourPaidFen!: number;

  @Column({ name: 'our_refund_fen', type: 'integer', default: 0 })
  ourRefundFen!: number;

  @Column({ name: 'item_count', type: 'integer', default: 0 })
  itemCount!: number;

  /** Why the last run failed: the port's code and a few words, never personal data. */
  @Column({ name: 'error', type: 'varchar', length: 200, nullable: true })
  error!: string | null;

  /** Runs made for this day, failed ones included. */
  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  /** The staff account that ran it last; null: the daily job. */
  @Column({ name: 'run_by', type: 'integer', nullable: true })
  runBy!: number | null;

  /** When the last run that had the bill (or WeChat's word that there is none) compared it. */
  @Column({ name: 'reconciled_at', type: 'datetime', nullable: true })
  reconciledAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
