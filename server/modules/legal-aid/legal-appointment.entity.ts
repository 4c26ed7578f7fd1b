import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppointmentStatus } from './appointment.states';
import type { Mode, ServiceType } from './legal-aid.types';

/** A holder's booking of a slot. `privateNotes` are for the provider and staff only. */
@Entity({ name: 'legal_appointment' })
export class LegalAppointment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'slot_id', type: 'integer' })
  slotId!: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'service_type', type: 'varchar', length: 16 })
  serviceType!: ServiceType;

  @Column({ name: 'mode', type: 'varchar', length: 8 })
  mode!: Mode;

  @Column({ name: 'summary', type: 'varchar', length: 500 })
  summary!: string;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt!: Date;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: AppointmentStatus;

  @Column({ name: 'live_key', type: 'varchar', length: 32, nullable: true })
  liveKey!: string | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 8, nullable: true })
  cancelledBy!: 'holder' | 'staff' | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 255, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'private_notes', type: 'text', nullable: true })
  privateNotes!: string | null;

  /** The video meeting (link or meeting number) the provider set for a video consultation. */
  @Column({ name: 'meeting_link', type: 'varchar', length: 255, nullable: true })
  meetingLink!: string | null;

  @Column({ name: 'rating', type: 'integer', nullable: true })
  rating!: number | null;

  @Column({ name: 'comment', type: 'varchar', length: 500, nullable: true })
  comment!: string | null;

  @Column({ name: 'rated_at', type: 'datetime', nullable: true })
  ratedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
