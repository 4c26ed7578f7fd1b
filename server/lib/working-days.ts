const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** Day of week in Asia/Shanghai (0 Sunday … 6 Saturday). */
export const shanghaiWeekday = (d: Date) => new Date(d.getTime() + SHANGHAI).getUTCDay();

/** `YYYY-MM-DD` in Asia/Shanghai. */
export const shanghaiDate = (d: Date) => new Date(d.getTime() + SHANGHAI).toISOString().slice(0, 10);

/**
 * The instant `n` working days (Monday to Friday) before `now`. Public holidays and make-up
 * working days (调休) are not known here: they count as ordinary weekdays and weekends.
 */
export function workingDaysBefore(now: Date, n: number): Date {
  let t = now.getTime();
  let left = n;
  while (left > 0) {
    t -= DAY;
    const wd = shanghaiWeekday(new Date(t));
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return new Date(t);
}
