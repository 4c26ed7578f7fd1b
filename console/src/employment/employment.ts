/** The employment desk's own logic (就业超市): words for the server's states, queries, the fair form, figures. */
import type { Table } from '../figures/tables';
import type {
  EmployerStatus,
  EmploymentFigures,
  EmploymentHistoryEntry,
  Fair,
  FairBody,
  FairMode,
  Intention,
  PostingStatus,
  StaffSignup,
} from './types';

/** What staff call each employer status. */
export const EMPLOYER_STATUS_LABELS: Record<EmployerStatus, string> = {
  submitted: '待审核',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
};

/** The queue's chips, in the order a clerk works them. */
export const EMPLOYER_CHIPS: EmployerStatus[] = ['submitted', 'approved', 'suspended', 'rejected'];

export const POSTING_STATUS_LABELS: Record<PostingStatus, string> = {
  published: '招聘中',
  closed: '已结束',
  taken_down: '已下架',
};

export const POSTING_CHIPS: Array<{ status: PostingStatus | ''; label: string }> = [
  { status: '', label: '全部' },
  { status: 'published', label: '招聘中' },
  { status: 'closed', label: '已结束' },
  { status: 'taken_down', label: '已下架' },
];

export const FAIR_MODE_LABELS: Record<FairMode, string> = { onsite: '现场', online: '网络' };

export const EMPLOYMENT_ACTION_LABELS: Record<string, string> = {
  apply: '提交单位登记',
  approve: '审核通过',
  reject: '审核不通过',
  suspend: '暂停',
  restore: '恢复',
  publish: '发布岗位',
  close: '结束招聘',
  take_down: '下架',
};

export const EMPLOYMENT_ACTOR_WORDS: Record<string, string> = {
  applicant: '申请单位',
  employer: '招聘单位',
  staff: '区局',
  system: '系统',
};

/** One line of a history: `审核不通过（区局）：营业执照照片不清晰`. */
export function historyLine(e: EmploymentHistoryEntry): string {
  const what = EMPLOYMENT_ACTION_LABELS[e.action] ?? e.action;
  const who = EMPLOYMENT_ACTOR_WORDS[e.by] ?? e.by;
  return `${what}（${who}）${e.reason ? `：${e.reason}` : ''}`;
}

/** What district staff may do to an employer now (the server's transition table). */
export function employerActions(status: EmployerStatus): Array<'approve' | 'reject' | 'suspend' | 'restore'> {
  if (status === 'submitted') return ['approve', 'reject'];
  if (status === 'approved') return ['suspend'];
  if (status === 'suspended') return ['restore'];
  return [];
}

/** Staff take down a posting that is published or closed, not one already down. */
export const mayTakeDown = (status: PostingStatus): boolean => status === 'published' || status === 'closed';

/** A page query: the filters and the cursor, empty values left out. */
export function employmentQuery(
  filters: { status?: string | null; employerId?: number | null },
  cursor: string | null,
  limit = 50,
): Record<string, string | number> {
  const q: Record<string, string | number> = { limit };
  if (filters.status) q.status = filters.status;
  if (filters.employerId) q.employerId = filters.employerId;
  if (cursor) q.cursor = cursor;
  return q;
}

/** `4000–5500 元/月`; one figure when both ends agree. */
export const salaryText = (min: number, max: number): string => (min === max ? `${min} 元/月` : `${min}–${max} 元/月`);

/** `91330100MA1K4XXXX1` → `913301 00MA1K 4XXXX1`: six at a time, for reading aloud. */
export const groupCreditCode = (code: string): string => code.replace(/(.{6})(?=.)/g, '$1 ');

export const REJECT_PRESETS = [
  '营业执照照片不清晰，请重新上传',
  '营业执照信息与登记信息不一致',
  '联系人或联系电话无法核实',
  '单位经营状态异常，暂不能发布招聘信息',
];
export const SUSPEND_PRESETS = [
  '发布的岗位信息与实际不符，经核实属实',
  '多名求职人员反映收取费用，经核实属实',
  '单位已停业或无法联系',
];
export const TAKEDOWN_PRESETS = [
  '岗位信息不完整或与实际不符',
  '涉嫌收取求职人员费用',
  '薪资待遇表述不清，请修改后重新发布',
  '岗位已招满，请及时结束招聘',
];

/** The fair form as the dialog holds it (strings where the staff member types). */
export interface FairForm {
  title: string;
  mode: FairMode;
  fairDate: string;
  place: string;
  link: string;
  /** Empty for no limit. */
  capacity: string;
  description: string;
  employerIds: number[];
}

export const emptyFairForm = (): FairForm => ({
  title: '',
  mode: 'onsite',
  fairDate: '',
  place: '',
  link: '',
  capacity: '',
  description: '',
  employerIds: [],
});

export const fairFormOf = (f: Fair): FairForm => ({
  title: f.title,
  mode: f.mode,
  fairDate: f.fairDate,
  place: f.place ?? '',
  link: f.link ?? '',
  capacity: f.capacity === null ? '' : String(f.capacity),
  description: f.description,
  employerIds: f.employers.map((e) => e.id),
});

