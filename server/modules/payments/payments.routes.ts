import { z } from 'zod';
import { decodeCursor, toPage } from '../../http/pagination';
import { type ErrorFormat, route } from '../../http/route';
import { isoTime } from '../../lib/time';
import type { OrdersService } from './orders.service';
import type { IncomingNotice } from './payment.port';
import type { RefundsService } from './refunds.service';
import type { VoucherCounterService } from './voucher-counter.service';
import { presentOrder, presentOrderDetail, presentPayment, presentRefund } from './payments.presenter';
import {
  createdOrderView,
  idCursor,
  idParams,
  mineQuery,
  orderBody,
  orderDetailView,
  orderPageView,
  staffOrderPageView,
  staffOrdersQuery,
  redeemBody,
  redeemedView,
  refundAnswerView,
  refundBody,
  voucherParams,
  voucherQrView,
} from './payments.schemas';

const HOLDER = ['holder'] as const;

/** What a notice path may answer besides 204: each is a 4xx/5xx WeChat Pay retries on. */
const NOTICE_ERRORS = [
  'NOTICE_MALFORMED',
  'NOTICE_SIGNATURE_INVALID',
  'NOTICE_TIMESTAMP_OUT_OF_WINDOW',
  'NOTICE_PROBE_SERIAL',
  'NOTICE_UNKNOWN_SERIAL',
  'NOTICE_DECRYPT_FAILED',
  'PAYMENT_MISMATCH',
  'NOT_FOUND',
  'PAYMENT_UNAVAILABLE',
  'PAYMENT_FAILED',
];

/** WeChat Pay reads a failed notice's answer as `{ code, message }` with a 4xx/5xx, and retries. */
const wechatPayError: ErrorFormat = {
  schema: z.object({ code: z.string(), message: z.string() }),
  format: (err) => ({ status: err.status, body: { code: err.code, message: err.message } }),
};

/**
 * A path WeChat Pay posts a notice to: the raw body as it came (the signature covers it), 204 once
 * applied, and any refusal as `{ code, message }` with a 4xx/5xx so that WeChat Pay tries again.
 */
function noticeRoute(n: { path: string; summary: string; apply: (notice: IncomingNotice) => Promise<void> }) {
  return route({
    method: 'post',
    path: n.path,
    tag: 'vouchers',
    summary: n.summary,
    access: 'public',
    rawBody: true,
    errorFormat: wechatPayError,
    responses: { 204: { description: 'Applied (or applied before)' } },
    errors: NOTICE_ERRORS,
    handler: async ({ rawBody, ctx }) => {
      await n.apply({ headers: ctx.headers, rawBody: (rawBody ?? Buffer.alloc(0)).toString('utf8') });
      return { status: 204 };
    },
  });
}

