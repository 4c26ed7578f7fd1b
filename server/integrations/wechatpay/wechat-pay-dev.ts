import crypto from 'node:crypto';
import type { Clock } from '../../lib/clock';
import {
  type DevPayments,
  type JsapiPrepayInput,
  PaymentError,
  type PaymentPort,
  type PaymentTransaction,
  type RefundInput,
  type RefundState,
  type RequestPaymentParams,
  type TradeBillResult,
  type TradeBillRow,
  type VerifiedNotice,
} from '../../modules/payments/payment.port';
import { checkFen, checkOutRefundNo, checkOutTradeNo, toWeChatPayTime } from './pay-input';

interface DevOrder {
  outTradeNo: string;
  amountFen: number;
  payerOpenid: string | null;
  attach: string | null;
  state: 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
  transactionId: string | null;
  successTime: string | null;
}

/**
 * The embedded default, needing no WeChat: prepay answers well-formed (unusable) requestPayment
 * parameters, `dev.paidResource` completes a payment, queries answer from what it was told,
 * refunds succeed at once, and the trade bill lists what it paid and refunded itself (so the daily
 * reconciliation shows a real comparison in a demo). Its memory is the process's: a restart
 * forgets every order, and a day's bill then lacks them (the reconciliation reports our payments
 * missing there). Production refuses to start with it, and it verifies no notice.
 */
export class DevWeChatPay implements PaymentPort {
  readonly mode = 'dev' as const;
  readonly dev: DevPayments;
  private readonly orders = new Map<string, DevOrder>();
  private readonly refunds = new Map<string, RefundState>();

  constructor(
    readonly mchId: string,
    readonly appId: string,
    private readonly clock: Clock,
  ) {
    this.dev = { paidResource: (order) => this.pay(order) };
  }

  async createJsapiPrepay(input: JsapiPrepayInput): Promise<RequestPaymentParams> {
    const outTradeNo = checkOutTradeNo(input.outTradeNo);
    const amountFen = checkFen(input.amountFen, 'amount');
    const known = this.orders.get(outTradeNo);
    if (known && known.amountFen !== amountFen) throw upstream(400, 'INVALID_REQUEST', '商户订单号重复');
    if (known && known.state !== 'NOTPAY') throw upstream(400, 'ORDERPAID', '该订单已支付或已关闭');
    this.orders.set(outTradeNo, {
      outTradeNo,
      amountFen,
      payerOpenid: input.payerOpenid,
      attach: input.attach ?? null,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
    });
    return {
      appId: this.appId,
      timeStamp: String(Math.floor(this.clock.now().getTime() / 1000)),
      nonceStr: crypto.randomBytes(16).toString('hex'),
      package: `prepay_id=dev${crypto.randomBytes(14).toString('hex')}`,
      signType: 'RSA',
      paySign: crypto.randomBytes(256).toString('base64'),
    };
  }

  async queryOrder(outTradeNo: string): Promise<PaymentTransaction | null> {
    const order = this.orders.get(checkOutTradeNo(outTradeNo));
    return order ? this.transaction(order) : null;
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    const order = this.orders.get(checkOutTradeNo(outTradeNo));
    if (!order) return;
    if (order.state === 'SUCCESS' || order.state === 'REFUND') throw upstream(400, 'ORDERPAID', '订单已支付');
    order.state = 'CLOSED';
  }

  async createRefund(input: RefundInput): Promise<RefundState> {
    const outRefundNo = checkOutRefundNo(input.outRefundNo);
    const known = this.refunds.get(outRefundNo);
    if (known) {
      if (known.refundFen !== input.refundFen) throw upstream(400, 'INVALID_REQUEST', '退款单号已用于另一笔退款');
      return { ...known };
    }
    const order = this.orders.get(checkOutTradeNo(input.outTradeNo));
    if (!order || !order.transactionId || (order.state !== 'SUCCESS' && order.state !== 'REFUND')) {
      throw upstream(404, 'RESOURCE_NOT_EXISTS', '订单不存在或未支付');
    }
    if (checkFen(input.refundFen, 'refund') > order.amountFen || input.totalFen !== order.amountFen) {
      throw upstream(400, 'INVALID_REQUEST', '退款金额与订单金额不符');
    }
    order.state = 'REFUND';
    const refund: RefundState = {
      mchId: null,
      outRefundNo,
      refundId: `dev${crypto.randomBytes(14).toString('hex')}`,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      status: 'SUCCESS',
      refundFen: input.refundFen,
      totalFen: order.amountFen,
      payerRefundFen: input.refundFen,
      successTime: toWeChatPayTime(this.clock.now()),
      receivedAccount: '支付用户零钱',
    };
    this.refunds.set(outRefundNo, refund);
    return { ...refund };
  }

