import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every status-history row shares (who moved what from which status to which, why and
 * when). Each lifecycle's history entity extends it with its table name, the id of what moved and
 * its `action` column.
 */
export abstract class StatusEvent<S extends string, R extends string = string> {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: S | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: S;

  /** Null when the system acted (a job, a cascade). */
  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: R;

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