/** Holders buying vouchers: order, pay, read back. */
export const paymentsRoutes = (orders: OrdersService, refunds: RefundsService, counter: VoucherCounterService) => [
  route({
    method: 'post',
    path: '/api/v1/voucher-orders',
    tag: 'vouchers',
    summary:
      'Order vouchers of an offer (the amount is the offer’s price × quantity, computed here); answers the order and ' +
      'the wx.requestPayment arguments. Stock and the per-person daily limit are held until the order closes unpaid',
    access: HOLDER,
    body: orderBody,
    responses: { 201: { description: 'The order, waiting for payment', schema: createdOrderView } },
    errors: [
      'NOT_FOUND',
      'VALIDATION_FAILED',
      'CARD_INACTIVE',
      'OFFER_UNAVAILABLE',
      'CATEGORY_NOT_ELIGIBLE',
      'SOLD_OUT',
      'LIMIT_REACHED',
      'WECHAT_REQUIRED',
      'PAYMENT_UNAVAILABLE',
      'PAYMENT_FAILED',
    ],
    handler: async ({ principal, body }) => {
      const made = await orders.create(principal, body);
      return {
        status: 201,
        body: { order: presentOrder(made.order), payment: presentPayment(made.payment, orders.devMode) },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/voucher-orders/mine',
    tag: 'vouchers',
    summary: 'The caller’s voucher orders, newest first',
    access: HOLDER,
    query: mineQuery,
    responses: { 200: { description: 'A page of orders', schema: orderPageView } },
    handler: async ({ principal, query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const rows = await orders.mine(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
      return {
        body: toPage(
          rows,
          query.limit,
          (r) => ({ ...presentOrder(r.order), unused: r.unused }),
          (r) => ({ id: r.order.id }),
        ),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/voucher-orders',
    tag: 'vouchers',
    summary: 'Every voucher order, newest first, by status and by order number, transaction number or title',
    access: ['district_staff', 'admin'],
    query: staffOrdersQuery,
    responses: { 200: { description: 'A page of orders', schema: staffOrderPageView } },
    handler: async ({ query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const rows = await orders.listForStaff({
        status: query.status,
        q: query.q,
        beforeId: cursor?.id,
        limit: query.limit + 1,
      });
      return {
        body: toPage(
          rows,
          query.limit,
          (r) => ({
            ...presentOrder(r.order),
            transactionId: r.order.transactionId,
            unused: r.unused,
            refund: r.refund ? presentRefund(r.refund) : null,
          }),
          (r) => ({ id: r.order.id }),
        ),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/voucher-orders/:id',
    tag: 'vouchers',
    summary:
      'One of the caller’s orders with its vouchers and history; an order waiting for payment is first checked ' +
      'with WeChat Pay (the notice may not have come yet)',
    access: HOLDER,
    params: idParams,
    responses: { 200: { description: 'The order', schema: orderDetailView } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params }) => ({
      body: presentOrderDetail(await orders.detail(principal, params.id), orders.devMode),
    }),
  }),
  noticeRoute({
    path: '/api/v1/payments/wechat/notify',
    summary:
      'WeChat Pay’s payment notice: signature (platform certificate or WeChat Pay public key), timestamp and GCM tag ' +
      'checked, then applied with the order locked; 204 only once it is committed (a repeat is 204 and changes nothing)',
    apply: (notice) => orders.handlePaymentNotice(notice),
  }),
  route({
    method: 'post',
    path: '/api/v1/voucher-orders/:id/refund',
    tag: 'vouchers',
    summary:
      'Refund the order’s unused vouchers (void at once): the holder before they expire, district staff with a reason ' +
      'for any paid order; used vouchers are not refunded. One refund number per order, reused on every retry',
    access: ['holder', 'district_staff'],
    params: idParams,
    body: refundBody,
    responses: { 200: { description: 'The refund as it stands', schema: refundAnswerView } },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION', 'VOUCHER_EXPIRED', 'NOTHING_TO_REFUND'],
    handler: async ({ principal, params, body }) => ({
      body: { orderId: params.id, refund: presentRefund(await refunds.request(principal, params.id, body.reason)) },
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/voucher-orders/:id/vouchers/:voucherId/qr',
    tag: 'vouchers',
    summary: 'A QR token (valid 60 s) for one of the caller’s unused vouchers, shown at the shop’s counter',
    access: HOLDER,
    params: voucherParams,
    responses: { 200: { description: 'The token', schema: voucherQrView } },
    errors: ['NOT_FOUND', 'VOUCHER_USED', 'VOUCHER_NOT_USABLE'],
    handler: async ({ principal, params }) => {
      const qr = await counter.qr(principal, params.id, params.voucherId);
      return { body: { token: qr.token, expiresAt: isoTime(qr.expiresAt) } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant/voucher-redemptions',
    tag: 'vouchers',
    summary:
      'A clerk scans a voucher’s QR code: the voucher is used once (two scans at once take it once); only the shop ' +
      'that sold it may take it',
    access: ['merchant_owner', 'merchant_clerk'],
    body: redeemBody,
    responses: { 200: { description: 'The voucher taken', schema: redeemedView } },
    errors: [
      'FORBIDDEN',
      'MERCHANT_INACTIVE',
      'VOUCHER_QR_INVALID',
      'VOUCHER_USED',
      'VOUCHER_OTHER_SHOP',
      'VOUCHER_NOT_USABLE',
    ],
    handler: async ({ principal, body }) => {
      const r = await counter.redeem(principal, body.token);
      return {
        body: {
          voucherId: r.voucher.id,
          seq: r.voucher.seq,
          orderId: r.order.id,
          title: r.order.title,
          faceValueFen: r.order.faceValueFen,
          quantity: r.order.quantity,
          remaining: r.remaining,
          redeemedAt: isoTime(r.voucher.redeemedAt!),
        },
      };
    },
  }),
  noticeRoute({
    path: '/api/v1/payments/wechat/refund-notify',
    summary: 'WeChat Pay’s refund notice, verified and applied like the payment notice; 204 once applied',
    apply: (notice) => refunds.handleRefundNotice(notice),
  }),
  route({
    method: 'post',
    path: '/api/v1/voucher-orders/:id/dev-pay',
    tag: 'vouchers',
    summary:
      'Dev mode only: pays the caller’s order as WeChat Pay would, through the same code a verified notice takes; ' +
      '404 in live mode',
    access: HOLDER,
    params: idParams,
    responses: { 200: { description: 'The order', schema: orderDetailView } },
    errors: ['NOT_FOUND', 'PAYMENT_MISMATCH'],
    handler: async ({ principal, params }) => ({
      body: presentOrderDetail(await orders.devPay(principal, params.id), orders.devMode),
    }),
  }),
];