/**
 * What is wrong with the form, field by field (the server's rules, said before it is asked): a new
 * day is today or later (`today` in Asia/Shanghai); an edited fair may keep its own day.
 */
export function fairProblems(
  f: FairForm,
  ctx: { today: string; signupCount?: number; keptDate?: string },
): Partial<Record<keyof FairForm, string>> {
  const p: Partial<Record<keyof FairForm, string>> = {};
  const signupCount = ctx.signupCount ?? 0;
  const title = f.title.trim();
  if (title.length < 2 || title.length > 60) p.title = '请填写招聘会名称（2–60 个字）';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.fairDate)) p.fairDate = '请选择举办日期';
  else if (f.fairDate < ctx.today && f.fairDate !== ctx.keptDate) p.fairDate = '招聘会日期不能早于今天';
  if (f.mode === 'onsite') {
    const place = f.place.trim();
    if (place.length < 2 || place.length > 200) p.place = '现场招聘会请填写地点';
  } else if (!/^https?:\/\/\S+$/.test(f.link.trim()) || f.link.trim().length > 500) {
    p.link = '网络招聘会请填写以 http:// 或 https:// 开头的链接';
  }
  const cap = f.capacity.trim();
  if (cap) {
    const n = Number(cap);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) p.capacity = '人数上限为 1–100000 的整数，不限请留空';
    else if (n < signupCount) p.capacity = `已有 ${signupCount} 人报名，上限不能少于此数`;
  }
  if (f.description.trim().length > 1000) p.description = '介绍不超过 1000 个字';
  if (f.employerIds.length > 200) p.employerIds = '参会单位不超过 200 家';
  return p;
}

/** The body the server takes: the place or the link the mode needs, the other left null. */
export function fairBody(f: FairForm): FairBody {
  const cap = f.capacity.trim();
  return {
    title: f.title.trim(),
    mode: f.mode,
    fairDate: f.fairDate,
    place: f.mode === 'onsite' ? f.place.trim() : null,
    link: f.mode === 'online' ? f.link.trim() : null,
    capacity: cap ? Number(cap) : null,
    description: f.description.trim(),
    employerIds: [...new Set(f.employerIds)],
  };
}

/** A date picker's day (its local calendar date) as `YYYY-MM-DD`. */
export const pickerDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Attendance and 意向 are recorded on the fair's day or after (Asia/Shanghai `YYYY-MM-DD`). */
export const fairHasBegun = (fairDate: string, today: string): boolean => fairDate <= today;

/** `已报名 12 / 50` or `已报名 12（不限人数）`. */
export const signupsText = (f: Pick<Fair, 'signupCount' | 'capacity'>): string =>
  f.capacity === null ? `已报名 ${f.signupCount}（不限人数）` : `已报名 ${f.signupCount} / ${f.capacity}`;

/** The signed-up holder as staff see them: a name, or the phone's last four when none was given. */
export function signupWho(s: Pick<StaffSignup, 'name' | 'phoneLast4' | 'accountId'>): string {
  if (s.name && s.phoneLast4) return `${s.name}（尾号 ${s.phoneLast4}）`;
  if (s.name) return s.name;
  if (s.phoneLast4) return `尾号 ${s.phoneLast4}`;
  return `持证人 ${s.accountId}`;
}

/** The intentions recorded for one holder at a fair, with the employers' names. */
export function intentionsOf(
  accountId: number,
  intentions: readonly Intention[],
  employers: ReadonlyArray<{ id: number; name: string }>,
): Array<{ id: number; employer: string; note: string }> {
  return intentions
    .filter((i) => i.accountId === accountId)
    .map((i) => ({
      id: i.id,
      employer: employers.find((e) => e.id === i.employerId)?.name ?? `单位 ${i.employerId}`,
      note: i.note,
    }));
}

/** The figures as labelled tiles, in the order the bureau reports them. */
export function figureTiles(f: EmploymentFigures): Array<{ key: string; label: string; value: number }> {
  return [
    { key: 'postings', label: '发布岗位', value: f.postings },
    { key: 'positions', label: '招聘人数', value: f.positions },
    { key: 'applications', label: '投递简历', value: f.applications },
    { key: 'hires', label: '录用', value: f.hires },
    { key: 'fairs', label: '招聘会', value: f.fairs },
    { key: 'participants', label: '到场人数', value: f.participants },
    { key: 'intentions', label: '达成意向', value: f.intentions },
  ];
}

/**
 * Every row of a paged list, following the cursor (at most `maxPages` pages of 100): the employers
 * a filter or a fair's form chooses from.
 */
export async function allPages<T>(
  get: (query: Record<string, string | number>) => Promise<{ items: T[]; nextCursor: string | null }>,
  filters: { status?: string | null } = {},
  maxPages = 10,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: { items: T[]; nextCursor: string | null } = await get(employmentQuery(filters, cursor, 100));
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** The figures as one sheet of a workbook: a row per figure. */
export function figuresTable(f: EmploymentFigures): Table {
  return {
    name: `就业统计 ${f.from} 至 ${f.to}`,
    columns: ['指标', '数值'],
    rows: figureTiles(f).map((t) => [t.label, t.value]),
  };
}
