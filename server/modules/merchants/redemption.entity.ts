import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One verified use of an offer at the counter. */
@Entity({ name: 'redemption' })
export class Redemption {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId!: number;

  @Column({ name: 'card_id', type: 'integer' })
  cardId!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'clerk_account_id', type: 'integer' })
  clerkAccountId!: number;

  /** The day in Asia/Shanghai, for daily limits and counts. */
  @Column({ name: 'day', type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
