import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { BookingAction, BookingActor, BookingStatus } from './lodging.states';

/** One step of a booking's history, which the guest follows on the booking's page. */
@Entity({ name: 'lodging_booking_event' })
export class LodgingBookingEvent extends StatusEvent<BookingStatus, BookingActor> {
  @Column({ name: 'booking_id', type: 'integer' })
  bookingId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: BookingAction;
}

/** Where a booking's transitions write their history. */
export const BOOKING_HISTORY = { entity: LodgingBookingEvent, subjectKey: 'bookingId' } as const;

/** The file-use owner type of a booking's proof of status (owner id: the booking). */
export const LODGING_PROOF_OWNER = 'lodging_proof';
