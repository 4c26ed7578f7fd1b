/** The 军人驿站 screens' own logic: words for the server's states, the queries, the forms' rules, the figures. */
import { addDays, rate } from '../appeals/appeals';
import type { Table } from '../figures/tables';
import type {
  BookingHistoryEntry,
  BookingStatus,
  GuestKind,
  HotelCreate,
  HotelStatus,
  HotelUpdate,
  LodgingFigures,
  LodgingFiguresRow,
  ProofStatus,
  StaffHotel,
} from './types';

export const HOTEL_STATUS_LABELS: Record<HotelStatus, string> = { active: '接待中', paused: '已暂停' };

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预订',
  checked_in: '已入住',
  no_show: '未入住',
  cancelled: '已取消',
};

export const BOOKING_STATUS_TAG: Record<BookingStatus, 'primary' | 'success' | 'danger' | 'info'> = {
  booked: 'primary',
  checked_in: 'success',
  no_show: 'danger',
  cancelled: 'info',
};

export const PROOF_LABELS: Record<ProofStatus, string> = {
  none: '未上传，前台查验证件',
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

export const GUEST_KIND_LABELS: Record<GuestKind, string> = { serving_soldier: '现役军人', family: '军人家属' };

const ACTION_WORDS: Record<string, string> = {
  book: '预订',
  approve_proof: '证明材料审核通过',
  reject_proof: '证明材料未通过，预订取消',
  cancel: '取消预订',
  check_in: '确认入住',
  no_show: '标记未入住',
};

const ACTOR_WORDS: Record<string, string> = { guest: '预订人', desk: '驿站前台', staff: '区局', system: '系统' };

/** One line of a booking's history: who did what, and the reason when one was given. */
export function historyLine(h: Pick<BookingHistoryEntry, 'action' | 'by' | 'reason'>): string {
  const line = `${ACTOR_WORDS[h.by] ?? h.by}：${ACTION_WORDS[h.action] ?? h.action}`;
  return h.reason ? `${line}（${h.reason}）` : line;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2026-11-30` → `11月30日 周一`: a night as the desk says it. */
export function nightWords(night: string): string {
  const [y, m, d] = night.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${m}月${d}日 周${WEEKDAYS[weekday]}`;
}

/** The filters of the bookings screen; empty ones are left out of the query. */
export interface BookingFilters {
  hotelId?: number | null;
  status?: BookingStatus | '' | null;
  /** Only bookings whose proof of status waits for review. */
  proofWaiting?: boolean;
  /** A night range, both ends included (`YYYY-MM-DD`). */
  nights?: readonly [string, string] | null;
}

/** The query a filter change sends. */
export function bookingsQuery(f: BookingFilters, cursor?: string | null, limit = 50) {
  return {
    hotelId: f.hotelId || undefined,
    status: f.status || undefined,
    proofStatus: f.proofWaiting ? ('pending' as const) : undefined,
    from: f.nights?.[0] || undefined,
    to: f.nights?.[1] || undefined,
    cursor: cursor || undefined,
    limit,
  };
}

/** The steps staff may take on a booking, in the order the drawer shows them (the server says which). */
export type StaffStep = 'approve_proof' | 'reject_proof' | 'cancel';
const STEPS: readonly StaffStep[] = ['approve_proof', 'reject_proof', 'cancel'];
export const stepsOf = (allowed: readonly string[]): StaffStep[] => STEPS.filter((s) => allowed.includes(s));

/** Common reasons staff give when they reject a proof of status. */
export const REJECT_PRESETS = [
  '证明材料看不清，请重新拍摄后再预订',
  '上传的不是军官证、士兵证或军属证明',
  '证明材料与入住人姓名不符',
] as const;

/** Common reasons staff give when they cancel a booking. */
export const CANCEL_PRESETS = [
  '驿站临时停业，无法接待，请改订其他驿站',
  '经核实不符合军人驿站免费入住条件',
  '入住人本人来电要求取消',
] as const;

/** The 驿站 form: a new one (a merchant picked) or a change to one. */
export interface HotelForm {
  merchantId: number | null;
  name: string;
  dailyQuota: number;
  rules: string;
  closedNights: string[];
}

export const DEFAULT_QUOTA = 2;
export const MAX_QUOTA = 50;
export const MAX_CLOSED_NIGHTS = 60;

export const emptyHotelForm = (): HotelForm => ({
  merchantId: null,
  name: '',
  dailyQuota: DEFAULT_QUOTA,
  rules: '',
  closedNights: [],
});

export const hotelFormOf = (h: StaffHotel): HotelForm => ({
  merchantId: h.merchantId,
  name: h.name,
  dailyQuota: h.dailyQuota,
  rules: h.rules ?? '',
  closedNights: [...h.closedNights],
});

/** Distinct nights, earliest first. */
export const sortNights = (nights: readonly string[]): string[] => [...new Set(nights)].sort();

/** What is wrong with the form, as the server would say it; null when it may be sent. */
export function hotelFormProblem(f: HotelForm, creating: boolean): string | null {
  if (creating && !f.merchantId) return '请选择一家联盟商户';
  if (!creating && !f.name.trim()) return '请填写驿站名称';
  if (f.name.trim().length > 64) return '驿站名称不超过 64 个字';
  if (!Number.isInteger(f.dailyQuota) || f.dailyQuota < 1 || f.dailyQuota > MAX_QUOTA)
    return `每晚免费房间数为 1–${MAX_QUOTA} 间`;
  if (f.rules.trim().length > 1000) return '入住须知不超过 1000 字';
  if (sortNights(f.closedNights).length > MAX_CLOSED_NIGHTS) return `停止接待的日期最多 ${MAX_CLOSED_NIGHTS} 个`;
  return null;
}

/** The body that signs a merchant as a 驿站: the shop's name when none is written, no empty rules. */
export function createBody(f: HotelForm): HotelCreate {
  const body: HotelCreate = { merchantId: f.merchantId ?? 0, dailyQuota: f.dailyQuota };
  if (f.name.trim()) body.name = f.name.trim();
  if (f.rules.trim()) body.rules = f.rules.trim();
  const nights = sortNights(f.closedNights);
  if (nights.length) body.closedNights = nights;
  return body;
}

/** The body that changes a 驿站: every field, the rules cleared (null) when emptied. */
export function updateBody(f: HotelForm): HotelUpdate {
  return {
    name: f.name.trim(),
    dailyQuota: f.dailyQuota,
    rules: f.rules.trim() || null,
    closedNights: sortNights(f.closedNights),
  };
}

/** Closed nights from `today` on, the ones the desk still has to keep in mind. */
export const upcomingClosed = (h: Pick<StaffHotel, 'closedNights'>, today: string): string[] =>
  sortNights(h.closedNights).filter((n) => n >= today);

/** The coming nights at a glance: tonight's free rooms, and how many of the nights shown are full. */
export function freeSummary(h: Pick<StaffHotel, 'nights'>): string {
  if (!h.nights.length) return '—';
  const full = h.nights.filter((n) => n.free === 0).length;
  const tonight = `今晚余 ${h.nights[0].free} 间`;
  return full ? `${tonight} · ${h.nights.length} 晚中 ${full} 晚已满` : `${tonight} · 近 ${h.nights.length} 晚均有空房`;
}

/** The month presets of the figures screen: this month and the two before it (Beijing). */
export function monthPresets(today: string): Array<{ label: string; month: string }> {
  const first = `${today.slice(0, 7)}-01`;
  const last = addDays(first, -1).slice(0, 7);
  const before = addDays(`${last}-01`, -1).slice(0, 7);
  return [
    { label: '本月', month: today.slice(0, 7) },
    { label: '上月', month: last },
    { label: '前月', month: before },
  ];
}

const figureCells = (r: LodgingFiguresRow) => [
  r.booked,
  r.stays,
  r.noShows,
  r.cancellations,
  r.freeRoomNights,
  rate(r.occupancy),
];
const FIGURE_COLUMNS = ['预订间夜', '入住', '未入住', '取消', '免费间夜', '免费房入住率'];

/** The month per 驿站 with the total as the last row: the screen's table and the workbook's sheet. */
export function figuresTable(f: LodgingFigures): Table {
  return {
    name: `军人驿站 ${f.month}`,
    columns: ['驿站', ...FIGURE_COLUMNS],
    rows: [...f.hotels.map((h) => [h.hotelName, ...figureCells(h)]), ['合计', ...figureCells(f.total)]],
  };
}
