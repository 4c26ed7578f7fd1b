import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** That an account asked an unanswered question (once per pair: the unique key counts askers exactly). */
@Entity({ name: 'knowledge_unanswered_asker' })
export class KnowledgeUnansweredAsker {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'unanswered_id', type: 'integer' })
  unansweredId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;
}
