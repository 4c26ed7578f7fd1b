import { describe, expect, it } from 'vitest';
import {
  dayLine,
  dayMatches,
  type Difference,
  filterItems,
  KIND_WORDS,
  type ReconciliationSummary,
  sideText,
  STATUS_CHIP,
  yesterdayInBeijing,
} from './reconciliation';

const day = (over: Partial<ReconciliationSummary>): ReconciliationSummary => ({
  billDate: '2026-11-20',
  status: 'clean',
  theirRows: 3,
  theirPaidFen: 6000,
  theirRefundFen: 3000,
  ourRows: 3,
  ourPaidFen: 6000,
  ourRefundFen: 3000,
  itemCount: 0,
  error: null,
  attempts: 1,
  runBy: null,
  reconciledAt: '2026-11-21T10:20:00.000+08:00',
  updatedAt: '2026-11-21T10:20:00.000+08:00',
  ...over,
});

const item = (over: Partial<Difference>): Difference => ({
  id: 1,
  kind: 'paid_here_only',
  outTradeNo: 'RY20261120ABC',
  transactionId: '4200000001',
  theirFen: null,
  ourFen: 3000,
  orderId: 7,
  outRefundNo: null,
  note: '本系统已支付，微信支付账单中没有',
  ...over,
});

describe('the reconciliation screen’s words', () => {
  it('shows clean days green and differences red', () => {
    expect(STATUS_CHIP.clean.type).toBe('success');
    expect(STATUS_CHIP.no_bill.type).toBe('success');
    expect(STATUS_CHIP.differences.type).toBe('danger');
    expect(STATUS_CHIP.failed.type).toBe('warning');
  });

  it('names every kind of difference in words', () => {
    expect(KIND_WORDS.paid_there_only).toBe('微信有支付，本系统没有');
    expect(Object.values(KIND_WORDS).every((w) => /[\u4e00-\u9fa5]/.test(w))).toBe(true);
  });

  it('sums a day up in its list line and each side in exact yuan', () => {
    expect(dayLine(day({ status: 'differences', itemCount: 2 }))).toBe('2 处差异');
    expect(dayLine(day({ status: 'failed', attempts: 3 }))).toBe('已尝试 3 次，每日自动重试');
    expect(dayLine(day({ status: 'no_bill' }))).toBe('当日无交易');
    expect(dayLine(day({}))).toBe('3 笔，双方一致');
    expect(sideText(3, 6001, 30)).toBe('3 笔 · 收 60.01 元 · 退 0.30 元');
  });

  it('filters days by chip ("一致" takes days without trades) and items by any of their numbers', () => {
    expect(dayMatches(day({ status: 'no_bill' }), 'clean')).toBe(true);
    expect(dayMatches(day({ status: 'failed' }), 'clean')).toBe(false);
    expect(dayMatches(day({ status: 'failed' }), '')).toBe(true);
    const items = [item({ id: 1 }), item({ id: 2, outTradeNo: 'RYOTHER', transactionId: null, outRefundNo: 'RFX9' })];
    expect(filterItems(items, ' abc ').map((i) => i.id)).toEqual([1]);
    expect(filterItems(items, 'rfx').map((i) => i.id)).toEqual([2]);
    expect(filterItems(items, '').map((i) => i.id)).toEqual([1, 2]);
  });

  it('takes yesterday in Beijing, not in UTC', () => {
    expect(yesterdayInBeijing(new Date('2027-03-09T17:30:00Z'))).toBe('2027-03-09');
    expect(yesterdayInBeijing(new Date('2027-03-09T15:59:00Z'))).toBe('2027-03-08');
  });
});
