import type { Database } from '../../db/database';
import type { Principal } from '../../lib/principal';
import { rawDate } from '../../lib/personal-data';
import { shanghaiDate } from '../../lib/working-days';
import { beijingDayStart, type StaffService } from '../staff/staff.service';
import { Appeal } from './appeal.entity';
import { staffScopeOf } from './appeals.policy';

const DAY = 86_400_000;

/** One row of the figures: a station's, or the total. */
export interface AppealFigures {
  accepted: number;
  resolved: number;
  /** Resolved on or before the promised day (Asia/Shanghai). */
  onTime: number;
  /** onTime ÷ resolved, null when nothing was resolved. */
  onTimeRate: number | null;
  rated: number;
  /** Rated 4 or 5. */
  satisfied: number;
  /** 满意率: satisfied ÷ rated, null when nothing was rated. */
  satisfactionRate: number | null;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/**
 * The figures bureaus report for appeals and errands over a span of days (Asia/Shanghai, both
 * included): accepted (受理) in the span, resolved (办结) in it and how many by the promised day,
 * and 满意率 over the ratings given in it; per station and in total, over the caller's area.
 */
export class AppealFiguresService {
  constructor(
    private readonly db: Database,
    private readonly staff: StaffService,
  ) {}

  async figures(principal: Principal, span: { from: string; to: string }) {
    const em = this.db.manager;
    const scope = await staffScopeOf(em, principal);
    const start = beijingDayStart(span.from);
    const end = new Date(beijingDayStart(span.to).getTime() + DAY);
    const q = em
      .createQueryBuilder(Appeal, 'a')
      .select([
        'a.station_id AS station_id',
        'a.status AS status',
        'a.promised_date AS promised_date',
        'a.accepted_at AS accepted_at',
        'a.resolved_at AS resolved_at',
        'a.rating AS rating',
        'a.rated_at AS rated_at',
      ])
      .where(
        '((a.accepted_at >= :start AND a.accepted_at < :end) OR (a.resolved_at >= :start AND a.resolved_at < :end) OR (a.rated_at >= :start AND a.rated_at < :end))',
        { start, end },
      );
    if (scope.stationId !== null) q.andWhere('a.station_id = :stationId', { stationId: scope.stationId });
    const rows = await q.getRawMany<Record<string, unknown>>();

    const inSpan = (d: Date | null) => !!d && d >= start && d < end;
    const tally = new Map<
      number,
      { accepted: number; resolved: number; onTime: number; rated: number; satisfied: number }
    >();
    const total = { accepted: 0, resolved: 0, onTime: 0, rated: 0, satisfied: 0 };
    for (const r of rows) {
      const stationId = Number(r.station_id);
      const t = tally.get(stationId) ?? { accepted: 0, resolved: 0, onTime: 0, rated: 0, satisfied: 0 };
      tally.set(stationId, t);
      const acceptedAt = rawDate(r.accepted_at);
      const resolvedAt = rawDate(r.resolved_at);
      const ratedAt = rawDate(r.rated_at);
      const status = String(r.status);
      const add = (key: keyof typeof total) => {
        t[key]++;
        total[key]++;
      };
      if (inSpan(acceptedAt)) add('accepted');
      // A resolution the holder sent back is no longer one: only appeals still resolved count.
      if (inSpan(resolvedAt) && (status === 'resolved' || status === 'confirmed')) {
        add('resolved');
        if (r.promised_date !== null && shanghaiDate(resolvedAt!) <= String(r.promised_date)) add('onTime');
      }
      if (inSpan(ratedAt) && r.rating !== null) {
        add('rated');
        if (Number(r.rating) >= 4) add('satisfied');
      }
    }
    const names = new Map((await this.staff.listStations()).map((s) => [s.id, s.name]));
    const present = (t: typeof total): AppealFigures => ({
      ...t,
      onTimeRate: ratio(t.onTime, t.resolved),
      satisfactionRate: ratio(t.satisfied, t.rated),
    });
    return {
      from: span.from,
      to: span.to,
      stations: [...tally]
        .sort(([a], [b]) => a - b)
        .map(([stationId, t]) => ({ stationId, stationName: names.get(stationId) ?? null, ...present(t) })),
      total: present(total),
    };
  }
}
