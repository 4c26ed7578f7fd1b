import { appError } from '../../lib/error-catalogue';
import type { Logger } from '../../lib/logger';
import { type IncomingNotice, PaymentError, type PaymentPort, type VerifiedNotice } from './payment.port';

/**
 * Every error of buying vouchers beyond the common family (400/401/403/404): its code, status and
 * message, in one place. Routes list these codes in their `errors`.
 */
export const PaymentsErrors = {
  noActiveCard: appError(409, 'CARD_INACTIVE', '持有正常使用中的优待证才能购买代金券'),
  notOnSale: appError(409, 'OFFER_UNAVAILABLE', '该代金券已下架或不在有效期内'),
  categoryNotEligible: appError(409, 'CATEGORY_NOT_ELIGIBLE', '该代金券不适用于持证人的优抚类别'),
  soldOut: appError(409, 'SOLD_OUT', '代金券已售完'),
  dailyLimit: appError(409, 'LIMIT_REACHED', (limit: number) => `该代金券每人每天限购 ${limit} 张`),
  noOpenid: appError(409, 'WECHAT_REQUIRED', '请在微信小程序中购买'),
  /** A payment result that does not fit the order (amount, merchant or app): never applied. */
  mismatch: appError(400, 'PAYMENT_MISMATCH', '支付结果与订单不符'),
  orderUnknown: appError(404, 'NOT_FOUND', '订单不存在'),
  /** WeChat Pay refused or could not be reached; the order holds nothing (its stock is given back). */
  payUnavailable: appError(503, 'PAYMENT_UNAVAILABLE', (e: PaymentError) =>
    e.code === 'PAYMENTS_DISABLED' ? '暂未开通微信支付' : '微信支付暂时不可用，请稍后再试',
  ),
  payFailed: appError(502, 'PAYMENT_FAILED', '微信支付下单失败，请稍后再试'),

  // WeChat Pay's notices: any of these answers 4xx, so WeChat Pay tries again later (or stops probing).
  noticeMalformed: appError(400, 'NOTICE_MALFORMED', '通知格式错误'),
  noticeSignature: appError(401, 'NOTICE_SIGNATURE_INVALID', '签名验证失败'),
  noticeStale: appError(401, 'NOTICE_TIMESTAMP_OUT_OF_WINDOW', '通知时间戳不在 5 分钟内'),
  noticeProbe: appError(401, 'NOTICE_PROBE_SERIAL', '签名探测请求'),
  noticeSerial: appError(401, 'NOTICE_UNKNOWN_SERIAL', '未知的证书序列号'),
  noticeDecrypt: appError(400, 'NOTICE_DECRYPT_FAILED', '通知解密失败'),
  noticeKind: appError(400, 'NOTICE_MALFORMED', '此地址不接收这种通知'),

  // Vouchers at the counter
  qrInvalid: appError(400, 'VOUCHER_QR_INVALID', '代金券二维码无效或已过期，请持证人刷新后再扫'),
  voucherUsed: appError(409, 'VOUCHER_USED', '这张代金券已使用或已退款'),
  voucherOtherShop: appError(409, 'VOUCHER_OTHER_SHOP', '这张代金券不是本店的'),
  voucherNotUsable: appError(409, 'VOUCHER_NOT_USABLE', '代金券还不能使用（未付款、退款中或已过期）'),

  // Refunds
  expired: appError(409, 'VOUCHER_EXPIRED', '代金券已过期，不能自行退款；如有疑问请联系退役军人事务局'),
  nothingToRefund: appError(409, 'NOTHING_TO_REFUND', '没有可退款的代金券（已使用的不能退款）'),
};

/** A notice the port refused, as the answer WeChat Pay gets. */
export function noticeFailure(e: PaymentError) {
  switch (e.code) {
    case 'NOTICE_SIGNATURE_INVALID':
      return PaymentsErrors.noticeSignature();
    case 'NOTICE_TIMESTAMP_OUT_OF_WINDOW':
      return PaymentsErrors.noticeStale();
    case 'NOTICE_PROBE_SERIAL':
      return PaymentsErrors.noticeProbe();
    case 'NOTICE_UNKNOWN_SERIAL':
      return PaymentsErrors.noticeSerial();
    case 'NOTICE_DECRYPT_FAILED':
      return PaymentsErrors.noticeDecrypt();
    case 'NOTICE_MALFORMED':
      return PaymentsErrors.noticeMalformed();
    default:
      return paymentFailure(e);
  }
}

/** A payment port failure as the holder's answer. */
export const paymentFailure = (e: PaymentError) =>
  e.status === 503 ? PaymentsErrors.payUnavailable(e) : PaymentsErrors.payFailed();

/**
 * A notice verified and decrypted by the port, of the kind this path takes; anything else is the
 * 4xx WeChat Pay reads as "try again" (or "stop probing").
 */
export async function verifiedNotice<K extends VerifiedNotice['kind']>(
  pay: PaymentPort,
  logger: Logger,
  notice: IncomingNotice,
  kind: K,
): Promise<Extract<VerifiedNotice, { kind: K }>> {
  let verified: VerifiedNotice;
  try {
    verified = await pay.verifyNotice(notice);
  } catch (e) {
    if (!(e instanceof PaymentError)) throw e;
    logger.warn('notice refused', { kind, code: e.code });
    throw noticeFailure(e);
  }
  if (verified.kind !== kind) throw PaymentsErrors.noticeKind();
  return verified as Extract<VerifiedNotice, { kind: K }>;
}
