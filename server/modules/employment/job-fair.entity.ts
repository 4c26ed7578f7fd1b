import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SignupStatus } from './employment.states';
import type { FairMode } from './employment.types';

/** A job fair (招聘会) staff organise, on a site or online, on one day. */
@Entity({ name: 'job_fair' })
export class JobFair {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'title', type: 'varchar', length: 60 })
  title!: string;

  @Column({ name: 'mode', type: 'varchar', length: 8 })
  mode!: FairMode;

  /** The day (Asia/Shanghai, `YYYY-MM-DD`). */
  @Column({ name: 'fair_date', type: 'varchar', length: 10 })
  fairDate!: string;

  @Column({ name: 'place', type: 'varchar', length: 200, nullable: true })
  place!: string | null;

  @Column({ name: 'link', type: 'varchar', length: 500, nullable: true })
  link!: string | null;

  @Column({ name: 'description', type: 'varchar', length: 1000 })
  description!: string;

  /** Null: no limit on signups. */
  @Column({ name: 'capacity', type: 'integer', nullable: true })
  capacity!: number | null;

  /** Signups now standing, moved only by guarded updates (the capacity holds under concurrency). */
  @Column({ name: 'signup_count', type: 'integer', default: 0 })
  signupCount!: number;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** An employer taking part in a fair. */
@Entity({ name: 'job_fair_employer' })
export class JobFairEmployer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'fair_id', type: 'integer' })
  fairId!: number;

  @Column({ name: 'employer_id', type: 'integer' })
  employerId!: number;
}

/** A holder's signup for a fair, and whether they came. */
@Entity({ name: 'job_fair_signup' })
export class JobFairSignup {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'fair_id', type: 'integer' })
  fairId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: SignupStatus;

  @Column({ name: 'attended', type: 'boolean', default: false })
  attended!: boolean;

  @Column({ name: 'attended_at', type: 'datetime', nullable: true })
  attendedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** An intention (意向) reached at a fair between a holder and an employer, as staff recorded it. */
@Entity({ name: 'job_fair_intention' })
export class JobFairIntention {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'fair_id', type: 'integer' })
  fairId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'employer_id', type: 'integer' })
  employerId!: number;

  @Column({ name: 'note', type: 'varchar', length: 255 })
  note!: string;

  @Column({ name: 'recorded_by', type: 'integer' })
  recordedBy!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
