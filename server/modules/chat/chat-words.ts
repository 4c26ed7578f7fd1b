import { isoTime } from '../../lib/time';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `3月11日（周四）09:30` in Asia/Shanghai, as people say a time. */
export function spokenTime(d: Date): string {
  const s = isoTime(d);
  const weekday = WEEKDAYS[new Date(`${s.slice(0, 10)}T00:00:00Z`).getUTCDay()];
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日（周${weekday}）${s.slice(11, 16)}`;
}

/** `3月11日` in Asia/Shanghai. */
export function spokenDate(d: Date): string {
  const s = isoTime(d);
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
}

/** `3月11日` for a Beijing calendar day written `YYYY-MM-DD`. */
export function spokenDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** A distance as people read it: `350 米`, `1.2 公里`. */
export function spokenDistance(m: number): string {
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(1)} 公里`;
}
