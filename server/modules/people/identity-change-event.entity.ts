import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentityChangeAction, IdentityChangeActor, IdentityChangeStatus } from './identity-change.states';

/** One step of a change request's history, as the holder and staff see it. */
@Entity({ name: 'identity_change_event' })
export class IdentityChangeEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'request_id', type: 'integer' })
  requestId!: number;

  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: IdentityChangeAction | 'submit';

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: IdentityChangeStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: IdentityChangeStatus;

  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: IdentityChangeActor;

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
