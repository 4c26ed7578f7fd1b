import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A word people use (丢了) and the word the entries use (丢失): the assistant searches for both. */
@Entity({ name: 'knowledge_synonym' })
export class KnowledgeSynonym {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Normalised; unique. */
  @Column({ name: 'term', type: 'varchar', length: 32 })
  term!: string;

  @Column({ name: 'canonical', type: 'varchar', length: 32 })
  canonical!: string;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
