import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of a job. The unique (job name, slot) is the coordinator: of several instances that
 * reach the same scheduled slot, only the one whose insert succeeds runs it.
 */
@Entity({ name: 'job_run' })
export class JobRun {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName!: string;

  /** The scheduled minute (UTC ISO) or `manual-<uuid>` for a run by hand. */
  @Column({ name: 'slot', type: 'varchar', length: 64 })
  slot!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'running' | 'succeeded' | 'failed';

  @Column({ name: 'instance', type: 'varchar', length: 64 })
  instance!: string;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;

  /** JSON object of what the run did (claimed, sent, purged…). */
  @Column({ name: 'counts', type: 'text', nullable: true })
  counts!: string | null;

  @Column({ name: 'error', type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
