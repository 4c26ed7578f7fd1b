/** The appeals desk's own logic (诉求与代办): words for the server's states, the queue's query, dates, figures. */
import type { Table } from '../figures/tables';
import { CATEGORY_LABELS } from '../labels';
import type {
  AppealFigures,
  AppealFiguresRow,
  AppealHistoryEntry,
  AppealKind,
  AppealStatus,
  ContactTime,
  StaffAppeal,
  StaffAppealDetail,
} from './types';

/** What staff call each status (the holder reads the server's `statusText`). */
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '不予受理',
};

export const APPEAL_KIND_LABELS: Record<AppealKind, string> = { appeal: '诉求', errand: '代办' };

export const CONTACT_TIME_LABELS: Record<ContactTime, string> = {
  any: '任何时间均可',
  morning: '上午',
  afternoon: '下午',
  evening: '晚上',
};

export const APPEAL_ACTION_LABELS: Record<string, string> = {
  submit: '提交',
  accept: '受理',
  start: '开始办理',
  resolve: '办结',
  reject: '不予受理',
  confirm: '确认办理结果',
  reopen: '要求重新办理',
  rate: '评价',
};

const ACTOR_WORDS: Record<string, string> = { holder: '持证人', staff: '工作人员', system: '系统' };

/** The status chips of the queue, in the order a clerk works through them ('' is every status). */
export const STATUS_CHIPS: ReadonlyArray<AppealStatus | ''> = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'confirmed',
  'rejected',
  '',
];

/** The element tag type of each status: waiting is a warning, settled is muted, refused is red. */
export const STATUS_TAG: Record<AppealStatus, 'warning' | 'primary' | 'success' | 'info' | 'danger'> = {
  submitted: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  resolved: 'success',
  confirmed: 'info',
  rejected: 'danger',
};

export interface QueueFilters {
  status: AppealStatus | '';
  kind: AppealKind | '';
  category?: string;
  overdueOnly: boolean;
  stationId?: number | null;
}

/** The query a filter change sends: empty filters left out; "overdue only" asks the server for overdue work. */
export function appealsQuery(f: QueueFilters, cursor?: string | null, limit = 50) {
  return {
    limit,
    status: f.status || undefined,
    kind: f.kind || undefined,
    category: f.category || undefined,
    overdue: f.overdueOnly ? ('true' as const) : undefined,
    stationId: f.stationId || undefined,
    cursor: cursor || undefined,
  };
}

/**
 * The rows of one category. The server's queue filters by status, kind, station and overdue; the
 * category is narrowed among the rows loaded so far.
 */
export const byCategory = (rows: StaffAppeal[], category: string): StaffAppeal[] =>
  category ? rows.filter((r) => r.category === category) : rows;

/** The categories to choose from for a kind (both kinds' when none is chosen, each once). */
export function categoriesFor(all: { appeal: string[]; errand: string[] } | null, kind: AppealKind | ''): string[] {
  if (!all) return [];
  if (kind) return all[kind];
  return [...new Set([...all.appeal, ...all.errand])];
}

export type StaffStep = 'accept' | 'start' | 'resolve' | 'reject';
const STEPS: readonly StaffStep[] = ['accept', 'start', 'resolve', 'reject'];

/** The buttons the detail shows: the steps the server allows the caller now, in the order of the work. */
export const stepsOf = (allowed: readonly string[]): StaffStep[] => STEPS.filter((s) => allowed.includes(s));

/** One line of the history: `受理（工作人员）：承诺 2026-12-01 前办结`. */
export function historyLine(e: AppealHistoryEntry): string {
  const what = APPEAL_ACTION_LABELS[e.action] ?? e.action;
  const who = ACTOR_WORDS[e.by] ?? e.by;
  return `${what}（${who}）${e.reason ? '：' + e.reason : ''}`;
}

/** Who filed it, as the server masks it: `张*国 · 退役军人 · 手机尾号 1234`; unbound holders are said so. */
export function holderLine(h: StaffAppealDetail['holder']): string {
  if (!h) return '未实名';
  const parts = [h.nameMasked, CATEGORY_LABELS[h.category] ?? h.category];
  if (h.phoneLast4) parts.push(`手机尾号 ${h.phoneLast4}`);
  return parts.filter(Boolean).join(' · ');
}

