import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import { periodEnd, periodStarts } from '../../lib/periods';
import type { AppointmentStatus } from './appointment.states';
import { LegalAppointment } from './legal-appointment.entity';
import { SERVICE_TYPES, type ServiceType } from './legal-aid.types';

interface Counts {
  appointments: number;
  completed: number;
  noShows: number;
  cancelled: number;
}

const zero = (): Counts => ({ appointments: 0, completed: 0, noShows: 0, cancelled: 0 });

function tally(c: Counts, status: AppointmentStatus): void {
  if (status === 'cancelled') {
    c.cancelled++;
    return;
  }
  c.appointments++;
  if (status === 'completed') c.completed++;
  if (status === 'no_show') c.noShows++;
}

/**
 * The legal-aid desk's figures per week (Monday first) or calendar month, Beijing time, as the
 * cards' series are: appointments by the time they start, the current period's coming ones too.
 * Providers serve the whole bureau (they belong to no district), as the desk's other figures do.
 */
export class LegalSeriesService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async series(period: 'week' | 'month', periods: number) {
    const starts = periodStarts(this.clock.now(), period, periods);
    const since = starts[0];
    const end = periodEnd(starts[starts.length - 1], period);
    // Bucketed here rather than by SQL date functions, which differ between SQLite and MySQL.
    const rows = await this.db.manager
      .createQueryBuilder(LegalAppointment, 'a')
      .select(['a.id', 'a.serviceType', 'a.status', 'a.startsAt'])
      .where('a.starts_at >= :since AND a.starts_at < :end', { since, end })
      .getMany();
    const items = starts.map((s) => ({ start: shanghaiDate(s), ...zero() }));
    const perType = new Map<ServiceType, Counts>();
    for (const a of rows) {
      let i = starts.length - 1;
      while (i > 0 && a.startsAt < starts[i]) i--;
      tally(items[i], a.status);
      const t = perType.get(a.serviceType) ?? zero();
      perType.set(a.serviceType, t);
      tally(t, a.status);
    }
    return {
      period,
      since: shanghaiDate(since),
      items,
      perServiceType: SERVICE_TYPES.filter((t) => perType.has(t)).map((serviceType) => ({
        serviceType,
        ...perType.get(serviceType)!,
      })),
    };
  }
}
