import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Weekly hours of a provider: on a weekday (1 Monday … 7 Sunday), from–to in minutes, cut into slots. */
@Entity({ name: 'legal_schedule' })
export class LegalSchedule {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId!: number;

  @Column({ name: 'weekday', type: 'integer' })
  weekday!: number;

  @Column({ name: 'start_minute', type: 'integer' })
  startMinute!: number;

  @Column({ name: 'end_minute', type: 'integer' })
  endMinute!: number;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Column({ name: 'capacity', type: 'integer' })
  capacity!: number;

  @Column({ name: 'service_types', type: 'varchar', length: 64 })
  serviceTypes!: string;

  @Column({ name: 'modes', type: 'varchar', length: 32 })
  modes!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
