import type { Database } from '../../db/database';
import { beijingDayStart } from '../staff/staff.service';
import { JobApplication } from './job-application.entity';
import { JobFair, JobFairIntention, JobFairSignup } from './job-fair.entity';
import { JobPosting } from './job-posting.entity';

const DAY = 86_400_000;

/** The employment figures bureaus report for a span of days. */
export interface EmploymentFigures {
  from: string;
  to: string;
  /** Postings published in the span. */
  postings: number;
  /** Positions (headcount) those postings offer. */
  positions: number;
  /** Applications sent in the span. */
  applications: number;
  /** Applications that ended in a hire in the span. */
  hires: number;
  /** Fairs held in the span. */
  fairs: number;
  /** Holders who came to those fairs. */
  participants: number;
  /** 意向 reached at those fairs. */
  intentions: number;
}

/**
 * The figures of the job market over a span of days (Asia/Shanghai, both included): postings
 * published and their positions, applications sent and hires made in it; fairs held in it with
 * the holders who came and the intentions reached at them.
 */
export class EmploymentFiguresService {
  constructor(private readonly db: Database) {}

  async figures(span: { from: string; to: string }): Promise<EmploymentFigures> {
    const em = this.db.manager;
    const start = beijingDayStart(span.from);
    const end = new Date(beijingDayStart(span.to).getTime() + DAY);
    const postings = await em
      .createQueryBuilder(JobPosting, 'p')
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(p.headcount), 0)', 'positions')
      .where('p.created_at >= :start AND p.created_at < :end', { start, end })
      .getRawOne<{ n: unknown; positions: unknown }>();
    const applications = await em
      .createQueryBuilder(JobApplication, 'a')
      .where('a.created_at >= :start AND a.created_at < :end', { start, end })
      .getCount();
    const hires = await em
      .createQueryBuilder(JobApplication, 'a')
      .where('a.status = :hired AND a.hired_at >= :start AND a.hired_at < :end', { hired: 'hired', start, end })
      .getCount();
    const fairs = await em
      .createQueryBuilder(JobFair, 'f')
      .select('f.id', 'id')
      .where('f.fair_date >= :from AND f.fair_date <= :to', { from: span.from, to: span.to })
      .getRawMany<{ id: unknown }>();
    const fairIds = fairs.map((f) => Number(f.id));
    const participants = fairIds.length
      ? await em
          .createQueryBuilder(JobFairSignup, 's')
          .where('s.fair_id IN (:...ids) AND s.attended = :yes AND s.status = :signed', {
            ids: fairIds,
            yes: true,
            signed: 'signed_up',
          })
          .getCount()
      : 0;
    const intentions = fairIds.length
      ? await em.createQueryBuilder(JobFairIntention, 'i').where('i.fair_id IN (:...ids)', { ids: fairIds }).getCount()
      : 0;
    return {
      from: span.from,
      to: span.to,
      postings: Number(postings?.n ?? 0),
      positions: Number(postings?.positions ?? 0),
      applications,
      hires,
      fairs: fairIds.length,
      participants,
      intentions,
    };
  }
}
