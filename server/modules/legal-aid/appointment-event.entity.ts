import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { AppointmentStatus } from './appointment.states';

/** One status change of an appointment, the system's own (slot cancellations) included. */
@Entity({ name: 'appointment_event' })
export class AppointmentEvent extends StatusEvent<AppointmentStatus> {
  @Column({ name: 'appointment_id', type: 'integer' })
  appointmentId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}