/** Who handles it: the caller themselves, or a staff member by account number; nobody yet. */
export function handlerLine(
  handlerAccountId: number | null,
  me: { id: number; displayName: string } | null,
  handlerName: string | null = null,
): string {
  if (handlerAccountId === null) return '尚未指定';
  if (me && handlerAccountId === me.id) return `本人（${me.displayName}）`;
  return handlerName ?? `工作人员（账号 ${handlerAccountId}）`;
}

const DAY = 86_400_000;

/** Today in Beijing as `YYYY-MM-DD` (the server's promised dates and overdue flags are Beijing days). */
export const beijingToday = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** `YYYY-MM-DD` plus n days (calendar days, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / DAY);
}

/** The promised date the accept dialog proposes: a week from today. */
export const defaultPromise = (today: string): string => addDays(today, 7);

/** What is wrong with a promised date, or null: the server takes today or later. */
export function promiseProblem(date: string | null | undefined, today: string): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '请选择承诺办结日期';
  if (date < today) return '承诺办结日期不能早于今天';
  return null;
}

/** The date picker's days to grey out: those before today (the picker hands a local-midnight Date). */
export function beforeToday(d: Date, today: string): boolean {
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return day < today;
}

/** The promise column: the date, and how late it is when overdue. */
export function promiseText(a: Pick<StaffAppeal, 'promisedDate' | 'overdue'>, today: string): string {
  if (!a.promisedDate) return '—';
  if (!a.overdue) return a.promisedDate;
  return `${a.promisedDate}（逾期 ${Math.max(1, daysBetween(a.promisedDate, today))} 天）`;
}

/** A ratio (0–1, as the server gives it) as a percentage with one decimal: `85.7%`; a dash for none. */
export const rate = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`;

/** Spans the figures screen offers, ending today (Beijing). */
export function spanPresets(today: string): Array<{ label: string; from: string; to: string }> {
  const year = today.slice(0, 4);
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { label: '近 7 天', from: addDays(today, -6), to: today },
    { label: '近 30 天', from: addDays(today, -29), to: today },
    { label: '本月', from: monthStart, to: today },
    { label: '上月', from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    { label: '今年', from: `${year}-01-01`, to: today },
  ];
}

const figureCells = (r: AppealFiguresRow) => [
  r.accepted,
  r.resolved,
  r.onTime,
  rate(r.onTimeRate),
  r.rated,
  r.satisfied,
  rate(r.satisfactionRate),
];
const FIGURE_COLUMNS = ['受理', '办结', '按期办结', '按期办结率', '评价数', '满意（4–5 星）', '满意率'];

/** The figures per station, with the total as the last row: the screen's table and the workbook's sheet. */
export function figuresTable(f: AppealFigures): Table {
  return {
    name: `诉求统计 ${f.from} 至 ${f.to}`,
    columns: ['服务站', ...FIGURE_COLUMNS],
    rows: [
      ...f.stations.map((s) => [s.stationName ?? `服务站 ${s.stationId}`, ...figureCells(s)]),
      ['合计', ...figureCells(f.total)],
    ],
  };
}

/** A candidate handler as the 受理 dialog lists them: 代办员 said so, the caller first as 本人. */
export function handlerChoices(
  items: readonly { accountId: number; displayName: string; roles: readonly string[] }[],
  me: { id: number; displayName: string } | null,
): { accountId: number; label: string }[] {
  const label = (c: (typeof items)[number]) =>
    me && c.accountId === me.id
      ? `本人（${c.displayName}）`
      : c.roles.includes('errand_runner') && !c.roles.includes('station_staff')
        ? `${c.displayName}（代办员）`
        : c.displayName;
  const list = items.map((c) => ({ accountId: c.accountId, label: label(c) }));
  if (me && !items.some((c) => c.accountId === me.id))
    list.unshift({ accountId: me.id, label: `本人（${me.displayName}）` });
  return list.sort((a, b) => Number(b.accountId === me?.id) - Number(a.accountId === me?.id));
}
