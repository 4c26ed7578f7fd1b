import { z } from 'zod';
import type { PaymentTransaction, RefundState } from '../../modules/payments/payment.port';

/**
 * WeChat Pay APIv3's JSON as it travels (snake_case), parsed with zod and mapped to the port's
 * types. Objects are loose: WeChat adds fields over time and an unknown field must not refuse money.
 */

const fen = z.number().int().min(0);

export const transactionWire = z.object({
  appid: z.string().min(1),
  mchid: z.string().min(1),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']),
  trade_state_desc: z.string().default(''),
  bank_type: z.string().optional(),
  attach: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z.object({
    total: fen,
    payer_total: fen.optional(),
    currency: z.string().default('CNY'),
    payer_currency: z.string().optional(),
  }),
});

export function toTransaction(w: z.output<typeof transactionWire>): PaymentTransaction {
  return {
    appId: w.appid,
    mchId: w.mchid,
    outTradeNo: w.out_trade_no,
    transactionId: w.transaction_id || null,
    tradeState: w.trade_state,
    tradeStateDesc: w.trade_state_desc,
    successTime: w.success_time || null,
    payerOpenid: w.payer?.openid || null,
    amountFen: w.amount.total,
    payerAmountFen: w.amount.payer_total ?? null,
    currency: w.amount.currency,
    attach: w.attach || null,
  };
}

const refundStatus = z.enum(['SUCCESS', 'PROCESSING', 'CLOSED', 'ABNORMAL']);

/** The answer of refund creation and query. */
export const refundWire = z.object({
  refund_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  transaction_id: z.string().min(1),
  out_trade_no: z.string().min(1),
  status: refundStatus,
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: z.object({ total: fen, refund: fen, payer_refund: fen.optional() }),
});

export function toRefund(w: z.output<typeof refundWire>): RefundState {
  return {
    mchId: null,
    outRefundNo: w.out_refund_no,
    refundId: w.refund_id,
    outTradeNo: w.out_trade_no,
    transactionId: w.transaction_id,
    status: w.status,
    refundFen: w.amount.refund,
    totalFen: w.amount.total,
    payerRefundFen: w.amount.payer_refund ?? null,
    successTime: w.success_time || null,
    receivedAccount: w.user_received_account || null,
  };
}

/** The decrypted resource of a refund notice: like the query's answer, `refund_status` for `status`. */
export const refundNoticeWire = z.object({
  mchid: z.string().min(1),
  out_trade_no: z.string().min(1),
  transaction_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  refund_id: z.string().min(1),
  refund_status: refundStatus,
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: z.object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
});

export function toRefundFromNotice(w: z.output<typeof refundNoticeWire>): RefundState {
  return {
    mchId: w.mchid,
    outRefundNo: w.out_refund_no,
    refundId: w.refund_id,
    outTradeNo: w.out_trade_no,
    transactionId: w.transaction_id,
    status: w.refund_status,
    refundFen: w.amount.refund,
    totalFen: w.amount.total,
    payerRefundFen: w.amount.payer_refund ?? null,
    successTime: w.success_time || null,
    receivedAccount: w.user_received_account || null,
  };
}

/** A notice's envelope; the resource is AEAD_AES_256_GCM ciphertext under the APIv3 key. */
export const noticeEnvelopeWire = z.object({
  id: z.string().min(1),
  create_time: z.string().min(1),
  event_type: z.string().min(1),
  resource_type: z.literal('encrypt-resource'),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().default(''),
    nonce: z.string().min(1),
    original_type: z.string().min(1),
  }),
});

/** The answer of `/v3/bill/tradebill`. */
export const billRequestWire = z.object({
  hash_type: z.literal('SHA1'),
  hash_value: z.string().regex(/^[0-9a-fA-F]{40}$/),
  download_url: z.url(),
});

/** WeChat Pay's error body. */
export const errorWire = z.object({ code: z.string(), message: z.string().optional() });
