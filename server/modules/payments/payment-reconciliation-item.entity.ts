import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The kinds of difference: a payment in the bill we do not have as paid that day (or do not know
 * at all); one of ours the bill lacks; both with different amounts; the same three for refunds.
 */
export const DIFFERENCE_KINDS = [
  'paid_there_only',
  'paid_here_only',
  'amount_mismatch',
  'refunded_there_only',
  'refunded_here_only',
  'refund_amount_mismatch',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** One difference between a day's trade bill and our records. */
@Entity({ name: 'payment_reconciliation_item' })
export class PaymentReconciliationItem {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'reconciliation_id', type: 'integer' })
  reconciliationId!: number;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: DifferenceKind;

  /** 商户订单号, from the bill or from our order. */
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32 })
  outTradeNo!: string;

  /** 微信订单号, where either side has one. */
  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true })
  transactionId!: string | null;

  /** The bill's amount (payment or refund); null where the bill has no line. */
  @Column({ name: 'their_fen', type: 'integer', nullable: true })
  theirFen!: number | null;

  /** Our amount; null where we have no record. */
  @Column({ name: 'our_fen', type: 'integer', nullable: true })
  ourFen!: number | null;

  /** Our order, where one has that number. */
  @Column({ name: 'order_id', type: 'integer', nullable: true })
  orderId!: number | null;

  /** 商户退款单号 of a refund difference. */
  @Column({ name: 'out_refund_no', type: 'varchar', length: 64, nullable: true })
  outRefundNo!: string | null;

  /** A few words for staff (in Chinese), e.g. what our order's state is. */
  @Column({ name: 'note', type: 'varchar', length: 200 })
  note!: string;
}
