import { PaymentError, type PaymentPort } from '../../modules/payments/payment.port';

const disabled = async (): Promise<never> => {
  throw new PaymentError('PAYMENTS_DISABLED', 'WeChat Pay is switched off (WECHATPAY_MODE=off)');
};

/** Payments switched off (WECHATPAY_MODE=off, the production default without keys): every call refuses. */
export class DisabledWeChatPay implements PaymentPort {
  readonly mode = 'off' as const;
  readonly dev = null;
  readonly mchId = '';
  readonly appId = '';
  readonly createJsapiPrepay = disabled;
  readonly queryOrder = disabled;
  readonly closeOrder = disabled;
  readonly createRefund = disabled;
  readonly queryRefund = disabled;
  readonly fetchTradeBill = disabled;
  readonly verifyNotice = disabled;
}
