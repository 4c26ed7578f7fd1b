import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PostingStatus } from './employment.states';

/** A job an approved employer offers. Salaries are whole yuan per month. */
@Entity({ name: 'job_posting' })
export class JobPosting {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'employer_id', type: 'integer' })
  employerId!: number;

  @Column({ name: 'title', type: 'varchar', length: 60 })
  title!: string;

  @Column({ name: 'category', type: 'varchar', length: 16 })
  category!: string;

  @Column({ name: 'salary_min', type: 'integer' })
  salaryMin!: number;

  @Column({ name: 'salary_max', type: 'integer' })
  salaryMax!: number;

  @Column({ name: 'district', type: 'varchar', length: 32 })
  district!: string;

  @Column({ name: 'address', type: 'varchar', length: 200 })
  address!: string;

  @Column({ name: 'headcount', type: 'integer' })
  headcount!: number;

  @Column({ name: 'requirements', type: 'varchar', length: 1000 })
  requirements!: string;

  /** 退役军人优先. */
  @Column({ name: 'veteran_preferred', type: 'boolean', default: false })
  veteranPreferred!: boolean;

  @Column({ name: 'veteran_preference_text', type: 'varchar', length: 200, nullable: true })
  veteranPreferenceText!: string | null;

  /** The last day (Asia/Shanghai, `YYYY-MM-DD`) it is open; after it the posting reads as closed. */
  @Column({ name: 'valid_until', type: 'varchar', length: 10 })
  validUntil!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: PostingStatus;

  @Column({ name: 'takedown_reason', type: 'varchar', length: 255, nullable: true })
  takedownReason!: string | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** A holder's saved posting (收藏). */
@Entity({ name: 'job_posting_save' })
export class JobPostingSave {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'posting_id', type: 'integer' })
  postingId!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
