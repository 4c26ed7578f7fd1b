/**
 * WeChat Pay (APIv3) as the order services see it: JSAPI prepay, order query and close, refunds,
 * the daily trade bill, and incoming notices verified and decrypted. Amounts are integer fen.
 * Times are ISO 8601 strings as WeChat gives them (with their +08:00 offset).
 *
 * Adapters: `server/integrations/wechatpay/wechat-pay-http.ts` (the real one, the only importer of
 * wechatpay-node-v3), `wechat-pay-dev.ts` (the embedded default, no network) and `wechat-pay-off.ts`
 * (payments switched off). Every failure is a `PaymentError` with a stable code.
 */
export interface PaymentPort {
  /** `off`: payments are switched off (every call fails with PAYMENTS_DISABLED). */
  readonly mode: 'dev' | 'live' | 'off';
  /** The merchant (商户号) and the mini-program the payments are made in: notices must name both. */
  readonly mchId: string;
  readonly appId: string;

  /** JSAPI prepay (`POST /v3/pay/transactions/jsapi`) → what `wx.requestPayment` takes. */
  createJsapiPrepay(input: JsapiPrepayInput): Promise<RequestPaymentParams>;
  /**
   * The order as WeChat knows it (`GET /v3/pay/transactions/out-trade-no/{no}`); null when WeChat
   * has no such order (ORDER_NOT_EXIST: no prepay was ever made, or it was made elsewhere).
   */
  queryOrder(outTradeNo: string): Promise<PaymentTransaction | null>;
  /**
   * Closes an unpaid order. WeChat answers 204 even for an order it does not know, and refuses a
   * paid one (PaymentError UPSTREAM_ERROR with wechatCode ORDERPAID): query before closing.
   */
  closeOrder(outTradeNo: string): Promise<void>;
  /**
   * Asks for a refund. `outRefundNo` is fixed by the caller once per refund and reused on every
   * retry: WeChat then answers the refund it already has instead of refunding twice.
   */
  createRefund(input: RefundInput): Promise<RefundState>;
  /** The refund as WeChat knows it; null when WeChat has none under that number. */
  queryRefund(outRefundNo: string): Promise<RefundState | null>;
  /**
   * The daily trade bill (all trades) for a date in Asia/Shanghai, downloaded, its SHA-1 checked
   * and parsed. A day without trades has no bill (`state: 'none'`); before about 10:00 the next
   * day it is not made yet (`state: 'pending'`).
   */
  fetchTradeBill(billDate: string, options?: { gzip?: boolean }): Promise<TradeBillResult>;
  /**
   * Checks an incoming notice (the raw body exactly as received, and its Wechatpay-* headers):
   * serial, signature (platform certificate or WeChat Pay public key), timestamp within ±5
   * minutes, then decrypts and parses the resource. Throws PaymentError NOTICE_* otherwise.
   */
  verifyNotice(notice: IncomingNotice): Promise<VerifiedNotice>;
  /** Only the dev adapter has this: notices made up on the machine, never in live mode. */
  readonly dev: DevPayments | null;
}

/** What the dev adapter adds: payment results made without WeChat, for the dev-pay route. */
export interface DevPayments {
  /**
   * Marks the order paid in the dev adapter (later queries answer SUCCESS) and returns the
   * decrypted payment resource a real notice would carry, to be handled by the same code.
   */
  paidResource(order: { outTradeNo: string; amountFen: number; payerOpenid: string }): PaymentTransaction;
}

export interface JsapiPrepayInput {
  /** 商户订单号: 6 to 32 of letters, digits, `_-|*`; unique per merchant. */
  outTradeNo: string;
  /** What the payer sees (at most 127 characters). */
  description: string;
  amountFen: number;
  payerOpenid: string;
  /** Where WeChat posts the payment notice: https, no query string. */
  notifyUrl: string;
  /** After this WeChat refuses to take the payment (time_expire). */
  expiresAt: Date;
  /** Returned unchanged in queries and notices (at most 128 characters). */
  attach?: string;
}

