import { In } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Principal } from '../../lib/principal';
import { transition, TransitionErrors } from '../../lib/state-machine';
import type { OffersService } from '../merchants/offers.service';
import { type IncomingNotice, PaymentError, type PaymentPort, type RefundState } from './payment.port';
import { PaymentsErrors, verifiedNotice } from './payments.errors';
import { Voucher } from './voucher.entity';
import { ORDER_HISTORY } from './voucher-order-event.entity';
import { VoucherOrder } from './voucher-order.entity';
import { ORDER_TRANSITIONS } from './voucher-order.states';
import { type RefundRowStatus, VoucherRefund } from './voucher-refund.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { tellRefunded } from './payments.notices';

/** Where WeChat Pay posts refund notices, under the configured public base. */
export const REFUND_NOTIFY_PATH = '/api/v1/payments/wechat/refund-notify';

/** A refund WeChat Pay has not settled is asked about again no sooner than this. */
export const REFUND_RETRY_MS = 60_000;

const ROW_STATUS: Record<RefundState['status'], RefundRowStatus> = {
  SUCCESS: 'success',
  PROCESSING: 'processing',
  CLOSED: 'closed',
  ABNORMAL: 'abnormal',
};

/** 商户退款单号 of an order's refund: "RF" and the order's own number's tail (one refund per order). */
export const outRefundNoOf = (outTradeNo: string) => `RF${outTradeNo.slice(2)}`;

/**
 * Refunds of vouchers not yet used: asked for by the holder (before the vouchers expire) or by
 * district staff with a reason (any paid order). The unused vouchers are void at once, so none can
 * be used while the money goes back; the refund keeps one number through every retry, so WeChat
 * Pay refunds it once however often it is asked.
 */
