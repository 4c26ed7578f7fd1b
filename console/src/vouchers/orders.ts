import type { OrderStatus, StaffOrder } from './types';

/** The status chips of the orders screen, in the order a clerk works through them. */
export const ORDER_CHIPS: ReadonlyArray<{ status: OrderStatus | ''; label: string }> = [
  { status: '', label: '全部' },
  { status: 'paid', label: '已支付' },
  { status: 'refunding', label: '退款中' },
  { status: 'refunded', label: '已退款' },
  { status: 'redeemed', label: '已使用' },
  { status: 'created', label: '待支付' },
  { status: 'closed', label: '已关闭' },
];

const REFUND_WORDS: Record<NonNullable<StaffOrder['refund']>['status'], string> = {
  pending: '待微信确认',
  processing: '微信处理中',
  success: '已退回',
  closed: '退款关闭',
  abnormal: '退款异常',
};

/** 12.30 元 from fen, exactly (no floating point). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

/** What the refund column says: nothing asked, or its state and amount. */
export function refundText(o: StaffOrder): string {
  if (!o.refund) return '—';
  return `${REFUND_WORDS[o.refund.status]} · ${o.refund.voucherCount} 张 ${yuan(o.refund.amountFen)}`;
}

/** Staff may refund a paid order's unused vouchers (expired ones too); nothing else. */
export const refundable = (o: StaffOrder): boolean => o.status === 'paid' && o.unused > 0;

/** The query a filter change sends (empty ones left out). */
export function ordersQuery(status: OrderStatus | '', q: string, cursor?: string) {
  return { status: status || undefined, q: q.trim() || undefined, cursor, limit: 50 };
}

/** Common reasons for a refund made at the desk. */
export const REFUND_PRESETS = [
  '商户停业或无法提供服务，统一退款',
  '代金券已过期，持证人申请退款，经核实同意',
  '持证人重复购买，经核实同意退款',
] as const;
