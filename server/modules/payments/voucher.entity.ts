import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VoucherStatus } from './voucher-order.states';

/** One voucher of a paid order: shown as its own QR code, used once at the shop's counter. */
@Entity({ name: 'voucher' })
export class Voucher {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'order_id', type: 'integer' })
  orderId!: number;

  /** 1…quantity within the order. */
  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: VoucherStatus;

  @Column({ name: 'redeemed_at', type: 'datetime', nullable: true })
  redeemedAt!: Date | null;

  /** The clerk who took it at the counter. */
  @Column({ name: 'redeemed_by_account_id', type: 'integer', nullable: true })
  redeemedByAccountId!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
