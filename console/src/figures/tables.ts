import { STATUS_LABELS } from '../labels';
import type {
  CardSeries,
  CardStats,
  ChatFigures,
  LegalFigures,
  LegalSeries,
  MerchantFigures,
  MerchantSeries,
} from './types';

export type Cell = string | number | null;

/** A table as the screen shows it and the workbook writes it (one sheet per table). */
export interface Table {
  name: string;
  columns: string[];
  rows: Cell[][];
}

export const SERVICE_LABELS: Record<string, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  counselling: '心理疏导',
};

export const APPOINTMENT_LABELS: Record<string, string> = {
  booked: '已预约',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '未到',
};

/** A percentage as the bureau writes it: `87.5%`; a dash when there is nothing to divide by. */
export const percent = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${n}%`);

/** Days with one decimal: `3.5 天`; a dash for none. */
export const days = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${n} 天`);

/** A period's label: weeks by their Monday (`11/23 周`), months as `2026年11月`. */
export function periodLabel(start: string, period: 'week' | 'month'): string {
  const [y, m, d] = start.split('-').map(Number);
  return period === 'month' ? `${y}年${m}月` : `${m}/${d} 周`;
}

/** The headline figures of the caller's area, one row each. */
export function cardSummaryTable(s: CardStats): Table {
  return {
    name: '优待证概况',
    columns: ['指标', '数值'],
    rows: [
      ['申请人数', s.applicants],
      ['登记持证人数', s.registeredHolders],
      ['申请率', percent(s.applicationRate)],
      ['审核通过数', s.approvedCount],
      ['已发放数', s.issuedCount],
      ['发放率', percent(s.issuanceRate)],
      ['提交至通过（中位数）', days(s.medianDaysToApproval)],
      ['提交至发放（中位数）', days(s.medianDaysToIssue)],
    ],
  };
}

export function statusTable(s: CardStats): Table {
  return {
    name: '按状态',
    columns: ['状态', '数量'],
    rows: Object.entries(s.byStatus).map(([k, n]) => [STATUS_LABELS[k] ?? k, n]),
  };
}

export function waitingTable(s: CardStats, stationName: (id: number) => string): Table {
  return {
    name: '等待最久',
    columns: ['申请编号', '状态', '服务站', '已等待（天）'],
    rows: s.waitingLongest.map((w) => [
      w.id,
      STATUS_LABELS[w.status] ?? w.status,
      stationName(w.stationId),
      w.waitingDays,
    ]),
  };
}

export function seriesTable(s: CardSeries): Table {
  return {
    name: s.period === 'month' ? '按月' : '按周',
    columns: [s.period === 'month' ? '月份' : '周（周一起）', '提交', '审核通过', '发放'],
    rows: s.items.map((i) => [s.period === 'month' ? i.start.slice(0, 7) : i.start, i.submitted, i.approved, i.issued]),
  };
}

export function perStationTable(s: CardSeries, stationName: (id: number) => string): Table {
  return {
    name: '按服务站',
    columns: ['服务站', '提交', '审核通过', '发放', '仍在办理', '提交至通过（中位数，天）'],
    rows: s.perStation.map((p) => [
      stationName(p.stationId),
      p.submitted,
      p.approved,
      p.issued,
      p.open,
      p.medianDaysToApproval,
    ]),
  };
}

export function legalServiceTable(f: LegalFigures): Table {
  const statuses = Object.keys(APPOINTMENT_LABELS);
  return {
    name: '法律援助按服务',
    columns: ['服务类型', ...statuses.map((s) => APPOINTMENT_LABELS[s]), '合计'],
    rows: Object.entries(f.byServiceType).map(([type, counts]) => [
      SERVICE_LABELS[type] ?? type,
      ...statuses.map((s) => counts[s] ?? 0),
      Object.values(counts).reduce((a, b) => a + b, 0),
    ]),
  };
}

export function legalProviderTable(f: LegalFigures): Table {
  return {
    name: '法律援助服务人员',
    columns: ['服务人员', '累计服务', '评价数', '平均评分'],
    rows: f.providers.map((p) => [p.name, p.servedCount, p.ratingCount, p.averageRating]),
  };
}

export function merchantTable(f: MerchantFigures): Table {
  return {
    name: '商户核销',
    columns: ['商户', '核销次数', '成立的投诉'],
    rows: [...f.perMerchant].sort((a, b) => b.count - a.count).map((m) => [m.name, m.count, m.upheldComplaints]),
  };
}

export function merchantCategoryTable(f: MerchantFigures, categoryName: (id: number) => string): Table {
  return {
    name: '按商户类别',
    columns: ['类别', '核销次数'],
    rows: f.perCategory.map((c) => [categoryName(c.categoryId), c.count]),
  };
}

/** A period's first column: the Monday of a week, `2026-11` for a month. */
const periodCell = (start: string, period: 'week' | 'month'): string =>
  period === 'month' ? start.slice(0, 7) : start;
const periodColumn = (period: 'week' | 'month') => (period === 'month' ? '月份' : '周（周一起）');
const byPeriod = (period: 'week' | 'month') => (period === 'month' ? '按月' : '按周');

/** Legal-aid appointments per week or month, by when they start; the no-show rate of those attended or missed. */
export function legalSeriesTable(s: LegalSeries): Table {
  return {
    name: `法律援助${byPeriod(s.period)}`,
    columns: [periodColumn(s.period), '预约（未取消）', '已完成', '未到', '已取消', '爽约率'],
    rows: s.items.map((i) => [
      periodCell(i.start, s.period),
      i.appointments,
      i.completed,
      i.noShows,
      i.cancelled,
      i.completed + i.noShows ? percent(Math.round((i.noShows / (i.completed + i.noShows)) * 1000) / 10) : '—',
    ]),
  };
}

/** Redemptions at the alliance's counters per week or month, with the holders and merchants behind them. */
export function merchantSeriesTable(s: MerchantSeries): Table {
  return {
    name: `商户核销${byPeriod(s.period)}`,
    columns: [periodColumn(s.period), '核销次数', '持证人数', '商户数'],
    rows: s.items.map((i) => [periodCell(i.start, s.period), i.redemptions, i.holders, i.merchants]),
  };
}

export function chatTable(f: ChatFigures): Table {
  return {
    name: '智能问答按周',
    columns: [
      '周（周一起）',
      '咨询消息',
      '智能回答',
      '回答率',
      '有用',
      '没用',
      '有用率',
      '会话',
      '转人工',
      '转人工率',
      '常见问题',
    ],
    rows: f.items.map((w) => [
      w.weekStart,
      w.holderMessages,
      w.answeredByAssistant,
      percentOf(w.answeredRate),
      w.useful,
      w.notUseful,
      percentOf(w.usefulRate),
      w.conversations,
      w.handovers,
      percentOf(w.handoverRate),
      w.topIntents.map((i) => `${i.intent}(${i.count})`).join('、'),
    ]),
  };
}

/** A rate given as a fraction (0–1), shown as a percentage. */
export const percentOf = (n: number | null): string => (n === null ? '—' : percent(Math.round(n * 1000) / 10));

/** The workbook's name: what it holds and the day it was taken, `统计报表-2026-11-29`. */
export function exportName(now: Date, what = '统计报表'): string {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${what}-${day}`;
}