  async queryRefund(outRefundNo: string): Promise<RefundState | null> {
    const refund = this.refunds.get(checkOutRefundNo(outRefundNo));
    return refund ? { ...refund } : null;
  }

  /**
   * The bill of a day (Asia/Shanghai) from this process's memory: a payment line for each order it
   * paid that day, a refund line for each refund it made that day, by their success times. A day
   * with neither has no bill, as WeChat Pay answers for a day without trades.
   */
  async fetchTradeBill(billDate: string): Promise<TradeBillResult> {
    const onDay = (time: string | null) => time !== null && time.slice(0, 10) === billDate;
    const line = (time: string, order: DevOrder): TradeBillRow => ({
      tradeTime: time.slice(0, 19).replace('T', ' '),
      appId: this.appId,
      mchId: this.mchId,
      transactionId: order.transactionId ?? '',
      outTradeNo: order.outTradeNo,
      openid: order.payerOpenid,
      tradeType: 'JSAPI',
      tradeState: 'SUCCESS',
      settlementFen: order.amountFen,
      couponFen: 0,
      refundId: null,
      outRefundNo: null,
      refundFen: 0,
      refundStatus: null,
      description: null,
      attach: order.attach,
      feeFen: 0,
      rate: '0.00%',
      orderAmountFen: order.amountFen,
      requestedRefundFen: 0,
    });
    const rows: TradeBillRow[] = [];
    for (const order of this.orders.values()) {
      if (onDay(order.successTime)) rows.push(line(order.successTime!, order));
    }
    for (const refund of this.refunds.values()) {
      const order = this.orders.get(refund.outTradeNo);
      if (!order || !onDay(refund.successTime)) continue;
      rows.push({
        ...line(refund.successTime!, order),
        tradeState: 'REFUND',
        settlementFen: 0,
        refundId: refund.refundId,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.refundFen,
        refundStatus: 'SUCCESS',
        requestedRefundFen: refund.refundFen,
      });
    }
    if (rows.length === 0 || !billDate) return { state: 'none' };
    const total = (f: (r: TradeBillRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    return {
      state: 'ready',
      bill: {
        billDate,
        rows,
        summary: {
          tradeCount: rows.length,
          settlementTotalFen: total((r) => r.settlementFen),
          refundTotalFen: total((r) => r.refundFen),
          feeTotalFen: 0,
          orderTotalFen: total((r) => r.orderAmountFen ?? 0),
          requestedRefundTotalFen: total((r) => r.requestedRefundFen ?? 0),
        },
      },
    };
  }

  async verifyNotice(): Promise<VerifiedNotice> {
    throw new PaymentError(
      'NOTICE_UNKNOWN_SERIAL',
      'WeChat Pay dev mode holds no WeChat Pay keys: notices are refused',
    );
  }

  private pay(input: { outTradeNo: string; amountFen: number; payerOpenid: string }): PaymentTransaction {
    const outTradeNo = checkOutTradeNo(input.outTradeNo);
    const known = this.orders.get(outTradeNo);
    if (known?.state === 'CLOSED') throw upstream(400, 'ORDER_CLOSED', '订单已关闭');
    const order: DevOrder = known ?? {
      outTradeNo,
      amountFen: checkFen(input.amountFen, 'amount'),
      payerOpenid: input.payerOpenid,
      attach: null,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
    };
    if (order.state === 'NOTPAY') {
      order.state = 'SUCCESS';
      order.payerOpenid = input.payerOpenid;
      order.transactionId = `dev${Date.now()}${crypto.randomBytes(6).toString('hex')}`;
      order.successTime = toWeChatPayTime(this.clock.now());
    }
    this.orders.set(outTradeNo, order);
    return this.transaction(order);
  }

  private transaction(order: DevOrder): PaymentTransaction {
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    return {
      appId: this.appId,
      mchId: this.mchId,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      tradeState: order.state,
      tradeStateDesc: { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '已关闭' }[order.state],
      successTime: order.successTime,
      payerOpenid: order.payerOpenid,
      amountFen: order.amountFen,
      payerAmountFen: paid ? order.amountFen : null,
      currency: 'CNY',
      attach: order.attach,
    };
  }
}

function upstream(httpStatus: number, wechatCode: string, wechatMessage: string): PaymentError {
  return new PaymentError('UPSTREAM_ERROR', `WeChat Pay (dev) ${wechatCode}`, {
    httpStatus,
    wechatCode,
    wechatMessage,
  });
}
