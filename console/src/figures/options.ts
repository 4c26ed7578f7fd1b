import { periodLabel, SERVICE_LABELS } from './tables';
import type { CardSeries, ChatFigures, LegalFigures, LegalSeries, MerchantFigures, MerchantSeries } from './types';

/** The bureau's red first, then calm colours that stay apart when printed in grey. */
export const PALETTE = ['#c8161d', '#3b6fd8', '#2e9e6a', '#e0a100', '#7a5cc7', '#5b6472'];

const base = {
  color: PALETTE,
  animation: false,
  tooltip: { trigger: 'axis' as const },
  legend: { top: 0 },
  grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
};

/** Submissions, approvals and issues per period: bars for the work in, a line for cards out. */
export function seriesOption(s: CardSeries) {
  return {
    ...base,
    xAxis: { type: 'category' as const, data: s.items.map((i) => periodLabel(i.start, s.period)) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: '提交', type: 'bar' as const, data: s.items.map((i) => i.submitted) },
      { name: '审核通过', type: 'bar' as const, data: s.items.map((i) => i.approved) },
      { name: '发放', type: 'line' as const, data: s.items.map((i) => i.issued) },
    ],
  };
}

/** Per station, side by side: submitted, approved, issued, still open. */
export function perStationOption(s: CardSeries, stationName: (id: number) => string) {
  return {
    ...base,
    xAxis: { type: 'category' as const, data: s.perStation.map((p) => stationName(p.stationId)) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: (['submitted', 'approved', 'issued', 'open'] as const).map((k, i) => ({
      name: ['提交', '审核通过', '发放', '仍在办理'][i],
      type: 'bar' as const,
      data: s.perStation.map((p) => p[k]),
    })),
  };
}

export function legalOption(f: LegalFigures) {
  const types = Object.keys(f.byServiceType);
  const total = (t: string) => Object.values(f.byServiceType[t]).reduce((a, b) => a + b, 0);
  return {
    ...base,
    tooltip: { trigger: 'item' as const },
    series: [
      {
        name: '预约',
        type: 'pie' as const,
        radius: ['40%', '68%'],
        top: 24,
        data: types.map((t) => ({ name: SERVICE_LABELS[t] ?? t, value: total(t) })),
      },
    ],
  };
}

export function merchantOption(f: MerchantFigures, top = 10) {
  const rows = [...f.perMerchant]
    .sort((a, b) => b.count - a.count)
    .slice(0, top)
    .reverse();
  return {
    ...base,
    legend: { show: false },
    grid: { ...base.grid, top: 8 },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: rows.map((m) => m.name) },
    series: [{ name: '核销次数', type: 'bar' as const, data: rows.map((m) => m.count) }],
  };
}

export function chatOption(f: ChatFigures) {
  return {
    ...base,
    xAxis: { type: 'category' as const, data: f.items.map((w) => periodLabel(w.weekStart, 'week')) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: '咨询消息', type: 'bar' as const, data: f.items.map((w) => w.holderMessages) },
      { name: '智能回答', type: 'bar' as const, data: f.items.map((w) => w.answeredByAssistant) },
      { name: '转人工', type: 'line' as const, data: f.items.map((w) => w.handovers) },
    ],
  };
}

/** Legal-aid appointments per period: completed and missed as stacked bars, cancellations as a line. */
export function legalSeriesOption(s: LegalSeries) {
  return {
    ...base,
    xAxis: { type: 'category' as const, data: s.items.map((i) => periodLabel(i.start, s.period)) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: '预约（未取消）', type: 'bar' as const, data: s.items.map((i) => i.appointments) },
      { name: '已完成', type: 'bar' as const, data: s.items.map((i) => i.completed) },
      { name: '未到', type: 'bar' as const, data: s.items.map((i) => i.noShows) },
      { name: '已取消', type: 'line' as const, data: s.items.map((i) => i.cancelled) },
    ],
  };
}

/** Redemptions per period as bars; the holders and merchants behind them as lines. */
export function merchantSeriesOption(s: MerchantSeries) {
  return {
    ...base,
    xAxis: { type: 'category' as const, data: s.items.map((i) => periodLabel(i.start, s.period)) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: '核销次数', type: 'bar' as const, data: s.items.map((i) => i.redemptions) },
      { name: '持证人数', type: 'line' as const, data: s.items.map((i) => i.holders) },
      { name: '商户数', type: 'line' as const, data: s.items.map((i) => i.merchants) },
    ],
  };
}
