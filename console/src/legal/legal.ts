/** The legal-aid desk's own logic: Beijing days and weeks, the weekly hours' rules, the words. */
import type { DeskAppointment, Mode, ScheduleRow, ServiceType } from './types';

export const SERVICE_LABELS: Record<ServiceType, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  counselling: '心理疏导',
};
export const MODE_LABELS: Record<Mode, string> = { onsite: '到场', phone: '电话', video: '视频' };
export const KIND_LABELS: Record<string, string> = { lawyer: '律师', mediator: '调解员', counsellor: '心理咨询师' };
export const APPOINTMENT_STATUS_LABELS: Record<string, string> = {
  booked: '已预约',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '未到场',
};
export const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export const beijingDay = (at: Date | string): string =>
  new Date(new Date(at).getTime() + SHANGHAI).toISOString().slice(0, 10);

/** 1 Monday … 7 Sunday of a `YYYY-MM-DD` day. */
export const weekdayOf = (day: string): number => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The Monday of the week a day is in. */
export const mondayOf = (day: string): string => addDays(day, 1 - weekdayOf(day));

/** The instants a span of Beijing days covers: [first day 00:00, day after the last 00:00). */
export const spanOf = (first: string, days: number): { from: string; to: string } => ({
  from: new Date(`${first}T00:00:00+08:00`).toISOString(),
  to: new Date(`${addDays(first, days)}T00:00:00+08:00`).toISOString(),
});

/** `HH:MM` in Beijing time. */
export const beijingClock = (at: string): string =>
  new Date(new Date(at).getTime() + SHANGHAI).toISOString().slice(11, 16);

/** `11月30日 周一`. */
export const dayTitle = (day: string): string =>
  `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${WEEKDAYS[weekdayOf(day)]}`;

/** Things with a start, grouped by Beijing day over the days of a span, in time order; empty days kept. */
export function byDay<T extends { startsAt: string }>(
  items: readonly T[],
  first: string,
  days: number,
): Array<{ day: string; items: T[] }> {
  const groups = Array.from({ length: days }, (_, i) => ({ day: addDays(first, i), items: [] as T[] }));
  const index = new Map(groups.map((g) => [g.day, g]));
  for (const it of [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt)))
    index.get(beijingDay(it.startsAt))?.items.push(it);
  return groups;
}

/** Counts by status, for the day's and week's summary line. */
export function statusCounts(items: readonly Pick<DeskAppointment, 'status'>[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const a of items) c[a.status] = (c[a.status] ?? 0) + 1;
  return c;
}

const minutes = (hhmm: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/**
 * What is wrong with weekly hours before they are sent: each row's times, a span holding at least one
 * slot, at least one service and way of meeting, and no two rows of a day overlapping. Row numbers from 1.
 */
export function scheduleProblems(rows: readonly ScheduleRow[]): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    const n = `第 ${i + 1} 行（${WEEKDAYS[r.weekday] ?? '?'}）`;
    const s = minutes(r.start);
    const e = minutes(r.end);
    if (Number.isNaN(s) || Number.isNaN(e)) out.push(`${n}：时间格式为 HH:MM`);
    else if (e - s < r.slotMinutes) out.push(`${n}：结束时间须晚于开始时间至少一个时段（${r.slotMinutes} 分钟）`);
    if (r.slotMinutes < 15 || r.slotMinutes > 240) out.push(`${n}：每个时段 15–240 分钟`);
    if (r.capacity < 1 || r.capacity > 50) out.push(`${n}：每个时段可约 1–50 人`);
    if (!r.serviceTypes.length) out.push(`${n}：至少选择一项服务`);
    if (!r.modes.length) out.push(`${n}：至少选择一种方式`);
  });
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (a.weekday !== b.weekday) continue;
      if (minutes(a.start) < minutes(b.end) && minutes(b.start) < minutes(a.end))
        out.push(`第 ${i + 1} 行与第 ${j + 1} 行（${WEEKDAYS[a.weekday]}）时间重叠`);
    }
  }
  if (rows.length > 50) out.push('每周最多 50 段时间');
  return out;
}

/** Rows in the order the desk reads them: by weekday, then start. */
export const sortSchedule = (rows: readonly ScheduleRow[]): ScheduleRow[] =>
  [...rows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

/** How many slots a row makes in a week. */
export const slotsPerWeek = (rows: readonly ScheduleRow[]): number =>
  rows.reduce(
    (n, r) => n + Math.max(0, Math.floor((minutes(r.end) - minutes(r.start)) / r.slotMinutes)) * r.capacity,
    0,
  );

/** Stars for a rating, `★★★★☆`. */
export const stars = (rating: number | null): string => (rating ? '★'.repeat(rating) + '☆'.repeat(5 - rating) : '—');
