import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A bookable time of one provider. `booked` never exceeds `capacity` (guarded increment). */
@Entity({ name: 'legal_slot' })
export class LegalSlot {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId!: number;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt!: Date;

  @Column({ name: 'capacity', type: 'integer' })
  capacity!: number;

  /** Places taken: live bookings plus places held for a waitlist offer. */
  @Column({ name: 'booked', type: 'integer', default: 0 })
  booked!: number;

  @Column({ name: 'service_types', type: 'varchar', length: 64 })
  serviceTypes!: string;

  @Column({ name: 'modes', type: 'varchar', length: 32 })
  modes!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'open' | 'cancelled';

  @Column({ name: 'cancel_reason', type: 'varchar', length: 255, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
