import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { WaitlistStatus } from './waitlist.states';

/** One status change of a waitlist entry, the system's own (offers, expiry) included. */
@Entity({ name: 'waitlist_event' })
export class WaitlistEvent extends StatusEvent<WaitlistStatus> {
  @Column({ name: 'waitlist_id', type: 'integer' })
  waitlistId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}
