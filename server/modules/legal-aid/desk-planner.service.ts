import { Between, MoreThanOrEqual } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { isoTime } from '../../lib/time';
import { shanghaiDate } from '../../lib/working-days';
import { LegalDayOff } from './legal-day-off.entity';
import { presentProvider } from './legal-aid.presenter';
import { LegalProvider } from './legal-provider.entity';
import { LegalSchedule } from './legal-schedule.entity';
import { LegalSlot } from './legal-slot.entity';
import { type Mode, type ServiceType, splitList } from './legal-aid.types';

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A span of slots the desk looks at in one go (a week, with room to spare). */
export const DESK_SLOTS_MAX_DAYS = 31;

/** What the desk reads to plan: every provider (retired ones too), their hours, days off and slots. */
export class DeskPlannerService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async providers(): Promise<LegalProvider[]> {
    return this.db.manager.find(LegalProvider, { order: { active: 'DESC', id: 'ASC' } });
  }

  /** The weekly hours in the form they are replaced with, and the days off from today (Shanghai) on. */
  async plan(providerId: number) {
    const em = this.db.manager;
    if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
    const [schedules, daysOff] = await Promise.all([
      em.find(LegalSchedule, { where: { providerId }, order: { weekday: 'ASC', startMinute: 'ASC' } }),
      em.find(LegalDayOff, {
        where: { providerId, day: MoreThanOrEqual(shanghaiDate(this.clock.now())) },
        order: { day: 'ASC' },
      }),
    ]);
    return {
      schedules: schedules.map((s) => ({
        weekday: s.weekday,
        start: hhmm(s.startMinute),
        end: hhmm(s.endMinute),
        slotMinutes: s.slotMinutes,
        capacity: s.capacity,
        serviceTypes: splitList<ServiceType>(s.serviceTypes),
        modes: splitList<Mode>(s.modes),
      })),
      daysOff: daysOff.map((d) => ({ day: d.day, reason: d.reason })),
    };
  }

  /** Every slot of the provider starting in [from, to), at most a month of them. */
  async slots(providerId: number, from: Date, to: Date) {
    const em = this.db.manager;
    if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
    const end = new Date(Math.min(to.getTime(), from.getTime() + DESK_SLOTS_MAX_DAYS * 86_400_000));
    const rows = await em.find(LegalSlot, {
      where: { providerId, startsAt: Between(from, new Date(end.getTime() - 1)) },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: 1000,
    });
    return rows.map((s) => ({
      id: s.id,
      startsAt: isoTime(s.startsAt),
      endsAt: isoTime(s.endsAt),
      capacity: s.capacity,
      booked: s.booked,
      status: s.status,
      cancelReason: s.cancelReason,
    }));
  }
}

/** The desk's view of a provider (see `staffProviderView`). */
export const presentStaffProvider = (p: LegalProvider) => ({
  ...presentProvider(p),
  active: p.active,
  accountId: p.accountId,
  location: p.latE6 !== null && p.lngE6 !== null ? { latitude: p.latE6 / 1e6, longitude: p.lngE6 / 1e6 } : null,
});
