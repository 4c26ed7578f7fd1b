import type { MyOffer } from '../../services/merchant-portal';
import { categoryLabel } from '../../services/people';
import { formatDate } from '../../utils/format';

/** Fen as yuan for people: 4000 → "40", 4050 → "40.5". */
export const yuan = (fen: number): string => String(Math.round(fen) / 100);

/**
 * Fen as an amount of money on a statement, in whole fen arithmetic: 123450 → "¥1,234.50",
 * 5000 → "¥50.00".
 */
export function money(fen: number): string {
  const n = Math.abs(Math.round(fen));
  const whole = String(Math.floor(n / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = n % 100 < 10 ? `0${n % 100}` : String(n % 100);
  return `${fen < 0 ? '-' : ''}¥${whole}.${cents}`;
}

/** Yuan typed by a person ("40", "40.5", "40.50") as fen; null when it is not an amount. */
export function toFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** What an offer gives, in words: the discount, or what a voucher costs and is worth. */
export function offerKindText(o: Pick<MyOffer, 'kind' | 'priceFen' | 'faceValueFen'>): string {
  if (o.kind === 'voucher' && o.priceFen != null && o.faceValueFen != null) {
    return `代金券：${yuan(o.priceFen)} 元买 ${yuan(o.faceValueFen)} 元`;
  }
  return o.kind === 'voucher' ? '代金券' : '到店折扣';
}

/**
 * A voucher's stock in words: how many are left of how many are for sale (orders waiting for
 * payment hold theirs), or that it is not limited; empty for a discount.
 */
export function stockText(o: Pick<MyOffer, 'kind' | 'stockTotal' | 'stockLeft'>): string {
  if (o.kind !== 'voucher') return '';
  if (o.stockTotal == null) return '库存：不限量';
  const left = o.stockLeft ?? 0;
  return `库存：剩余 ${left} / 共 ${o.stockTotal} 张${left === 0 ? '（已售完）' : ''}`;
}

/** When an offer can be used, in words. */
export function validityText(o: Pick<MyOffer, 'validFrom' | 'validTo'>): string {
  if (!o.validFrom && !o.validTo) return '长期有效';
  if (o.validFrom && o.validTo) return `${formatDate(o.validFrom)} 至 ${formatDate(o.validTo)}`;
  if (o.validFrom) return `${formatDate(o.validFrom)} 起`;
  return `至 ${formatDate(o.validTo as string)}`;
}

/** Who may use an offer, in words. */
export function eligibleText(categories: string[]): string {
  return categories.length ? categories.map(categoryLabel).join('、') : '所有持证人';
}

/** The daily limit in words. */
export const limitText = (n: number | null): string => (n ? `每人每天 ${n} 次` : '每天次数不限');
