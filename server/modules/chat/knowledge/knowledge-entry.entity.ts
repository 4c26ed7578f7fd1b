import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EntryStatus } from './knowledge-entry.states';

/**
 * One entry of the policy knowledge base: a question, the other ways people ask it, the answer in
 * plain text and where the fact comes from. Staff write and publish entries; only published ones
 * answer holders.
 */
@Entity({ name: 'knowledge_entry' })
export class KnowledgeEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'question', type: 'varchar', length: 200 })
  question!: string;

  /** JSON list of other phrasings of the question. */
  @Column({ name: 'phrasings', type: 'text' })
  phrasings!: string;

  /** Plain text; may hold page links written `[文字](/packages/…)`. Empty in a draft made from a question. */
  @Column({ name: 'answer', type: 'text' })
  answer!: string;

  /** The document the fact comes from (title); empty only in a draft. */
  @Column({ name: 'source_document', type: 'varchar', length: 200 })
  sourceDocument!: string;

  /** The article or section, only where it is certain. */
  @Column({ name: 'source_article', type: 'varchar', length: 100, nullable: true })
  sourceArticle!: string | null;

  @Column({ name: 'source_issuer', type: 'varchar', length: 100, nullable: true })
  sourceIssuer!: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'source_effective_date', type: 'varchar', length: 10, nullable: true })
  sourceEffectiveDate!: string | null;

  /** Tags joined with commas. */
  @Column({ name: 'tags', type: 'varchar', length: 255 })
  tags!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EntryStatus;

  /** Counts edits: an edit naming an older revision is refused rather than overwriting another's. */
  @Column({ name: 'revision', type: 'integer' })
  revision!: number;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy!: number | null;

  @Column({ name: 'updated_by', type: 'integer', nullable: true })
  updatedBy!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;
}
