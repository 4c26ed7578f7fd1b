import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppointmentStatus } from './appointment.states';

/** One status change of an appointment, the system's own (slot cancellations) included. */
@Entity({ name: 'appointment_event' })
export class AppointmentEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'appointment_id', type: 'integer' })
  appointmentId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: AppointmentStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: AppointmentStatus;

  /** Null when the system acted (a job, a cascade). */
  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
