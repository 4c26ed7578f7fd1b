/** The roster screens' pure parts: the list's query, the import template, the rates' figures, the file's words. */
import type { Table } from '../figures/tables';

/** The columns the import reads, in the template's order (联系电话 and 阶段 may be left empty). */
export const TEMPLATE_HEADER = ['姓名', '身份证号', '类别', '服务站', '联系电话', '阶段'] as const;

/** The import template as a CSV file Excel opens in Chinese (UTF-8 with a byte-order mark). */
export function templateCsv(): Blob {
  return new Blob([`\uFEFF${TEMPLATE_HEADER.join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** The largest file the server takes. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/** Why this file will not be sent, or null. */
export function rosterFileProblem(file: { name: string; size: number }): string | null {
  if (!/\.(csv|xlsx)$/i.test(file.name))
    return '请选择 CSV 或 Excel（.xlsx）格式的名册；旧版 .xls 请先在 Excel 中另存为 .xlsx';
  if (file.size === 0) return '文件是空的';
  if (file.size > MAX_ROSTER_BYTES)
    return `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB，最多 5 MB）：请删去多余的列后另存，或分几次导入`;
  return null;
}

/** The upload: the file part, and whether this is only the check. */
export function rosterImportForm(file: Blob, fileName: string, dryRun: boolean): FormData {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('file', file, fileName);
  return form;
}

export interface RosterFilter {
  q: string;
  /** Empty or undefined: every station the caller sees. */
  stationId?: number | '';
  category?: string;
  stage?: string;
}

/** The list's query for a filter (empty ones left out). */
export function rosterQuery(f: RosterFilter, cursor?: string) {
  return {
    q: f.q.trim() || undefined,
    stationId: f.stationId || undefined,
    category: f.category || undefined,
    stage: f.stage || undefined,
    cursor,
    limit: 50,
  };
}

/** A rate as the table shows it: `62.5%`, or a dash when there is nothing to divide by. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${rate.toFixed(1)}%`);

/** The visit form's problem, or null: a day (not after today) and a kind. */
export function visitProblem(v: { visitedOn: string; kind: string; note: string }, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.visitedOn)) return '请选择走访日期';
  if (v.visitedOn > today) return '走访日期不能晚于今天';
  if (!v.kind) return '请选择走访方式';
  if (v.note.trim().length > 500) return '备注最多 500 字';
  return null;
}

/** Today in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A local date as `YYYY-MM-DD` (a date picker's day). */
export const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The words for the statuses the one-person file shows from other modules. */
export const APPEAL_STATUS_LABELS: Record<string, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '不予受理',
};
export const APPEAL_KIND_LABELS: Record<string, string> = { appeal: '诉求', errand: '代办' };
export const CARD_STATUS_LABELS: Record<string, string> = {
  active: '有效',
  reported_lost: '已挂失',
  replaced: '已换发',
  revoked: '已注销',
};
export const ORDER_STATUS_LABELS: Record<string, string> = {
  created: '待支付',
  paid: '已支付',
  refunding: '退款中',
  refunded: '已退款',
  redeemed: '已使用',
  closed: '已关闭',
};

/** The figures of one row of the rates (a station, a district or the total). */
export interface RateRow {
  eligible: number;
  applied: number;
  approved: number;
  issued: number;
  applicationRate: number | null;
  issuanceRate: number | null;
}
export const RATE_COLUMNS = ['应申领人数', '已申领', '已审核通过', '已发放', '申领率', '发放率'];

const rateCells = (r: RateRow) => [
  r.eligible,
  r.applied,
  r.approved,
  r.issued,
  percent(r.applicationRate),
  percent(r.issuanceRate),
];

/** The rates as tables (exported as they are shown): per station with its district, per district with the total last. */
export function rateTables(rates: {
  stations: Array<RateRow & { stationId: number; stationName: string; districtId: number }>;
  districts: Array<RateRow & { districtId: number; districtName: string }>;
  total: RateRow;
}): { stations: Table; districts: Table } {
  const districtName = new Map(rates.districts.map((d) => [d.districtId, d.districtName]));
  return {
    stations: {
      name: '各服务站申领率',
      columns: ['服务站', '所属区', ...RATE_COLUMNS],
      rows: rates.stations.map((s) => [s.stationName, districtName.get(s.districtId) ?? '', ...rateCells(s)]),
    },
    districts: {
      name: '各区申领率',
      columns: ['区', ...RATE_COLUMNS],
      rows: [...rates.districts.map((d) => [d.districtName, ...rateCells(d)]), ['合计', ...rateCells(rates.total)]],
    },
  };
}
