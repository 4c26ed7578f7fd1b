import { parseSpans, spansText } from '../admin/places';
import { CANNED_VARIABLES } from './inbox';
import type { BusinessHours, CannedReply, CannedScope } from './types';

export const TITLE_MAX = 64;
export const TEXT_MAX = 500;

/** What the canned-reply form holds; `place` is a station id, or null for the whole district. */
export interface CannedForm {
  title: string;
  text: string;
  place: number | null;
}

/** Whether the caller may change or delete a reply: the server's rule (its station's staff, its district's, an admin). */
export function mayEditCanned(r: CannedReply, scope: CannedScope): boolean {
  if (scope.admin) return true;
  if (scope.districtId !== null && r.districtId === scope.districtId) return true;
  return scope.stationId !== null && r.stationId === scope.stationId;
}

/** Where a new reply may go: the stations the caller manages, and the whole district for district staff. */
export function placeOptions(scope: CannedScope): Array<{ value: number | null; label: string }> {
  const out: Array<{ value: number | null; label: string }> = scope.districtWide
    ? [{ value: null, label: '全区通用（区内各服务站都能用）' }]
    : [];
  for (const s of scope.stations) out.push({ value: s.id, label: s.name });
  return out;
}

/** Where a new reply goes unless the clerk picks: their own station, else the district. */
export function defaultPlace(scope: CannedScope): number | null {
  if (scope.stationId !== null) return scope.stationId;
  if (scope.districtWide) return null;
  return scope.stations[0]?.id ?? null;
}

/** Where a reply applies, in words. */
export function placeLabel(r: CannedReply, scope: CannedScope | null): string {
  if (r.stationId === null) return '全区通用';
  return scope?.stations.find((s) => s.id === r.stationId)?.name ?? `服务站 #${r.stationId}`;
}

/** The form's problems by field (empty when it may be sent). */
export function cannedErrors(f: CannedForm): Partial<Record<'title' | 'text', string>> {
  const e: Partial<Record<'title' | 'text', string>> = {};
  const title = f.title.trim();
  const text = f.text.trim();
  if (!title) e.title = '请填写标题';
  else if ([...title].length > TITLE_MAX) e.title = `标题最多 ${TITLE_MAX} 个字`;
  if (!text) e.text = '请填写内容';
  else if ([...text].length > TEXT_MAX) e.text = `内容最多 ${TEXT_MAX} 个字`;
  return e;
}

/** Words in braces that are not variables: the server leaves them as written, so the clerk is told. */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(CANNED_VARIABLES);
  return [...new Set(text.match(/\{[^{}\s]{1,10}\}/g) ?? [])].filter((v) => !known.has(v));
}

/** The body of a new reply. */
export function createBody(f: CannedForm): { title: string; text: string; stationId: number | null } {
  return { title: f.title.trim(), text: f.text.trim(), stationId: f.place };
}

/** The fields that changed (the server takes title and text only); null when nothing did. */
export function cannedPatch(r: CannedReply, f: CannedForm): { title?: string; text?: string } | null {
  const p: { title?: string; text?: string } = {};
  if (f.title.trim() !== r.title) p.title = f.title.trim();
  if (f.text.trim() !== r.text) p.text = f.text.trim();
  return Object.keys(p).length ? p : null;
}

/** Inserts a variable where the caret is. */
export function insertVariable(text: string, at: number, variable: string): { text: string; caret: number } {
  const i = Math.max(0, Math.min(at, text.length));
  return { text: text.slice(0, i) + variable + text.slice(i), caret: i + variable.length };
}

// Business hours -------------------------------------------------------------------------------------------

/** The hours form: one line of spans a day (Monday first), dates separated by commas. */
export interface HoursForm {
  days: string[];
  holidays: string;
  extraWorkdays: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayList = (text: string) => text.split(/[,，、\s]+/).filter(Boolean);

export const hoursForm = (h: BusinessHours): HoursForm => ({
  days: h.weekly.map(spansText),
  holidays: h.holidays.join(', '),
  extraWorkdays: h.extraWorkdays.join(', '),
});

/** Checks a list of dates; an error message, or '' when every one reads as YYYY-MM-DD. */
export function dayListError(text: string, max: number): string {
  const days = dayList(text);
  const bad = days.find((d) => !DAY.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad) return `无法识别“${bad}”，日期格式为 YYYY-MM-DD，多个用逗号分隔`;
  if (days.length > max) return `最多 ${max} 天`;
  return '';
}

/** The PUT body, or the problems by field (`day0`…`day6`, `holidays`, `extraWorkdays`). */
export function hoursBody(
  f: HoursForm,
):
  | { body: { weekly: Array<Array<{ start: string; end: string }>>; holidays: string[]; extraWorkdays: string[] } }
  | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const weekly = f.days.map((d, i) => {
    const spans = parseSpans(d);
    if (typeof spans === 'string') {
      errors[`day${i}`] = spans;
      return [];
    }
    return spans;
  });
  const holidays = dayListError(f.holidays, 100);
  if (holidays) errors.holidays = holidays;
  const extra = dayListError(f.extraWorkdays, 50);
  if (extra) errors.extraWorkdays = extra;
  if (Object.keys(errors).length) return { errors };
  return { body: { weekly, holidays: dayList(f.holidays), extraWorkdays: dayList(f.extraWorkdays) } };
}
