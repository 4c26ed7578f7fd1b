/**
 * Business hours as plain data and the arithmetic on them: open or not, when next open, and how
 * much open time lies between two instants (the figures count waiting in business hours only).
 * Every time is read in Asia/Shanghai, which keeps no daylight saving.
 */

const SHANGHAI = 8 * 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** A span of one day, `HH:MM` to `HH:MM`, start before end. */
export interface Span {
  start: string;
  end: string;
}

export interface BusinessHours {
  /** Seven lists of spans, Monday first. */
  weekly: Span[][];
  /** Days closed whatever their weekday (`YYYY-MM-DD`). */
  holidays: string[];
  /** Weekend days worked (调休), with Monday's spans (`YYYY-MM-DD`). */
  extraWorkdays: string[];
}

const WORKDAY: Span[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** Monday to Friday, 9:00–12:00 and 13:30–17:30, no holidays listed. */
export const DEFAULT_HOURS: BusinessHours = {
  weekly: [WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, [], []],
  holidays: [],
  extraWorkdays: [],
};

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local midnight (as a UTC instant in ms) of the Shanghai day holding `ms`. */
const localMidnight = (ms: number) => Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI;
const localDate = (midnight: number) => new Date(midnight + SHANGHAI).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday. */
const mondayFirst = (midnight: number) => (new Date(midnight + SHANGHAI).getUTCDay() + 6) % 7;

/** The day's open spans as instants. */
function openSpans(hours: BusinessHours, midnight: number): Array<[number, number]> {
  const date = localDate(midnight);
  if (hours.holidays.includes(date)) return [];
  const spans = hours.extraWorkdays.includes(date) ? hours.weekly[0] : hours.weekly[mondayFirst(midnight)];
  return spans.map((s) => [midnight + minutesOf(s.start) * MINUTE, midnight + minutesOf(s.end) * MINUTE]);
}

/** How far ahead `nextOpening` looks: a station closed for longer has no next opening. */
const LOOKAHEAD_DAYS = 60;

export function isOpen(hours: BusinessHours, at: Date): boolean {
  const t = at.getTime();
  return openSpans(hours, localMidnight(t)).some(([s, e]) => t >= s && t < e);
}

/** The start of the next open span after `at` (null when none in the next 60 days). */
export function nextOpening(hours: BusinessHours, at: Date): Date | null {
  const t = at.getTime();
  for (let d = 0, midnight = localMidnight(t); d < LOOKAHEAD_DAYS; d++, midnight += DAY) {
    const start = openSpans(hours, midnight).find(([s]) => s > t);
    if (start) return new Date(start[0]);
  }
  return null;
}

/** Open time between two instants, in ms (0 when `to` is not after `from`). */
export function openMillisBetween(hours: BusinessHours, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  let total = 0;
  for (let midnight = localMidnight(a); midnight < b; midnight += DAY) {
    for (const [s, e] of openSpans(hours, midnight)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total;
}

const WEEKDAY_WORDS = ['一', '二', '三', '四', '五', '六', '日'];

/**
 * When staff are back, as people say it: `周一 9:00` within the coming week, with the date
 * beyond it (`10月8日 周五 9:00`).
 */
export function spokenReturn(at: Date, now: Date): string {
  const midnight = localMidnight(at.getTime());
  const local = new Date(at.getTime() + SHANGHAI);
  const time = `${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const weekday = `周${WEEKDAY_WORDS[mondayFirst(midnight)]}`;
  if (midnight - localMidnight(now.getTime()) < 6 * DAY) return `${weekday} ${time}`;
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${weekday} ${time}`;
}

/** Parses stored hours, falling back to the default for anything unreadable. */
export function parseHours(row: { weekly: string; holidays: string; extraWorkdays: string } | null): BusinessHours {
  if (!row) return DEFAULT_HOURS;
  try {
    return {
      weekly: JSON.parse(row.weekly) as Span[][],
      holidays: JSON.parse(row.holidays) as string[],
      extraWorkdays: JSON.parse(row.extraWorkdays) as string[],
    };
  } catch {
    return DEFAULT_HOURS;
  }
}
