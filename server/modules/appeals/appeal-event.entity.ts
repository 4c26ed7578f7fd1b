import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { AppealAction, AppealActor, AppealStatus } from './appeal.states';

/** One step of an appeal's history, which the holder follows on the appeal's page. */
@Entity({ name: 'appeal_event' })
export class AppealEvent extends StatusEvent<AppealStatus, AppealActor> {
  @Column({ name: 'appeal_id', type: 'integer' })
  appealId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: AppealAction;
}

/** Where an appeal's transitions write their history. */
export const APPEAL_HISTORY = { entity: AppealEvent, subjectKey: 'appealId' } as const;
