import { describe, expect, it } from 'vitest';
import { toSheets } from './export';
import { legalSeriesOption, merchantSeriesOption, perStationOption, seriesOption } from './options';
import {
  cardSummaryTable,
  chatTable,
  exportName,
  legalServiceTable,
  legalSeriesTable,
  merchantSeriesTable,
  merchantTable,
  percent,
  percentOf,
  periodLabel,
  perStationTable,
  seriesTable,
  waitingTable,
} from './tables';
import type {
  CardSeries,
  CardStats,
  ChatFigures,
  LegalFigures,
  LegalSeries,
  MerchantFigures,
  MerchantSeries,
} from './types';

const stats: CardStats = {
  scope: { districtId: 1 },
  byStatus: { submitted: 2, issued: 1 } as CardStats['byStatus'],
  applicants: 3,
  registeredHolders: 10,
  applicationRate: 30,
  approvedCount: 2,
  issuedCount: 1,
  issuanceRate: 50,
  medianDaysToApproval: 2.5,
  medianDaysToIssue: null,
  waitingLongest: [{ id: 7, status: 'submitted', stationId: 4, waitingDays: 12.5 }],
} as CardStats;

const series: CardSeries = {
  period: 'week',
  since: '2026-11-16',
  items: [
    { start: '2026-11-16', submitted: 1, approved: 0, issued: 0 },
    { start: '2026-11-23', submitted: 3, approved: 2, issued: 1 },
  ],
  perStation: [{ stationId: 4, submitted: 4, approved: 2, issued: 1, open: 2, medianDaysToApproval: 1.5 }],
};

const name = (id: number) => (id === 4 ? '东门服务站' : `服务站 ${id}`);

describe('figures tables', () => {
  it('words rates and days, a dash for none', () => {
    expect(percent(87.5)).toBe('87.5%');
    expect(percent(null)).toBe('—');
    expect(percentOf(0.875)).toBe('87.5%');
    expect(percentOf(1)).toBe('100%');
    const rows = cardSummaryTable(stats).rows;
    expect(rows).toContainEqual(['申请率', '30%']);
    expect(rows).toContainEqual(['提交至通过（中位数）', '2.5 天']);
    expect(rows).toContainEqual(['提交至发放（中位数）', '—']);
  });

  it('names stations and statuses in the waiting list', () => {
    expect(waitingTable(stats, name).rows).toEqual([[7, '待初审', '东门服务站', 12.5]]);
  });

  it('labels weeks by their Monday and months by year and month', () => {
    expect(periodLabel('2026-11-23', 'week')).toBe('11/23 周');
    expect(periodLabel('2026-11-01', 'month')).toBe('2026年11月');
    expect(seriesTable({ ...series, period: 'month' }).rows[0][0]).toBe('2026-11');
    expect(seriesTable(series).name).toBe('按周');
  });

  it('builds per-station rows and charts with the same numbers', () => {
    expect(perStationTable(series, name).rows).toEqual([['东门服务站', 4, 2, 1, 2, 1.5]]);
    const opt = perStationOption(series, name);
    expect(opt.xAxis.data).toEqual(['东门服务站']);
    expect(opt.series.map((s) => s.data[0])).toEqual([4, 2, 1, 2]);
    const over = seriesOption(series);
    expect(over.xAxis.data).toEqual(['11/16 周', '11/23 周']);
    expect(over.series[2]).toMatchObject({ type: 'line', data: [0, 1] });
  });

  it('totals legal-aid appointments per service and sorts merchants by redemptions', () => {
    const legal = {
      days: 30,
      byServiceType: { mediation: { completed: 2, no_show: 1 } },
      noShowRate: 33.3,
      providers: [],
      busiestHours: [],
    } as LegalFigures;
    expect(legalServiceTable(legal).rows).toEqual([['人民调解', 0, 0, 2, 0, 1, 3]]);
    const m = {
      since: '2026-10-30',
      perMerchant: [
        { merchantId: 1, name: '甲', upheldComplaints: 0, count: 1 },
        { merchantId: 2, name: '乙', upheldComplaints: 1, count: 5 },
      ],
      perCategory: [],
    } as MerchantFigures;
    expect(merchantTable(m).rows).toEqual([
      ['乙', 5, 1],
      ['甲', 1, 0],
    ]);
  });

  it('gives legal-aid appointments per period with a no-show rate, table and chart alike', () => {
    const legal: LegalSeries = {
      period: 'week',
      since: '2026-11-16',
      items: [
        { start: '2026-11-16', appointments: 4, completed: 3, noShows: 1, cancelled: 2 },
        { start: '2026-11-23', appointments: 1, completed: 0, noShows: 0, cancelled: 0 },
      ],
      perServiceType: [],
    };
    const table = legalSeriesTable(legal);
    expect(table.name).toBe('法律援助按周');
    expect(table.rows).toEqual([
      ['2026-11-16', 4, 3, 1, 2, '25%'],
      ['2026-11-23', 1, 0, 0, 0, '—'],
    ]);
    expect(legalSeriesTable({ ...legal, period: 'month' }).rows[0][0]).toBe('2026-11');
    expect(legalSeriesTable({ ...legal, period: 'month' }).name).toBe('法律援助按月');
    const opt = legalSeriesOption(legal);
    expect(opt.xAxis.data).toEqual(['11/16 周', '11/23 周']);
    expect(opt.series.map((x) => x.data[0])).toEqual([4, 3, 1, 2]);
  });

  it('gives redemptions per period with the holders and merchants behind them', () => {
    const m: MerchantSeries = {
      period: 'month',
      since: '2026-10-01',
      items: [
        { start: '2026-10-01', redemptions: 1, holders: 1, merchants: 1 },
        { start: '2026-11-01', redemptions: 7, holders: 4, merchants: 2 },
      ],
      perCategory: [],
    };
    expect(merchantSeriesTable(m)).toEqual({
      name: '商户核销按月',
      columns: ['月份', '核销次数', '持证人数', '商户数'],
      rows: [
        ['2026-10', 1, 1, 1],
        ['2026-11', 7, 4, 2],
      ],
    });
    const opt = merchantSeriesOption(m);
    expect(opt.xAxis.data).toEqual(['2026年10月', '2026年11月']);
    expect(opt.series.map((x) => x.data[1])).toEqual([7, 4, 2]);
  });

  it('shows the assistant’s rates as percentages and its top intents on one line', () => {
    const chat = {
      items: [
        {
          weekStart: '2026-11-23',
          holderMessages: 10,
          answeredByAssistant: 8,
          answeredRate: 0.8,
          useful: 3,
          notUseful: 1,
          usefulRate: 0.75,
          conversations: 4,
          handovers: 1,
          handoverRate: 0.25,
          topIntents: [{ intent: '办证', count: 3 }],
        },
      ],
    } as ChatFigures;
    expect(chatTable(chat).rows[0]).toEqual(['2026-11-23', 10, 8, '80%', 3, 1, '75%', 4, 1, '25%', '办证(3)']);
  });

  it('names the workbook by the Beijing day, and keeps sheet names within 31 characters', () => {
    expect(exportName(new Date('2026-11-29T17:00:00Z'))).toBe('统计报表-2026-11-30');
    const sheets = toSheets([{ name: 'x'.repeat(40), columns: ['a'], rows: [[Number.NaN], [1]] }]);
    expect(sheets[0].name).toHaveLength(31);
    expect(sheets[0].rows).toEqual([[null], [1]]);
  });
});
