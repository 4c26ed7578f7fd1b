import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus } from './employment.states';

/** A holder's own job-seeking profile, kept once and editable. The phone is stored encrypted. */
@Entity({ name: 'job_profile' })
export class JobProfile {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'name', type: 'varchar', length: 32 })
  name!: string;

  @Column({ name: 'phone_cipher', type: 'varchar', length: 255 })
  phoneCipher!: string;

  @Column({ name: 'phone_last4', type: 'varchar', length: 4 })
  phoneLast4!: string;

  @Column({ name: 'skills', type: 'varchar', length: 500 })
  skills!: string;

  /** 服役经历: branch, years, rank, as the holder writes them. */
  @Column({ name: 'service_background', type: 'varchar', length: 500 })
  serviceBackground!: string;

  @Column({ name: 'desired_work', type: 'varchar', length: 200 })
  desiredWork!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/**
 * An application to a posting, with the snapshot of the holder's profile taken when applying:
 * the only way an employer sees a profile.
 */
@Entity({ name: 'job_application' })
export class JobApplication {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'posting_id', type: 'integer' })
  postingId!: number;

  @Column({ name: 'employer_id', type: 'integer' })
  employerId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ApplicationStatus;

  @Column({ name: 'name', type: 'varchar', length: 32 })
  name!: string;

  /** Null once the holder's account is deleted. */
  @Column({ name: 'phone_cipher', type: 'varchar', length: 255, nullable: true })
  phoneCipher!: string | null;

  @Column({ name: 'phone_last4', type: 'varchar', length: 4 })
  phoneLast4!: string;

  @Column({ name: 'skills', type: 'varchar', length: 500 })
  skills!: string;

  @Column({ name: 'service_background', type: 'varchar', length: 500 })
  serviceBackground!: string;

  @Column({ name: 'desired_work', type: 'varchar', length: 200 })
  desiredWork!: string;

  /** When and where to come, as the employer wrote it. */
  @Column({ name: 'interview_note', type: 'varchar', length: 255, nullable: true })
  interviewNote!: string | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 255, nullable: true })
  declineReason!: string | null;

  /** `<account>:<day>:<n>` with n up to the daily limit; unique, so the limit holds under concurrency. */
  @Column({ name: 'limit_key', type: 'varchar', length: 48, nullable: true })
  limitKey!: string | null;

  @Column({ name: 'hired_at', type: 'datetime', nullable: true })
  hiredAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
