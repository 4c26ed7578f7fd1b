import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (id 1) whose version moves with every change to entries or synonyms, in the same
 * transaction: each instance compares it with the version its in-memory index was built from.
 */
@Entity({ name: 'knowledge_meta' })
export class KnowledgeMeta {
  @PrimaryColumn({ name: 'id', type: 'integer' })
  id!: number;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
