import { describe, expect, it } from 'vitest';
import { beijingMonth, countAndYuan, exportPath, monthWords, totalsCells } from './settlement';

describe('voucher settlement helpers', () => {
  it('opens on the Beijing month: 23:30 UTC on the last day is already the next month there', () => {
    expect(beijingMonth(new Date('2027-02-28T15:59:59Z'))).toBe('2027-02');
    expect(beijingMonth(new Date('2027-02-28T16:00:00Z'))).toBe('2027-03');
    expect(beijingMonth(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
  });

  it('names the month and the export address', () => {
    expect(monthWords('2027-02')).toBe('2027年2月');
    expect(monthWords('2027-11')).toBe('2027年11月');
    expect(exportPath('2027-02', 'xlsx')).toBe('/api/v1/staff/voucher-settlements/export?month=2027-02&format=xlsx');
  });

  it('writes counts with their 元 exactly, and the totals row in column order', () => {
    expect(countAndYuan(0, 0)).toBe('—');
    expect(countAndYuan(3, 10_501)).toBe('3 张 · 105.01 元');
    expect(
      totalsCells({
        sold: { count: 8, amountFen: 16_500 },
        redeemed: { count: 1, amountFen: 3000 },
        refunded: { count: 0, amountFen: 0 },
        unusedCount: 7,
        payableFen: 3000,
      }),
    ).toEqual(['合计', '8 张 · 165.00 元', '1 张 · 30.00 元', '—', '7', '30.00 元']);
  });
});
