import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Vouchers of an offer a holder ordered on a day (Beijing): the guarded counter behind the per-person limit. */
@Entity({ name: 'voucher_purchase_count' })
export class VoucherPurchaseCount {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'day', type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'count', type: 'integer', default: 0 })
  count!: number;
}
