/** A provider's own day (我的服务日程): the day tabs, the buttons the server allows, the checks before saving. */
import { beijingDay, dayTitle } from './legal';
import type { DeskAppointment } from './types';

export interface DayTab {
  day: string;
  /** Appointments not cancelled. */
  count: number;
  label: string;
}

/** Today first (even with nothing on it), then every later day that has appointments, each with its count. */
export function dayTabs(items: readonly Pick<DeskAppointment, 'startsAt' | 'status'>[], now: Date): DayTab[] {
  const today = beijingDay(now);
  const counts = new Map<string, number>([[today, 0]]);
  for (const a of [...items].sort((x, y) => x.startsAt.localeCompare(y.startsAt))) {
    const day = beijingDay(a.startsAt);
    if (day < today) continue;
    counts.set(day, (counts.get(day) ?? 0) + (a.status === 'cancelled' ? 0 : 1));
  }
  return [...counts.keys()].sort().map((day) => ({
    day,
    count: counts.get(day) ?? 0,
    label: day === today ? `今天 ${dayTitle(day)}` : dayTitle(day),
  }));
}

/** The day shown: the one chosen while it is still there; at first today, or the next day with work when today has none. */
export function pickDay(tabs: readonly DayTab[], chosen: string | null): string {
  if (chosen && tabs.some((t) => t.day === chosen)) return chosen;
  const first = tabs[0];
  if (!first) return '';
  return first.count ? first.day : (tabs.find((t) => t.count > 0)?.day ?? first.day);
}

/** A day's appointments, in time order. */
export const itemsOf = <T extends Pick<DeskAppointment, 'startsAt'>>(items: readonly T[], day: string): T[] =>
  items.filter((a) => beijingDay(a.startsAt) === day).sort((a, b) => a.startsAt.localeCompare(b.startsAt));

export type Step = 'check_in' | 'complete' | 'no_show';
export interface StepButton {
  step: Step;
  text: string;
  path: string;
  /** Asked before the step is taken; null when none is needed. */
  confirm: { title: string; message: string; ok: string } | null;
  done: string;
  type: 'primary' | 'success' | 'danger';
}

const STEPS: readonly StepButton[] = [
  { step: 'check_in', text: '签到', path: 'check-in', confirm: null, done: '已签到', type: 'primary' },
  {
    step: 'complete',
    text: '完成',
    path: 'complete',
    confirm: { title: '服务完成', message: '确认这次服务已经完成？完成后预约人可以评价。', ok: '已完成' },
    done: '已完成',
    type: 'success',
  },
  {
    step: 'no_show',
    text: '未到场',
    path: 'no-show',
    confirm: {
      title: '预约人未到场',
      message: '确认预约人没有来（或电话联系不上）？这会记入其预约记录。',
      ok: '确认未到场',
    },
    done: '已记录未到场',
    type: 'danger',
  },
];

/** The step buttons of an appointment, exactly those the server allows now, in a fixed order. */
export const stepsOf = (a: Pick<DeskAppointment, 'allowedActions'>): StepButton[] =>
  STEPS.filter((s) => a.allowedActions.includes(s.step));

/** Whether the server allows editing the notes / the video meeting of an appointment. */
export const canNotes = (a: Pick<DeskAppointment, 'allowedActions'>): boolean => a.allowedActions.includes('notes');
export const canMeeting = (a: Pick<DeskAppointment, 'allowedActions' | 'mode'>): boolean =>
  a.mode === 'video' && a.allowedActions.includes('meeting');

/** What is wrong with a meeting link or number before it is sent; '' when nothing. */
export const meetingProblem = (text: string): string =>
  text.trim().length < 6
    ? '请填写会议链接或会议号（例如腾讯会议的 9 位会议号）'
    : text.trim().length > 255
      ? '会议链接最多 255 个字'
      : '';

/** What is wrong with notes before they are sent; '' when nothing. */
export const notesProblem = (text: string): string => (text.trim().length > 5000 ? '备注最多 5000 字' : '');

/** `13911112222` → `139 1111 2222`, easier to read aloud; anything else as it is. */
export const spacedPhone = (phone: string | null | undefined): string =>
  phone && /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : (phone ?? '');

/** Whether a string is a web link (opened in a new tab) rather than a meeting number. */
export const isLink = (text: string): boolean => /^https?:\/\//i.test(text.trim());
