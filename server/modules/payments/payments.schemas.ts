import { z } from 'zod';
import { idRef, queryIdRef } from '../../http/bounds';
import { pageQuery, pageView } from '../../http/pagination';
import { MAX_QUANTITY, ORDER_STATUSES, VOUCHER_STATUSES } from './voucher-order.states';

export const orderBody = z.strictObject({
  offerId: idRef(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1),
});
export const idParams = z.object({ id: queryIdRef() });
export const voucherParams = z.object({ id: queryIdRef(), voucherId: queryIdRef() });
export const voucherQrView = z.object({ token: z.string(), expiresAt: z.string() });
export const redeemBody = z.strictObject({ token: z.string().trim().min(10).max(200) });
export const redeemedView = z.object({
  voucherId: z.number().int(),
  seq: z.number().int(),
  orderId: z.number().int(),
  title: z.string(),
  faceValueFen: z.number().int(),
  quantity: z.number().int(),
  /** Vouchers of the order still unused after this one. */
  remaining: z.number().int(),
  redeemedAt: z.string(),
});

/** The holder may say why; district staff must. */
export const refundBody = z.strictObject({ reason: z.string().trim().min(2).max(80).optional() });

const refundView = z.object({
  outRefundNo: z.string(),
  /** pending (asked, not confirmed yet), processing, success, closed or abnormal (a person will look). */
  status: z.enum(['pending', 'processing', 'success', 'closed', 'abnormal']),
  voucherCount: z.number().int(),
  amountFen: z.number().int(),
  reason: z.string(),
  succeededAt: z.string().nullable(),
});
export const refundAnswerView = z.object({ orderId: z.number().int(), refund: refundView });
export const mineQuery = pageQuery;
export const idCursor = z.object({ id: idRef() });

const at = z.string();

export const orderView = z.object({
  id: z.number().int(),
  outTradeNo: z.string(),
  title: z.string(),
  merchantId: z.number().int(),
  offerId: z.number().int(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  faceValueFen: z.number().int(),
  amountFen: z.number().int(),
  status: z.enum(ORDER_STATUSES),
  /** The status in the holder's words. */
  statusText: z.string(),
  /** Pay before this, or the order closes. */
  payBy: at,
  paidAt: at.nullable(),
  /** The vouchers can be used until then; null: no end. */
  validTo: at.nullable(),
  createdAt: at,
});

/** The arguments of `wx.requestPayment`, as WeChat Pay's prepay gave them. */
export const paymentView = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
  /**
   * True in dev mode, where there is no WeChat Pay behind the arguments: the mini-program pays with
   * `POST /api/v1/voucher-orders/:id/dev-pay` instead of `wx.requestPayment`.
   */
  devPay: z.boolean(),
});

export const createdOrderView = z.object({ order: orderView, payment: paymentView });

export const orderDetailView = orderView.extend({
  vouchers: z.array(
    z.object({
      id: z.number().int(),
      seq: z.number().int(),
      status: z.enum(VOUCHER_STATUSES),
      redeemedAt: at.nullable(),
    }),
  ),
  /** While waiting for payment: the arguments to pay again with (the prepay stays valid 2 hours). */
  payment: paymentView.nullable(),
  /** The refund of the unused vouchers, once asked for. */
  refund: refundView.nullable(),
  history: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      at,
      by: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

export const orderPageView = pageView(
  orderView.extend({
    /** Vouchers of the order still unused. */
    unused: z.number().int(),
  }),
);

export const staffOrdersQuery = pageQuery.extend({
  status: z.enum(ORDER_STATUSES).optional(),
  /** The order number, WeChat Pay's transaction number, or part of the title. */
  q: z.string().trim().max(64).optional(),
});
export const staffOrderPageView = pageView(
  orderView.extend({
    transactionId: z.string().nullable(),
    /** Vouchers still unused (what a refund would return). */
    unused: z.number().int(),
    refund: refundView.nullable(),
  }),
);
