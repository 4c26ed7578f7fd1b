import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConsentAction = 'agree' | 'withdraw';

/**
 * One agreement to (or withdrawal of) the consent text for sensitive personal information. Never
 * updated: the latest row of an account is its standing.
 */
@Entity({ name: 'consent_record' })
export class ConsentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  /** The version of the text read (`CONSENT_VERSION` at the time). */
  @Column({ name: 'version', type: 'varchar', length: 16 })
  version!: string;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: ConsentAction;

  /** JSON array of the item keys the text listed. */
  @Column({ name: 'items', type: 'text' })
  items!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
