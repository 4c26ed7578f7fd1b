import type { Database } from '../../db/database';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { Person } from '../people/person.entity';
import { CardApplication } from './card-application.entity';
import { APPLICATION_STATUSES, type ApplicationStatus } from './card-application.states';
import { loadReviewer } from './cards.policy';

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * The figures bureaus report, over the caller's area (station or district):
 * - counts by status;
 * - application rate (district staff): people who have submitted an application / people registered;
 * - issuance rate: applications issued / applications approved (approved at some point);
 * - median days from submission to approval and to issue;
 * - the open applications waiting longest since submission.
 */
export class CardStatsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async stats(principal: Principal) {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    // Drafts are the holders' own until submitted: they count nowhere here.
    const scoped = () => {
      const q = em.createQueryBuilder(CardApplication, 'a');
      if (r.levels.includes('district')) q.where('a.district_id = :d', { d: r.districtId });
      else q.where('a.station_id = :s', { s: r.stationId });
      return q.andWhere('a.status <> :draft', { draft: 'draft' });
    };

    const byStatusRows = await scoped()
      .select('a.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('a.status')
      .getRawMany<{ status: ApplicationStatus; n: string | number }>();
    const byStatus = Object.fromEntries(APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => [s, 0])) as Record<
      ApplicationStatus,
      number
    >;
    for (const row of byStatusRows) byStatus[row.status] = Number(row.n);

    const timing = await scoped()
      .select(['a.id', 'a.personId', 'a.submittedAt', 'a.approvedAt', 'a.issuedAt'])
      .andWhere('a.submitted_at IS NOT NULL')
      .getMany();
    const approved = timing.filter((a) => a.approvedAt);
    const issued = timing.filter((a) => a.issuedAt);
    const applicants = new Set(timing.map((a) => a.personId)).size;
    // People are not attached to a district: a deployment serves one bureau, so everyone registered
    // is the district's denominator. A station has no such denominator: its rate is not given.
    const registered = r.levels.includes('district') ? await em.count(Person) : null;

    const now = this.clock.now().getTime();
    const waiting = await scoped()
      .andWhere('a.status IN (:...open)', { open: ['submitted', 'station_approved', 'needs_info'] })
      .orderBy('a.submitted_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(10)
      .getMany();

    return {
      scope: r.levels.includes('district') ? { districtId: r.districtId } : { stationId: r.stationId },
      byStatus,
      applicants,
      registeredHolders: registered,
      applicationRate: registered ? round1((applicants / registered) * 100) : null,
      approvedCount: approved.length,
      issuedCount: issued.length,
      issuanceRate: approved.length ? round1((issued.length / approved.length) * 100) : null,
      medianDaysToApproval: round1(
        median(approved.map((a) => (a.approvedAt!.getTime() - a.submittedAt!.getTime()) / DAY)),
      ),
      medianDaysToIssue: round1(median(issued.map((a) => (a.issuedAt!.getTime() - a.submittedAt!.getTime()) / DAY))),
      waitingLongest: waiting.map((a) => ({
        id: a.id,
        status: a.status,
        stationId: a.stationId,
        waitingDays: round1((now - a.submittedAt!.getTime()) / DAY),
      })),
    };
  }
}
