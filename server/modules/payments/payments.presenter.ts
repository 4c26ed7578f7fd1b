import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { OrderDetail } from './orders.service';
import type { RequestPaymentParams } from './payment.port';
import type { VoucherOrder } from './voucher-order.entity';
import type { VoucherRefund } from './voucher-refund.entity';
import { ORDER_STATUS_WORDS } from './voucher-order.states';

const t = (d: Date | null) => (d ? isoTime(d) : null);

export const presentOrder = (o: VoucherOrder) => ({
  id: o.id,
  outTradeNo: o.outTradeNo,
  title: o.title,
  merchantId: o.merchantId,
  offerId: o.offerId,
  quantity: o.quantity,
  unitPriceFen: o.unitPriceFen,
  faceValueFen: o.faceValueFen,
  amountFen: o.amountFen,
  status: o.status,
  statusText: ORDER_STATUS_WORDS[o.status],
  payBy: isoTime(o.payBy),
  paidAt: t(o.paidAt),
  validTo: t(o.validTo),
  createdAt: isoTime(o.createdAt),
});

export const presentRefund = (r: VoucherRefund) => ({
  outRefundNo: r.outRefundNo,
  status: r.status,
  voucherCount: r.voucherCount,
  amountFen: r.amountFen,
  reason: r.reason,
  succeededAt: t(r.succeededAt),
});

/** The `wx.requestPayment` arguments as the mini-program takes them (`devPay`: pay through dev-pay instead). */
export const presentPayment = (p: RequestPaymentParams, devPay: boolean) => ({ ...p, devPay });

export const presentOrderDetail = (d: OrderDetail, devPay: boolean) => ({
  ...presentOrder(d.order),
  vouchers: d.vouchers.map((v) => ({ id: v.id, seq: v.seq, status: v.status, redeemedAt: t(v.redeemedAt) })),
  payment:
    d.order.status === 'created' && d.order.paymentParams
      ? presentPayment(JSON.parse(d.order.paymentParams) as RequestPaymentParams, devPay)
      : null,
  refund: d.refund ? presentRefund(d.refund) : null,
  history: presentHistory(d.history),
});
