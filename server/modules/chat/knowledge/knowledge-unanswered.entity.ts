import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UnansweredStatus } from './knowledge-entry.states';

/**
 * A question the assistant could not answer, counted each time it is asked again (the same
 * question up to punctuation, politeness and particles), so staff write the entries most needed.
 */
@Entity({ name: 'knowledge_unanswered' })
export class KnowledgeUnanswered {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** SHA-256 of the question's key (see `questionKey`); unique. */
  @Column({ name: 'text_hash', type: 'varchar', length: 64 })
  textHash!: string;

  /** The question as first asked, normalised, long numbers masked. */
  @Column({ name: 'text', type: 'varchar', length: 255 })
  text!: string;

  @Column({ name: 'ask_count', type: 'integer' })
  askCount!: number;

  /** How many different accounts asked it: one person asking ten times is not ten people. */
  @Column({ name: 'asker_count', type: 'integer' })
  askerCount!: number;

  @Column({ name: 'first_asked_at', type: 'datetime' })
  firstAskedAt!: Date;

  @Column({ name: 'last_asked_at', type: 'datetime' })
  lastAskedAt!: Date;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: UnansweredStatus;

  /** The draft entry made from it. */
  @Column({ name: 'entry_id', type: 'integer', nullable: true })
  entryId!: number | null;

  @Column({ name: 'handled_by', type: 'integer', nullable: true })
  handledBy!: number | null;

  @Column({ name: 'handled_at', type: 'datetime', nullable: true })
  handledAt!: Date | null;
}
