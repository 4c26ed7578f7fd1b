import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `pending`: asked for here, WeChat Pay has not confirmed taking it (asked again at least a minute
 * later with the same number); `processing`: WeChat Pay has it; then `success`, `closed` or
 * `abnormal` (a person must look: the payer's account could not take it).
 */
export type RefundRowStatus = 'pending' | 'processing' | 'success' | 'closed' | 'abnormal';

/** The refund of a voucher order's unused vouchers (one per order). */
@Entity({ name: 'voucher_refund' })
export class VoucherRefund {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'order_id', type: 'integer' })
  orderId!: number;

  /** 商户退款单号: fixed when asked for, reused on every retry. */
  @Column({ name: 'out_refund_no', type: 'varchar', length: 32 })
  outRefundNo!: string;

  @Column({ name: 'voucher_count', type: 'integer' })
  voucherCount!: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen!: number;

  @Column({ name: 'reason', type: 'varchar', length: 80 })
  reason!: string;

  @Column({ name: 'requested_by', type: 'integer' })
  requestedBy!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: RefundRowStatus;

  /** WeChat Pay's refund number, once it has the refund. */
  @Column({ name: 'refund_id', type: 'varchar', length: 64, nullable: true })
  refundId!: string | null;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt!: Date;

  /** The port's failure code of the last attempt. */
  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  @Column({ name: 'succeeded_at', type: 'datetime', nullable: true })
  succeededAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
