import { PaymentError } from '../../modules/payments/payment.port';

/** Checks of what goes into WeChat Pay's paths and bodies, shared by the adapters. */

const invalid = (message: string) => new PaymentError('PAYMENT_INVALID_ARGUMENT', message);

/** 商户订单号: it goes into the URL path unescaped, so its alphabet is enforced here. */
export function checkOutTradeNo(value: string): string {
  if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(value)) throw invalid('out_trade_no must be 6-32 of [0-9A-Za-z_-|*]');
  return value;
}

/** 商户退款单号. */
export function checkOutRefundNo(value: string): string {
  if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(value)) throw invalid('out_refund_no must be 1-64 of [0-9A-Za-z_-|*@]');
  return value;
}

export function checkFen(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalid(`${name} must be a positive whole number of fen`);
  return value;
}

export function checkBillDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw invalid('bill_date must be YYYY-MM-DD');
  }
  return value;
}

/** WeChat Pay's time format: RFC 3339 in Asia/Shanghai, e.g. 2026-11-23T10:15:00+08:00. */
export function toWeChatPayTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
