import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OfferKind = 'discount' | 'voucher';

/** A discount shown at the counter, or a voucher sold later through WeChat Pay. Money in fen. */
@Entity({ name: 'merchant_offer' })
export class MerchantOffer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'title', type: 'varchar', length: 64 })
  title!: string;

  @Column({ name: 'description', type: 'varchar', length: 500 })
  description!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: OfferKind;

  /** "8 折", "免费停车 2 小时"… */
  @Column({ name: 'discount_text', type: 'varchar', length: 64 })
  discountText!: string;

  @Column({ name: 'price_fen', type: 'integer', nullable: true })
  priceFen!: number | null;

  @Column({ name: 'face_value_fen', type: 'integer', nullable: true })
  faceValueFen!: number | null;

  /** Vouchers: how many are for sale; null when the merchant sets no limit. */
  @Column({ name: 'stock_total', type: 'integer', nullable: true })
  stockTotal!: number | null;

  /** Vouchers: how many are held by orders (unpaid ones until they close, paid ones until refunded). */
  @Column({ name: 'stock_taken', type: 'integer', default: 0 })
  stockTaken!: number;

  @Column({ name: 'per_person_daily_limit', type: 'integer', nullable: true })
  perPersonDailyLimit!: number | null;

  /** Comma-separated holder categories that may use it; empty means every category. */
  @Column({ name: 'eligible_categories', type: 'varchar', length: 128 })
  eligibleCategories!: string;

  @Column({ name: 'valid_from', type: 'datetime', nullable: true })
  validFrom!: Date | null;

  @Column({ name: 'valid_to', type: 'datetime', nullable: true })
  validTo!: Date | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'active' | 'withdrawn';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
