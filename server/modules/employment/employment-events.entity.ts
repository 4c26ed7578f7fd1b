import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { ApplicationStatus, EmployerStatus, PostingStatus } from './employment.states';

/** One step of an employer's review. */
@Entity({ name: 'employer_event' })
export class EmployerEvent extends StatusEvent<EmployerStatus> {
  @Column({ name: 'employer_id', type: 'integer' })
  employerId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}

/** One step of a posting's life. */
@Entity({ name: 'job_posting_event' })
export class JobPostingEvent extends StatusEvent<PostingStatus> {
  @Column({ name: 'posting_id', type: 'integer' })
  postingId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}

/** One step of an application, which the holder follows on its page. */
@Entity({ name: 'job_application_event' })
export class JobApplicationEvent extends StatusEvent<ApplicationStatus> {
  @Column({ name: 'application_id', type: 'integer' })
  applicationId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}

export const EMPLOYER_HISTORY = { entity: EmployerEvent, subjectKey: 'employerId' } as const;
export const POSTING_HISTORY = { entity: JobPostingEvent, subjectKey: 'postingId' } as const;
export const APPLICATION_HISTORY = { entity: JobApplicationEvent, subjectKey: 'applicationId' } as const;
