import type { Database } from '../../db/database';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { In } from 'typeorm';
import { Person } from '../people/person.entity';
import { CardApplication } from './card-application.entity';
import { Card } from './card.entity';
import { APPLICATION_STATUSES, type ApplicationStatus } from './card-application.states';
import { loadReviewer } from './cards.policy';
import { periodStarts } from '../../lib/periods';

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

  /**
   * How far each of these people got with the 优待证, counted as `stats` counts: applied (has
   * submitted an application, whatever became of it), approved (one was approved at some point),
   * issued (one was issued). People who never submitted are left out.
   */
  async progressOf(
    personIds: readonly number[],
  ): Promise<Map<number, { applied: boolean; approved: boolean; issued: boolean }>> {
    const ids = [...new Set(personIds)];
    const out = new Map<number, { applied: boolean; approved: boolean; issued: boolean }>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.manager.find(CardApplication, {
        where: { personId: In(ids.slice(i, i + 500)) },
        select: { id: true, personId: true, status: true, submittedAt: true, approvedAt: true, issuedAt: true },
      });
      for (const a of rows) {
        if (a.status === 'draft' || !a.submittedAt) continue;
        const p = out.get(a.personId) ?? { applied: true, approved: false, issued: false };
        p.approved ||= a.approvedAt !== null;
        p.issued ||= a.issuedAt !== null;
        out.set(a.personId, p);
      }
    }
    return out;
  }

  /**
   * A person's applications (drafts included: staff read them in the person's file, not in the
   * queue) and cards, newest first, for staff already allowed to read the person's file.
   */
  async recordOf(personId: number): Promise<{ applications: CardApplication[]; cards: Card[] }> {
    const em = this.db.manager;
    const [applications, cards] = await Promise.all([
      em.find(CardApplication, { where: { personId }, order: { id: 'DESC' } }),
      em.find(Card, { where: { personId }, order: { id: 'DESC' } }),
    ]);
    return { applications, cards };
  }

  /**
   * Submissions, approvals and issues per week (Monday first) or per calendar month, Beijing time,
   * the last `count` periods with the current one last; and per station over those periods:
   * submitted, approved, issued, still open, median days to approval. Over the caller's area.
   */
  async series(principal: Principal, period: 'week' | 'month', count: number) {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const starts = periodStarts(this.clock.now(), period, count);
    const since = starts[0];
    const q = em.createQueryBuilder(CardApplication, 'a');
    if (r.levels.includes('district')) q.where('a.district_id = :d', { d: r.districtId });
    else q.where('a.station_id = :s', { s: r.stationId });
    const rows = await q
      .andWhere('a.status <> :draft', { draft: 'draft' })
      .andWhere('(a.submitted_at >= :since OR a.approved_at >= :since OR a.issued_at >= :since)', { since })
      .select(['a.id', 'a.stationId', 'a.status', 'a.submittedAt', 'a.approvedAt', 'a.issuedAt'])
      .getMany();

    const bucketOf = (d: Date | null): number => {
      if (!d || d < since) return -1;
      let i = starts.length - 1;
      while (i > 0 && d < starts[i]) i--;
      return i;
    };
    const items = starts.map((start) => ({ start: beijingDay(start), submitted: 0, approved: 0, issued: 0 }));
    const stations = new Map<
      number,
      { submitted: number; approved: number; issued: number; open: number; days: number[] }
    >();
    for (const a of rows) {
      const st = stations.get(a.stationId) ?? { submitted: 0, approved: 0, issued: 0, open: 0, days: [] };
      stations.set(a.stationId, st);
      const s = bucketOf(a.submittedAt);
      const ap = bucketOf(a.approvedAt);
      const is = bucketOf(a.issuedAt);
      if (s >= 0) {
        items[s].submitted++;
        st.submitted++;
        if (OPEN.includes(a.status)) st.open++;
      }
      if (ap >= 0) {
        items[ap].approved++;
        st.approved++;
        if (a.submittedAt) st.days.push((a.approvedAt!.getTime() - a.submittedAt.getTime()) / DAY);
      }
      if (is >= 0) {
        items[is].issued++;
        st.issued++;
      }
    }
    return {
      period,
      since: beijingDay(since),
      items,
      perStation: [...stations.entries()]
        .sort(([a], [b]) => a - b)
        .map(([stationId, st]) => ({
          stationId,
          submitted: st.submitted,
          approved: st.approved,
          issued: st.issued,
          open: st.open,
          medianDaysToApproval: round1(median(st.days)),
        })),
    };
  }
}

const OPEN: readonly ApplicationStatus[] = ['submitted', 'station_approved', 'needs_info'];
const BEIJING = 8 * 3_600_000;

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
const beijingDay = (d: Date) => new Date(d.getTime() + BEIJING).toISOString().slice(0, 10);
