import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Uses of an offer by a person on a day: the guarded counter behind per-person daily limits. */
@Entity({ name: 'redemption_daily_count' })
export class RedemptionDailyCount {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'day', type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'count', type: 'integer', default: 0 })
  count!: number;
}
