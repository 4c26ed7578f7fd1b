import { In } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { Voucher } from './voucher.entity';
import { VoucherOrder } from './voucher-order.entity';
import { VoucherRefund } from './voucher-refund.entity';

/**
 * Voucher orders: trade records kept for the accounts; deleting clears the reason the holder gave
 * for a refund. Unused paid vouchers and a refund under way stop a deletion: the holder would lose
 * money they paid.
 */
export const paymentsPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const orders = await em.find(VoucherOrder, {
      where: { accountId },
      select: { id: true, title: true, quantity: true, amountFen: true, status: true, createdAt: true },
      order: { id: 'DESC' },
    });
    return {
      voucherOrders: orders.map((o) => ({
        id: o.id,
        title: o.title,
        quantity: o.quantity,
        amountFen: o.amountFen,
        status: o.status,
        createdAt: isoTime(o.createdAt),
      })),
    };
  },
  async blockers(em, { accountId }) {
    const open = await em.find(VoucherOrder, {
      where: { accountId, status: In(['paid', 'refunding']) },
      select: { id: true, status: true },
    });
    const out = [];
    if (open.some((o) => o.status === 'refunding'))
      out.push({ what: '您有代金券退款正在处理', action: '请等退款到账后再注销' });
    const paid = open.filter((o) => o.status === 'paid').map((o) => o.id);
    if (paid.length && (await em.count(Voucher, { where: { orderId: In(paid), status: 'unused' } })) > 0)
      out.push({ what: '您有已付款、还没使用的代金券', action: '请先使用，或在“我的代金券”中申请退款' });
    return out;
  },
  async erase(em, { accountId }) {
    const orders = await em.find(VoucherOrder, { where: { accountId }, select: { id: true } });
    if (orders.length) await em.update(VoucherRefund, { orderId: In(orders.map((o) => o.id)) }, { reason: '' });
    return undefined;
  },
});
