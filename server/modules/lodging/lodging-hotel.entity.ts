import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HotelStatus } from './lodging.states';

/**
 * An allied merchant the district signed as a 军人驿站: its free rooms per night, its rules and the
 * nights it does not offer them. The shop's owner and clerks work its desk.
 */
@Entity({ name: 'lodging_hotel' })
export class LodgingHotel {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  /** The name guests see (the shop's name unless staff chose another). */
  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'daily_quota', type: 'integer' })
  dailyQuota!: number;

  @Column({ name: 'rules', type: 'varchar', length: 1000, nullable: true })
  rules!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: HotelStatus;

  /** Nights (Asia/Shanghai `YYYY-MM-DD`, comma-separated, sorted) without free rooms. */
  @Column({ name: 'closed_nights', type: 'varchar', length: 1000, default: '' })
  closedNights!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
