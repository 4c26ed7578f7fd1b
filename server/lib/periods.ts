/** Weeks (from Monday) and months on Beijing's calendar, for figures per period. */
export type Period = 'week' | 'month';

const BEIJING = 8 * 3_600_000;

/**
 * The instants the last `count` weeks (from Monday) or months begin, Beijing time, oldest first;
 * the last is the current period's.
 */
export function periodStarts(now: Date, period: Period, count: number): Date[] {
  const local = new Date(now.getTime() + BEIJING); // read with getUTC*: Beijing's calendar
  const starts: Date[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const y = local.getUTCFullYear();
    const m = local.getUTCMonth();
    const d = local.getUTCDate();
    // Date.UTC carries day and month under- and overflow into the month and year before.
    const start = period === 'week' ? Date.UTC(y, m, d - ((local.getUTCDay() + 6) % 7) - 7 * i) : Date.UTC(y, m - i, 1);
    starts.push(new Date(start - BEIJING));
  }
  return starts;
}

/** The instant after the period that begins at `start` (Beijing time). */
export function periodEnd(start: Date, period: Period): Date {
  if (period === 'week') return new Date(start.getTime() + 7 * 86_400_000);
  const local = new Date(start.getTime() + BEIJING);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - BEIJING);
}
