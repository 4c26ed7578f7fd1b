import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../../lib/status-event';
import type { EntryStatus } from './knowledge-entry.states';

/**
 * One change of an entry: its creation, each edit (from and to the same status, the reason naming
 * what changed) and each publish, archive or restore.
 */
@Entity({ name: 'knowledge_entry_event' })
export class KnowledgeEntryEvent extends StatusEvent<EntryStatus> {
  @Column({ name: 'entry_id', type: 'integer' })
  entryId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}
