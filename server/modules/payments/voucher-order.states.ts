import type { TransitionTable } from '../../lib/state-machine';

/**
 * A voucher order: created (stock held, waiting for WeChat Pay) → paid (its vouchers issued) →
 * redeemed (every voucher used) or refunding → refunded; created → closed when not paid in time.
 */
export const ORDER_STATUSES = ['created', 'paid', 'redeemed', 'refunding', 'refunded', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who moves an order: the buyer, WeChat Pay's word (a notice or a query), the shop, staff, the system's jobs. */
export type OrderActor = 'holder' | 'wechat' | 'merchant' | 'staff' | 'system';

export const ORDER_TRANSITIONS = {
  pay: { from: ['created'], to: 'paid', actors: ['wechat'] },
  close: { from: ['created'], to: 'closed', actors: ['holder', 'system'] },
  redeem: { from: ['paid'], to: 'redeemed', actors: ['merchant'] },
  refund: { from: ['paid'], to: 'refunding', actors: ['holder', 'staff'] },
  refunded: { from: ['refunding'], to: 'refunded', actors: ['wechat', 'system'] },
} as const satisfies TransitionTable<string, OrderStatus, OrderActor>;

export type OrderAction = keyof typeof ORDER_TRANSITIONS | 'create';

/** An order not paid within this many minutes is closed (WeChat refuses payment after it too). */
export const PAY_WITHIN_MINUTES = 15;

/** Vouchers one order may buy. */
export const MAX_QUANTITY = 10;

/** What the holder reads for each status. */
export const ORDER_STATUS_WORDS: Record<OrderStatus, string> = {
  created: '待支付',
  paid: '已支付',
  redeemed: '已使用',
  refunding: '退款中',
  refunded: '已退款',
  closed: '已关闭',
};

/** One voucher of a paid order: used once at the counter, or refunded. */
export const VOUCHER_STATUSES = ['unused', 'redeemed', 'refunded'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];
