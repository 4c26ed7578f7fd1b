import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './voucher-order.states';

/**
 * A holder's purchase of vouchers of one offer, paid with WeChat Pay. Amounts are integer fen,
 * computed on the server from the offer when ordered (the client never sends a price); the title and
 * prices are kept as sold.
 */
@Entity({ name: 'voucher_order' })
export class VoucherOrder {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** 商户订单号 sent to WeChat Pay: unique, letters and digits. */
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32, unique: true })
  outTradeNo!: string;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId!: number;

  /** "商户名 · 优惠名" as sold. */
  @Column({ name: 'title', type: 'varchar', length: 128 })
  title!: string;

  @Column({ name: 'quantity', type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price_fen', type: 'integer' })
  unitPriceFen!: number;

  @Column({ name: 'face_value_fen', type: 'integer' })
  faceValueFen!: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: OrderStatus;

  /** After this the order is closed and WeChat Pay refuses the payment. */
  @Column({ name: 'pay_by', type: 'datetime' })
  payBy!: Date;

  /** The `wx.requestPayment` arguments from the prepay, as JSON; null until made. */
  @Column({ name: 'payment_params', type: 'text', nullable: true })
  paymentParams!: string | null;

  /** WeChat Pay's order number, once paid. */
  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true })
  transactionId!: string | null;

  @Column({ name: 'paid_at', type: 'datetime', nullable: true })
  paidAt!: Date | null;

  /** The vouchers can be used until then (the offer's end), null: no end. */
  @Column({ name: 'valid_to', type: 'datetime', nullable: true })
  validTo!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
