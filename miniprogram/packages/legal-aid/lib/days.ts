import { dayWord } from '../../../utils/format';

/** Calendar days in Beijing time, for grouping appointments and bookable times by day. */

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const shifted = (at: string | Date): Date | null => {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS);
};

/** `2026-11-25T09:00:00+08:00` → `2026-11-25` (the Beijing calendar day). */
export function dayKey(at: string | Date): string {
  const d = shifted(at);
  return d ? d.toISOString().slice(0, 10) : '';
}

/** What a day chip says: 今天 / 明天 / `11月25日`, and the weekday. */
export function dayParts(at: string, now: Date = new Date()): { dateText: string; weekday: string } {
  const d = shifted(at);
  if (!d) return { dateText: at, weekday: '' };
  const word = dayWord(at, now);
  return {
    dateText: word === '今天' || word === '明天' ? word : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
    weekday: WEEKDAYS[d.getUTCDay()],
  };
}

/** `11月25日 周三` (with 今天 / 明天 in front when it is one of those): a day's heading. */
export function dayTitle(at: string, now: Date = new Date()): string {
  const d = shifted(at);
  if (!d) return at;
  const word = dayWord(at, now);
  const date = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`;
  return word === '今天' || word === '明天' ? `${word} ${date}` : date;
}

/** `13911112222` → `139 1111 2222`, easier to read aloud and check. */
export function spacedPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}
