/**
 * Times as people read them. The server sends ISO 8601 with an offset (`…+08:00`); everything is
 * shown in Beijing time whatever the phone's own time zone, so a notice reads the same for the
 * holder and for the service station.
 */

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Days since 1970-01-01 in Beijing time, for comparing calendar days. */
  dayNumber: number;
}

function beijingParts(at: string | Date): Parts | null {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (isNaN(ms)) return null;
  const shifted = new Date(ms + BEIJING_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    dayNumber: Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS),
  };
}

/** `2026-11-23T09:05:00.000+08:00` → `2026年11月23日 09:05`; text that is not a time comes back unchanged. */
export function formatDateTime(iso: string): string {
  const p = beijingParts(iso);
  if (!p) return iso;
  return `${p.year}年${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** `2026-11-23T09:05:00.000+08:00` → `2026年11月23日`. */
export function formatDate(iso: string): string {
  const p = beijingParts(iso);
  if (!p) return iso;
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `2026-11-23T09:05:00.000+08:00` → `09:05`. */
export function formatClock(iso: string): string {
  const p = beijingParts(iso);
  if (!p) return iso;
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** 昨天, 今天 or 明天 for a time near `now` (Beijing calendar days), else an empty string. */
export function dayWord(iso: string, now: Date = new Date()): '' | '昨天' | '今天' | '明天' {
  const p = beijingParts(iso);
  const n = beijingParts(now);
  if (!p || !n) return '';
  const diff = p.dayNumber - n.dayNumber;
  if (diff === -1) return '昨天';
  if (diff === 0) return '今天';
  if (diff === 1) return '明天';
  return '';
}

/** `今天 09:05`, `明天 14:30`, or the full `2026年11月23日 09:05` for other days. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const word = dayWord(iso, now);
  return word ? `${word} ${formatClock(iso)}` : formatDateTime(iso);
}
