import { appError } from '../../lib/error-catalogue';
import { PaymentError } from './payment.port';

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
};

/** A payment port failure as the holder's answer. */
export const paymentFailure = (e: PaymentError) =>
  e.status === 503 ? PaymentsErrors.payUnavailable(e) : PaymentsErrors.payFailed();
