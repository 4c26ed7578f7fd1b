/** The trade-bill reconciliation screen's types (from the generated declarations) and words. */
import type { paths } from '../../../miniprogram/types/api';
import { yuan } from './orders';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type ReconciliationPage = Ok<paths['/api/v1/staff/payment-reconciliations']['get']>;
export type ReconciliationSummary = ReconciliationPage['items'][number];
export type ReconciliationDay = Ok<paths['/api/v1/staff/payment-reconciliations/{date}']['get']>;
export type Difference = ReconciliationDay['items'][number];
export type ReconciliationStatus = ReconciliationSummary['status'];
export type DifferenceKind = Difference['kind'];

/** Element Plus tag types: clean days green, differences red, failed ones amber. */
type TagType = 'success' | 'danger' | 'warning' | 'info';

export const STATUS_CHIP: Record<ReconciliationStatus, { label: string; type: TagType }> = {
  clean: { label: '一致', type: 'success' },
  no_bill: { label: '无交易', type: 'success' },
  differences: { label: '有差异', type: 'danger' },
  failed: { label: '未取得账单', type: 'warning' },
};

/** Each kind of difference as staff read it. */
export const KIND_WORDS: Record<DifferenceKind, string> = {
  paid_there_only: '微信有支付，本系统没有',
  paid_here_only: '本系统已支付，微信账单没有',
  amount_mismatch: '支付金额不一致',
  refunded_there_only: '微信有退款，本系统没有',
  refunded_here_only: '本系统已退款，微信账单没有',
  refund_amount_mismatch: '退款金额不一致',
};

/** The day list's filter chips. */
export const DAY_CHIPS: ReadonlyArray<{ status: ReconciliationStatus | ''; label: string }> = [
  { status: '', label: '全部' },
  { status: 'differences', label: '有差异' },
  { status: 'failed', label: '未取得账单' },
  { status: 'clean', label: '一致' },
];

/** A day passes the chip: "一致" takes the days without trades too. */
export const dayMatches = (d: ReconciliationSummary, chip: ReconciliationStatus | ''): boolean =>
  chip === '' || d.status === chip || (chip === 'clean' && d.status === 'no_bill');

/** An amount column: the amount, or a dash where that side has no record. */
export const amountText = (fen: number | null): string => (fen === null ? '—' : yuan(fen));

/** One side's line of the day's facts: "3 笔 · 收 60.00 元 · 退 30.00 元". */
export function sideText(rows: number, paidFen: number, refundFen: number): string {
  return `${rows} 笔 · 收 ${yuan(paidFen)} · 退 ${yuan(refundFen)}`;
}

/** The day's line in the list: its outcome in a few words. */
export function dayLine(d: ReconciliationSummary): string {
  switch (d.status) {
    case 'differences':
      return `${d.itemCount} 处差异`;
    case 'failed':
      return `已尝试 ${d.attempts} 次，每日自动重试`;
    case 'no_bill':
      return '当日无交易';
    default:
      return `${d.ourRows} 笔，双方一致`;
  }
}

/** Items whose order number, transaction number or refund number contains the text typed. */
export function filterItems(items: readonly Difference[], text: string): Difference[] {
  const q = text.trim().toUpperCase();
  if (!q) return [...items];
  return items.filter((i) =>
    [i.outTradeNo, i.transactionId, i.outRefundNo].some((n) => n !== null && n.toUpperCase().includes(q)),
  );
}

/** Yesterday in Asia/Shanghai (the newest day that can be run), `YYYY-MM-DD`. */
export function yesterdayInBeijing(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}