/** The arguments of `wx.requestPayment`, signed with the merchant key (signType RSA). */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=…`; valid for two hours. */
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * WeChat's trade states: SUCCESS paid; REFUND paid then refunded (in part or whole); NOTPAY not
 * paid yet; CLOSED closed; REVOKED revoked (not JSAPI); USERPAYING waiting for the payer's
 * password; PAYERROR failed (e.g. the bank refused).
 */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/**
 * An order as WeChat reports it, from a query or a decrypted payment notice (the same shape both
 * ways, so one code path settles both).
 */
export interface PaymentTransaction {
  appId: string;
  mchId: string;
  outTradeNo: string;
  /** WeChat's order number; null until paid. */
  transactionId: string | null;
  tradeState: TradeState;
  tradeStateDesc: string;
  /** When paid; null until then. */
  successTime: string | null;
  payerOpenid: string | null;
  /** The order's amount. */
  amountFen: number;
  /** What the payer paid (differs from the amount only with coupons); null until paid. */
  payerAmountFen: number | null;
  currency: string;
  attach: string | null;
}

export interface RefundInput {
  outTradeNo: string;
  /** 商户退款单号: fixed per refund, reused on every retry. */
  outRefundNo: string;
  refundFen: number;
  /** The original order's amount (WeChat checks it). */
  totalFen: number;
  /** Shown to the payer (at most 80 characters). */
  reason?: string;
  notifyUrl: string;
}

/** SUCCESS refunded; PROCESSING under way (query later); CLOSED closed; ABNORMAL needs a person. */
export type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL';

/** A refund as WeChat reports it, from creation, a query or a decrypted refund notice. */
export interface RefundState {
  /** Only the refund notice names the merchant. */
  mchId: string | null;
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  status: RefundStatus;
  refundFen: number;
  totalFen: number;
  /** What the payer gets back; null when WeChat does not say. */
  payerRefundFen: number | null;
  successTime: string | null;
  /** 退款入账账户, e.g. "招商银行信用卡0403"; null when WeChat does not say. */
  receivedAccount: string | null;
}

/** A notice as it came in: the raw body and the headers (any case). */
export interface IncomingNotice {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

/** A notice whose signature, timestamp and ciphertext checked out. */
export type VerifiedNotice =
  | (NoticeEnvelope & { kind: 'payment'; payment: PaymentTransaction })
  | (NoticeEnvelope & { kind: 'refund'; refund: RefundState });

export interface NoticeEnvelope {
  /** WeChat's notice id (the same on every retry of one notice). */
  id: string;
  /** e.g. TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED. */
  eventType: string;
  createTime: string;
  /** Which key verified it: a platform certificate serial or the public key's PUB_KEY_ID_…. */
  serial: string;
}

export type TradeBillResult = { state: 'ready'; bill: TradeBill } | { state: 'none' } | { state: 'pending' };

export interface TradeBill {
  billDate: string;
  rows: TradeBillRow[];
  summary: TradeBillSummary;
}

/** One line of the trade bill (交易账单, type ALL); amounts in fen, empty text as null. */
export interface TradeBillRow {
  /** 交易时间, "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai. */
  tradeTime: string;
  appId: string;
  mchId: string;
  transactionId: string;
  outTradeNo: string;
  openid: string | null;
  tradeType: string;
  /** 交易状态: SUCCESS for a payment line, REFUND for a refund line, … */
  tradeState: string;
  /** 应结订单金额. */
  settlementFen: number;
  /** 代金券金额. */
  couponFen: number;
  refundId: string | null;
  outRefundNo: string | null;
  /** 退款金额 (0 on a payment line). */
  refundFen: number;
  refundStatus: string | null;
  description: string | null;
  attach: string | null;
  /** 手续费. */
  feeFen: number;
  /** 费率, e.g. "0.60%". */
  rate: string | null;
  /** 订单金额 (null in bills that lack the column). */
  orderAmountFen: number | null;
  /** 申请退款金额 (null in bills that lack the column). */
  requestedRefundFen: number | null;
}

/** The bill's closing summary (总交易单数 …). */
export interface TradeBillSummary {
  tradeCount: number;
  settlementTotalFen: number;
  refundTotalFen: number;
  feeTotalFen: number;
  orderTotalFen: number | null;
  requestedRefundTotalFen: number | null;
}

/** Stable codes of every payment failure, with the HTTP status a route answers it with. */
export const PAYMENT_FAILURES = {
  /** Payments are switched off (WECHATPAY_MODE=off). */
  PAYMENTS_DISABLED: 503,
  /** An argument the adapter refuses before calling (e.g. a malformed out_trade_no). */
  PAYMENT_INVALID_ARGUMENT: 400,
  // Incoming notices: any of these answers 4xx so WeChat retries (or stops probing).
  NOTICE_MALFORMED: 400,
  NOTICE_SIGNATURE_INVALID: 401,
  NOTICE_TIMESTAMP_OUT_OF_WINDOW: 401,
  /** WeChat's signature probe (Wechatpay-Serial WECHATPAY/SIGNTEST/…): must be refused. */
  NOTICE_PROBE_SERIAL: 401,
  NOTICE_UNKNOWN_SERIAL: 401,
  NOTICE_DECRYPT_FAILED: 400,
  // Calls to WeChat Pay
  /** WeChat Pay answered with an error (status and its code in the error). */
  UPSTREAM_ERROR: 502,
  /** No usable answer: network, timeout, 5xx. Safe to retry with the same numbers. */
  UPSTREAM_UNAVAILABLE: 503,
  /** An answer whose Wechatpay-Signature did not verify: never acted on. */
  UPSTREAM_SIGNATURE_INVALID: 502,
  /** The downloaded bill did not match its SHA-1, or could not be read. */
  BILL_INVALID: 502,
} as const;

export type PaymentFailure = keyof typeof PAYMENT_FAILURES;

/** A payment failure: `code` is stable, `status` the HTTP status to answer with. */
export class PaymentError extends Error {
  readonly status: number;

  constructor(
    readonly code: PaymentFailure,
    message: string,
    readonly upstream?: {
      /** WeChat Pay's HTTP status (0 when none came). */
      httpStatus: number;
      /** WeChat Pay's error code, e.g. ORDERPAID, NOT_ENOUGH, ORDER_NOT_EXIST, SIGN_ERROR. */
      wechatCode?: string;
      wechatMessage?: string;
    },
  ) {
    super(message);
    this.name = 'PaymentError';
    this.status = PAYMENT_FAILURES[code];
  }
}
