import type { ApiItem, ApiQuery, ApiResult } from './api-types';
import { ApiError, request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** A new order waiting for payment, with the arguments to pay it with. */
export type CreatedOrder = ApiResult<'/api/v1/voucher-orders', 'post', 201>;
/**
 * The `wx.requestPayment` arguments of an unpaid order; `devPay` true means a development server
 * with no WeChat Pay behind it: the order is paid through `dev-pay` instead.
 */
export type Payment = CreatedOrder['payment'];

/**
 * An order in the holder's list: `statusText` is the status in the holder's words, `payBy` the
 * last moment to pay an unpaid one. `unused` (vouchers still to use) is read where the server
 * sends it.
 */
export type OrderSummary = ApiItem<'/api/v1/voucher-orders/mine'> & { unused?: number };
type OrderPage = ApiResult<'/api/v1/voucher-orders/mine'>;
export type OrderStatus = OrderSummary['status'];

/**
 * One order with its vouchers, its refund once asked for, and its history; `payment` is there
 * while it waits for payment (the same arguments as at the order).
 */
export type Order = ApiResult<'/api/v1/voucher-orders/{id}'>;
export type Voucher = Order['vouchers'][number];
export type VoucherStatus = Voucher['status'];
export type Refund = NonNullable<Order['refund']>;
export type RefundStatus = Refund['status'];
export type OrderHistoryItem = Order['history'][number];
export type RefundAnswer = ApiResult<'/api/v1/voucher-orders/{id}/refund', 'post'>;
/** A voucher's QR code token for the counter; it lives 60 seconds and is used once. */
export type VoucherQr = ApiResult<'/api/v1/voucher-orders/{id}/vouchers/{voucherId}/qr'>;

/** Vouchers one order may buy (the server holds the same limit). */
export const MAX_QUANTITY = 10;

/** Each status in the holder's words (the server sends the current one as `statusText`; these read the history). */
export const ORDER_STATUS_WORDS: Record<OrderStatus, string> = {
  created: '待支付',
  paid: '已支付',
  redeemed: '已使用',
  refunding: '退款中',
  refunded: '已退款',
  closed: '已关闭',
};

/** The colour of an order's status chip: amber waiting on the holder, green usable, blue in hand. */
export const ORDER_STATUS_TONE: Record<OrderStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  created: 'warn',
  paid: 'ok',
  redeemed: 'neutral',
  refunding: 'info',
  refunded: 'neutral',
  closed: 'neutral',
};

export const VOUCHER_STATUS_WORDS: Record<VoucherStatus, string> = {
  unused: '未使用',
  redeemed: '已使用',
  refunded: '已退款',
};

/** Where a refund stands, in the holder's words. */
export const REFUND_STATUS_WORDS: Record<RefundStatus, string> = {
  pending: '退款申请已提交，等待微信支付处理',
  processing: '微信支付正在退款，一般 1 至 3 个工作日到账',
  success: '已退款，钱款原路退回',
  closed: '退款没有成功，请联系区退役军人事务局',
  abnormal: '退款遇到问题，工作人员会处理并联系您',
};

/** Each step of an order's history, and who took it. */
export const ORDER_STEP_WORDS: Record<string, string> = {
  create: '下单',
  pay: '支付成功',
  close: '订单关闭',
  redeem: '全部使用',
  refund: '申请退款',
  refunded: '退款到账',
};

export const ORDER_ACTOR_WORDS: Record<string, string> = {
  holder: '本人',
  wechat: '微信支付',
  merchant: '商户',
  staff: '区退役军人事务局',
  system: '系统',
};

/** Fen as people read money: 3000 → ¥30, 3050 → ¥30.50 (integer arithmetic only). */
export function money(fen: number): string {
  const cents = fen % 100;
  return `¥${Math.floor(fen / 100)}${cents ? `.${cents < 10 ? `0${cents}` : cents}` : ''}`;
}

/**
 * Orders `quantity` vouchers of an offer; the server computes the amount from the offer. Fails with
 * SOLD_OUT, LIMIT_REACHED, CARD_INACTIVE, CATEGORY_NOT_ELIGIBLE, OFFER_UNAVAILABLE, WECHAT_REQUIRED,
 * PAYMENT_UNAVAILABLE or PAYMENT_FAILED, each with a message to show.
 */
export function createOrder(offerId: number, quantity: number): Promise<CreatedOrder> {
  return request<CreatedOrder>('/api/v1/voucher-orders', { method: 'POST', data: { offerId, quantity } });
}

/** The holder's orders, newest first, a page at a time. */
export function myOrders(opts: ApiQuery<'/api/v1/voucher-orders/mine'> = {}): Promise<OrderPage> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<OrderPage>(`/api/v1/voucher-orders/mine${q.length ? `?${q.join('&')}` : ''}`);
}

/** One order; an unpaid one is first checked with WeChat Pay by the server (the holder may just have paid). */
export function getOrder(id: number): Promise<Order> {
  return request<Order>(`/api/v1/voucher-orders/${id}`);
}

/** Development servers only: pays the order without WeChat Pay (404 on a live server). */
export function devPay(id: number): Promise<Order> {
  return request<Order>(`/api/v1/voucher-orders/${id}/dev-pay`, { method: 'POST' });
}

/**
 * Refunds the order's unused vouchers (void at once). Fails with VOUCHER_EXPIRED, NOTHING_TO_REFUND
 * or INVALID_TRANSITION (the order moved meanwhile), each with a message to show.
 */
export function refundOrder(id: number, reason?: string): Promise<RefundAnswer> {
  return request<RefundAnswer>(`/api/v1/voucher-orders/${id}/refund`, {
    method: 'POST',
    data: reason ? { reason } : {},
  });
}

/** A fresh QR token for one unused voucher; VOUCHER_USED or VOUCHER_NOT_USABLE when it cannot be used. */
export function voucherQr(orderId: number, voucherId: number): Promise<VoucherQr> {
  return request<VoucherQr>(`/api/v1/voucher-orders/${orderId}/vouchers/${voucherId}/qr`);
}

/** The holder closed WeChat's payment sheet: nothing was paid, and the order waits. */
export const PAY_CANCELLED = 'PAY_CANCELLED';

function requestPayment(p: Payment): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType,
      paySign: p.paySign,
      success: () => resolve(),
      fail: (res: { errMsg?: string }) =>
        reject(
          res && typeof res.errMsg === 'string' && res.errMsg.indexOf('cancel') >= 0
            ? new ApiError(0, PAY_CANCELLED, '未支付')
            : new ApiError(0, 'PAYMENT_FAILED', '支付没有完成，订单已保留，可以稍后在订单里重新支付'),
        ),
    });
  });
}

/**
 * Pays an unpaid order: with WeChat Pay's sheet, or through `dev-pay` on a development server.
 * Resolves once the holder has paid (the order page then reads the result back); rejects with
 * PAY_CANCELLED when the holder closed the sheet, or another ApiError when paying failed.
 */
export async function payOrder(orderId: number, payment: Payment): Promise<void> {
  if (payment.devPay) {
    await devPay(orderId);
    return;
  }
  await requestPayment(payment);
}
