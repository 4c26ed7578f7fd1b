/** The voucher settlement screen's types (from the generated declarations) and its pure helpers. */
import type { paths } from '../../../miniprogram/types/api';
import { yuan } from './orders';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type SettlementList = Ok<paths['/api/v1/staff/voucher-settlements']['get']>;
export type SettlementRow = SettlementList['rows'][number];
export type SettlementTotals = SettlementList['totals'];
export type MerchantSettlement = Ok<paths['/api/v1/staff/voucher-settlements/{merchantId}']['get']>;

const BEIJING = 8 * 3_600_000;

/** The month `YYYY-MM` on Beijing's calendar at `now`: the one the screen opens on. */
export const beijingMonth = (now: Date): string => new Date(now.getTime() + BEIJING).toISOString().slice(0, 7);

/** `2027年2月` for a `YYYY-MM`. */
export function monthWords(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The export's address for the month and format. */
export const exportPath = (month: string, format: 'csv' | 'xlsx') =>
  `/api/v1/staff/voucher-settlements/export?month=${encodeURIComponent(month)}&format=${format}`;

/** "3 张 · 90.00 元", or a dash for none. */
export function countAndYuan(count: number, fen: number): string {
  return count === 0 && fen === 0 ? '—' : `${count} 张 · ${yuan(fen)}`;
}

/**
 * The totals row under the merchants' table, cell by cell in the table's column order: the label,
 * sold, redeemed, refunded, unused, payable.
 */
export function totalsCells(t: SettlementTotals): string[] {
  return [
    '合计',
    countAndYuan(t.sold.count, t.sold.amountFen),
    countAndYuan(t.redeemed.count, t.redeemed.amountFen),
    countAndYuan(t.refunded.count, t.refunded.amountFen),
    String(t.unusedCount),
    yuan(t.payableFen),
  ];
}