export class RefundsService {
  constructor(
    private readonly db: Database,
    private readonly offers: OffersService,
    private readonly notifications: NotificationsService,
    private readonly pay: PaymentPort,
    private readonly notifyBase: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async request(principal: Principal, orderId: number, reason: string | undefined): Promise<VoucherRefund> {
    const staff = principal.roles.includes('district_staff');
    const now = this.clock.now();
    if (staff && !reason) throw validationFailed('reason', '工作人员退款须填写原因');
    const refundId = await this.db.transaction(async (em) => {
      const order = await em.findOneBy(
        VoucherOrder,
        staff ? { id: orderId } : { id: orderId, accountId: principal.accountId },
      );
      if (!order) throw notFound('订单不存在');
      if (order.status !== 'paid') throw TransitionErrors.moved();
      if (!staff && order.validTo && order.validTo.getTime() <= now.getTime()) throw PaymentsErrors.expired();
      const unused = await em.find(Voucher, { where: { orderId, status: 'unused' }, select: { id: true } });
      if (unused.length === 0) throw PaymentsErrors.nothingToRefund();
      const voided = await em
        .createQueryBuilder()
        .update(Voucher)
        .set({ status: 'refunded' })
        .where('id IN (:...ids) AND status = :unused', { ids: unused.map((v) => v.id), unused: 'unused' })
        .execute();
      // A voucher used at the counter meanwhile: the holder asks again for what is left.
      if (voided.affected !== unused.length) throw TransitionErrors.moved();
      await transition(em, {
        entity: VoucherOrder,
        id: orderId,
        table: ORDER_TRANSITIONS,
        action: 'refund',
        actor: { accountId: principal.accountId, role: staff ? 'staff' : 'holder' },
        at: now,
        reason: reason ?? null,
        set: { updatedAt: now },
        history: ORDER_HISTORY,
      });
      const inserted = await em.insert(VoucherRefund, {
        orderId,
        outRefundNo: outRefundNoOf(order.outTradeNo),
        voucherCount: unused.length,
        amountFen: unused.length * order.unitPriceFen,
        reason: (reason ?? '持证人申请退款').slice(0, 80),
        requestedBy: principal.accountId,
        status: 'pending',
        refundId: null,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        succeededAt: null,
        createdAt: now,
        updatedAt: now,
      });
      return Number(inserted.identifiers[0].id);
    });
    await this.attempt(refundId);
    return this.db.manager.findOneByOrFail(VoucherRefund, { id: refundId });
  }

  /**
   * Asks WeChat Pay once for a refund not settled: a refund it has not confirmed taking is asked for
   * again (same number, same amount), one it has is queried. A failure is recorded and tried again
   * a minute or more later (by the refunds job); it never throws.
   */
  async attempt(refundId: number): Promise<void> {
    const row = await this.db.manager.findOneBy(VoucherRefund, { id: refundId });
    if (!row || (row.status !== 'pending' && row.status !== 'processing')) return;
    const order = await this.db.manager.findOneByOrFail(VoucherOrder, { id: row.orderId });
    try {
      const known = row.status === 'processing' ? await this.pay.queryRefund(row.outRefundNo) : null;
      const state =
        known ??
        (await this.pay.createRefund({
          outTradeNo: order.outTradeNo,
          outRefundNo: row.outRefundNo,
          refundFen: row.amountFen,
          totalFen: order.amountFen,
          reason: row.reason,
          notifyUrl: `${this.notifyBase}${REFUND_NOTIFY_PATH}`,
        }));
      await this.apply(state);
    } catch (e) {
      const code = e instanceof PaymentError ? e.code : 'error';
      this.logger.warn('refund not settled yet', { refundId, code });
      const now = this.clock.now();
      await this.db.transaction((em) =>
        em
          .createQueryBuilder()
          .update(VoucherRefund)
          .set({
            attempts: () => 'attempts + 1',
            lastError: code,
            nextAttemptAt: new Date(now.getTime() + REFUND_RETRY_MS * Math.min(60, 2 ** row.attempts)),
            updatedAt: now,
          })
          .where('id = :id', { id: refundId })
          .execute(),
      );
    }
  }

  /**
   * Applies WeChat Pay's word on a refund (a creation's answer, a query, a verified notice) with the
   * refund's row locked: SUCCESS once refunds the order and gives its vouchers' stock back; a
   * refund WeChat Pay closed or could not pay stays for a person to look at.
   */
  async apply(state: RefundState): Promise<void> {
    await this.db.transaction(async (em) => {
      const q = em.createQueryBuilder(VoucherRefund, 'r').where('r.out_refund_no = :no', { no: state.outRefundNo });
      if (this.db.kind === 'mysql') q.setLock('pessimistic_write');
      const row = await q.getOne();
      if (!row) throw PaymentsErrors.orderUnknown();
      if (state.refundFen !== row.amountFen || (state.mchId !== null && state.mchId !== this.pay.mchId)) {
        this.logger.error('refund result does not fit its refund', { refundId: row.id });
        throw PaymentsErrors.mismatch();
      }
      const to = ROW_STATUS[state.status];
      if (row.status === 'success' || row.status === to) return;
      const now = this.clock.now();
      await em.update(
        VoucherRefund,
        { id: row.id },
        {
          status: to,
          refundId: state.refundId,
          attempts: row.attempts + 1,
          lastError: null,
          succeededAt: to === 'success' ? (state.successTime ? new Date(state.successTime) : now) : null,
          nextAttemptAt: new Date(now.getTime() + REFUND_RETRY_MS),
          updatedAt: now,
        },
      );
      if (to === 'success') {
        const order = await em.findOneByOrFail(VoucherOrder, { id: row.orderId });
        await transition(em, {
          entity: VoucherOrder,
          id: order.id,
          table: ORDER_TRANSITIONS,
          action: 'refunded',
          actor: { accountId: null, role: 'wechat' },
          at: now,
          set: { updatedAt: now },
          history: ORDER_HISTORY,
        });
        await this.offers.releaseVoucherStock(
          em,
          { id: order.offerId, merchantId: order.merchantId },
          row.voucherCount,
        );
        await tellRefunded(this.notifications, em, {
          order,
          refundId: row.id,
          voucherCount: row.voucherCount,
          amountFen: row.amountFen,
          at: now,
        });
      } else if (to === 'closed' || to === 'abnormal') {
        this.logger.warn('refund needs a person', { refundId: row.id, status: to });
      }
    });
  }

  /** A refund notice from WeChat Pay: verified and decrypted by the port, then applied. */
  async handleRefundNotice(notice: IncomingNotice): Promise<void> {
    const verified = await verifiedNotice(this.pay, this.logger, notice, 'refund');
    await this.apply(verified.refund);
  }

  /** Refunds due to be asked about again (the refunds job). */
  async retryDue(limit = 100): Promise<{ attempted: number }> {
    const due = await this.db.manager
      .createQueryBuilder(VoucherRefund, 'r')
      .select(['r.id'])
      .where('r.status IN (:...open) AND r.next_attempt_at <= :now', {
        open: ['pending', 'processing'],
        now: this.clock.now(),
      })
      .orderBy('r.next_attempt_at', 'ASC')
      .limit(limit)
      .getMany();
    for (const r of due) await this.attempt(r.id);
    return { attempted: due.length };
  }

  /** The refund of each of these orders, by order id. */
  async ofOrders(orderIds: number[]): Promise<Map<number, VoucherRefund>> {
    const rows = orderIds.length ? await this.db.manager.findBy(VoucherRefund, { orderId: In(orderIds) }) : [];
    return new Map(rows.map((r) => [r.orderId, r]));
  }
}
