import { beijingDayStart } from '../staff/staff.service';
import { CHECK_IN_UNTIL_NEXT_HOUR, NIGHT_STARTS_HOUR } from './lodging.states';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The date `n` days after `day` (both `YYYY-MM-DD`). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The nights from `first` to `last`, both included. */
export function nightsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** When the night begins (18:00 Beijing): the guest's last moment to cancel, the desk's first to mark a no-show. */
export const nightStarts = (night: string): Date =>
  new Date(beijingDayStart(night).getTime() + NIGHT_STARTS_HOUR * HOUR);

/** The desk confirms a stay from the night's day (Beijing) until noon the next day. */
export const checkInOpens = (night: string): Date => beijingDayStart(night);
export const checkInCloses = (night: string): Date =>
  new Date(beijingDayStart(night).getTime() + DAY + CHECK_IN_UNTIL_NEXT_HOUR * HOUR);

/** The days of a month `YYYY-MM`. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return nightsBetween(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

/** The closed-nights column as a list, and back. */
export const parseNights = (stored: string): string[] => (stored ? stored.split(',') : []);
export const storeNights = (nights: readonly string[]): string => [...new Set(nights)].sort().join(',');
