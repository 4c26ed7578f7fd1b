import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationAction, ApplicationStatus, ReviewerRole } from './card-application.states';

/** One step of an application's history: the holder's timeline and the audit of decisions. */
@Entity({ name: 'card_application_event' })
export class CardApplicationEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'application_id', type: 'integer' })
  applicationId!: number;

  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: ApplicationAction | 'create';

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus!: ApplicationStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus!: ApplicationStatus;

  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  /** Who acted, in role terms: what the holder sees instead of a staff member's name. */
  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: ReviewerRole | 'holder' | 'system';

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
