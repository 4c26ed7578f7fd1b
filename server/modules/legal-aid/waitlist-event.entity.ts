import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WaitlistStatus } from './waitlist.states';

/** One status change of a waitlist entry, the system's own (offers, expiry) included. */
@Entity({ name: 'waitlist_event' })
export class WaitlistEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'waitlist_id', type: 'integer' })
  waitlistId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: WaitlistStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: WaitlistStatus;

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
