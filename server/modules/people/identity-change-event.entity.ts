import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { IdentityChangeAction, IdentityChangeActor, IdentityChangeStatus } from './identity-change.states';

/** One step of a change request's history, as the holder and staff see it. */
@Entity({ name: 'identity_change_event' })
export class IdentityChangeEvent extends StatusEvent<IdentityChangeStatus, IdentityChangeActor> {
  @Column({ name: 'request_id', type: 'integer' })
  requestId!: number;

  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: IdentityChangeAction | 'submit';
}
