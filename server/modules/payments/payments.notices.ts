import type { EntityManager } from 'typeorm';
import { fenToYuan as yuan } from '../../lib/money';
import { template, wechatTime } from '../../lib/notice-template';
import type { NotificationsService } from '../notifications/notifications.service';
import type { VoucherOrder } from './voucher-order.entity';

/** The mini-program pages the payments module's notices open (as declared in miniprogram/app.json). */
export const PAYMENTS_PAGES = {
  order: (id: number) => `packages/vouchers/pages/order/order?id=${id}`,
  orders: 'packages/vouchers/pages/orders/orders',
} as const;

/** The payments module's notices: an order paid, a voucher used at the counter, a refund arrived. */
export const PAYMENTS_TEMPLATES = {
  voucher_paid: template({
    key: 'voucher_paid',
    label: '代金券购买成功',
    fields: {
      thing1: { type: 'thing', from: 'title' },
      amount2: { type: 'amount', from: 'amount' },
      time3: { type: 'time', from: 'time' },
      thing4: { type: 'thing', from: 'remark' },
    },
    extras: ['detail'],
    page: PAYMENTS_PAGES.orders,
    render: (d) => ({ title: `代金券购买成功：${d.title}`, body: d.detail ?? `${d.amount} 元，${d.remark}` }),
  }),
  voucher_redeemed: template({
    key: 'voucher_redeemed',
    label: '代金券核销',
    fields: {
      thing1: { type: 'thing', from: 'title' },
      time2: { type: 'time', from: 'time' },
      thing3: { type: 'thing', from: 'remark' },
    },
    extras: ['detail'],
    page: PAYMENTS_PAGES.orders,
    render: (d) => ({ title: `代金券已使用：${d.title}`, body: d.detail ?? d.remark }),
  }),
  voucher_refunded: template({
    key: 'voucher_refunded',
    label: '代金券退款到账',
    fields: {
      thing1: { type: 'thing', from: 'title' },
      amount2: { type: 'amount', from: 'amount' },
      time3: { type: 'time', from: 'time' },
      thing4: { type: 'thing', from: 'remark' },
    },
    extras: ['detail'],
    page: PAYMENTS_PAGES.orders,
    render: (d) => ({ title: `代金券退款到账：${d.title}`, body: d.detail ?? `${d.amount} 元，${d.remark}` }),
  }),
};

/** Tells the holder their order is paid, in the payment's transaction (once per order). */
export function tellPaid(notifications: NotificationsService, em: EntityManager, order: VoucherOrder, at: Date) {
  return notifications.notify(em, {
    recipient: order.accountId,
    templateKey: 'voucher_paid',
    data: {
      title: order.title,
      amount: yuan(order.amountFen),
      time: wechatTime(at),
      remark: `共 ${order.quantity} 张，到店出示二维码使用`,
      detail: `已支付 ${yuan(order.amountFen)} 元，${order.quantity} 张代金券已放入“我的代金券”，到店出示二维码即可使用。`,
    },
    page: PAYMENTS_PAGES.order(order.id),
    idempotencyKey: `voucher-order:${order.id}:paid`,
  });
}

/** Tells the holder a voucher of theirs was taken at the counter: they know at once if it was not them. */
export function tellRedeemed(
  notifications: NotificationsService,
  em: EntityManager,
  v: { order: VoucherOrder; voucherId: number; seq: number; remaining: number; at: Date },
) {
  const left = v.remaining > 0 ? `还剩 ${v.remaining} 张未使用` : '本单代金券已全部使用';
  return notifications.notify(em, {
    recipient: v.order.accountId,
    templateKey: 'voucher_redeemed',
    data: {
      title: v.order.title,
      time: wechatTime(v.at),
      remark: left,
      detail: `第 ${v.seq} 张代金券已在商户核销，${left}。如非本人使用，请在对话中联系工作人员。`,
    },
    page: PAYMENTS_PAGES.order(v.order.id),
    idempotencyKey: `voucher:${v.voucherId}:redeemed`,
  });
}

/** Tells the holder their refund has arrived (once per refund). */
export function tellRefunded(
  notifications: NotificationsService,
  em: EntityManager,
  r: { order: VoucherOrder; refundId: number; voucherCount: number; amountFen: number; at: Date },
) {
  return notifications.notify(em, {
    recipient: r.order.accountId,
    templateKey: 'voucher_refunded',
    data: {
      title: r.order.title,
      amount: yuan(r.amountFen),
      time: wechatTime(r.at),
      remark: `${r.voucherCount} 张未使用的代金券已退款`,
      detail: `${r.voucherCount} 张未使用的代金券已退款 ${yuan(r.amountFen)} 元，款项原路退回微信支付。`,
    },
    page: PAYMENTS_PAGES.order(r.order.id),
    idempotencyKey: `voucher-refund:${r.refundId}:success`,
  });
}
