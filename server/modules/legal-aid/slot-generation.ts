import type { EntityManager } from 'typeorm';
import { In, MoreThan } from 'typeorm';
import { LegalDayOff } from './legal-day-off.entity';
import { LegalSchedule } from './legal-schedule.entity';
import { LegalSlot } from './legal-slot.entity';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** The reason on a slot closed because the weekly hours changed: generation may open it again. */
export const SCHEDULE_CHANGE = '服务时间调整';

/** Bookable slots are kept for this many days ahead. */
export const HORIZON_DAYS = 14;

/** Midnight in Asia/Shanghai of the day `d` falls on, as a UTC instant. */
export function shanghaiMidnight(d: Date): Date {
  const local = d.getTime() + SHANGHAI;
  return new Date(local - (local % DAY) - SHANGHAI);
}

/** ISO weekday in Asia/Shanghai: 1 Monday … 7 Sunday. */
const weekdayOf = (midnight: Date) => {
  const wd = new Date(midnight.getTime() + SHANGHAI).getUTCDay();
  return wd === 0 ? 7 : wd;
};

const dayKey = (midnight: Date) => new Date(midnight.getTime() + SHANGHAI).toISOString().slice(0, 10);

/**
 * Makes the missing future slots of these providers for the next `HORIZON_DAYS` days from their
 * weekly schedules, skipping days off. Idempotent: a slot that exists (unique provider + start)
 * is left as it is, booked or not, except one closed by a change of hours, which reopens.
 * Returns how many were made or reopened.
 */
export async function generateSlots(em: EntityManager, providerIds: number[], now: Date): Promise<number> {
  if (providerIds.length === 0) return 0;
  const schedules = await em.find(LegalSchedule, { where: { providerId: In(providerIds) } });
  const daysOff = await em.find(LegalDayOff, { where: { providerId: In(providerIds) } });
  const off = new Set(daysOff.map((d) => `${d.providerId}|${d.day}`));
  const existing = await em.find(LegalSlot, {
    where: { providerId: In(providerIds), startsAt: MoreThan(now) },
    select: { id: true, providerId: true, startsAt: true, status: true, cancelReason: true },
  });
  const have = new Map(existing.map((s) => [`${s.providerId}|${s.startsAt.getTime()}`, s]));
  let reopened = 0;
  const today = shanghaiMidnight(now);
  const rows: Partial<LegalSlot>[] = [];
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const midnight = new Date(today.getTime() + i * DAY);
    const wd = weekdayOf(midnight);
    for (const s of schedules.filter((x) => x.weekday === wd)) {
      if (off.has(`${s.providerId}|${dayKey(midnight)}`)) continue;
      for (let m = s.startMinute; m + s.slotMinutes <= s.endMinute; m += s.slotMinutes) {
        const startsAt = new Date(midnight.getTime() + m * 60_000);
        const key = `${s.providerId}|${startsAt.getTime()}`;
        if (startsAt.getTime() <= now.getTime()) continue;
        const old = have.get(key);
        if (old) {
          // A slot closed only because the hours changed comes back when the hours cover it again;
          // one the desk cancelled, or any open one, is left as it is.
          if (old.status === 'cancelled' && old.cancelReason === SCHEDULE_CHANGE) {
            await em.update(
              LegalSlot,
              { id: old.id },
              {
                status: 'open',
                cancelReason: null,
                capacity: s.capacity,
                endsAt: new Date(startsAt.getTime() + s.slotMinutes * 60_000),
                serviceTypes: s.serviceTypes,
                modes: s.modes,
              },
            );
            old.status = 'open';
            reopened += 1;
          }
          continue;
        }
        have.set(key, { providerId: s.providerId, startsAt, status: 'open', cancelReason: null } as LegalSlot);
        rows.push({
          providerId: s.providerId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + s.slotMinutes * 60_000),
          capacity: s.capacity,
          booked: 0,
          serviceTypes: s.serviceTypes,
          modes: s.modes,
          status: 'open',
          cancelReason: null,
          createdAt: now,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 200) await em.insert(LegalSlot, rows.slice(i, i + 200));
  return rows.length + reopened;
}
