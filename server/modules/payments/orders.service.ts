import crypto from 'node:crypto';
import { Brackets, type EntityManager, In } from 'typeorm';
import type { Database } from '../../db/database';
import { upsert } from '../../db/upsert';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { HolderCategory } from '../../lib/id-number';
import type { Logger } from '../../lib/logger';
import type { Principal } from '../../lib/principal';
import { transition, type TransitionActor } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import { openidOf } from '../auth/accounts.service';
import type { CardService } from '../cards/card.service';
import type { OffersService } from '../merchants/offers.service';
import {
  type IncomingNotice,
  PaymentError,
  type PaymentPort,
  type PaymentTransaction,
  type RequestPaymentParams,
} from './payment.port';
import { paymentFailure, PaymentsErrors, verifiedNotice } from './payments.errors';
import { Voucher } from './voucher.entity';
import { ORDER_HISTORY, VoucherOrderEvent } from './voucher-order-event.entity';
import { VoucherOrder } from './voucher-order.entity';
import { ORDER_TRANSITIONS, type OrderStatus, PAY_WITHIN_MINUTES } from './voucher-order.states';
import { VoucherPurchaseCount } from './voucher-purchase-count.entity';
import { VoucherRefund } from './voucher-refund.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { tellPaid } from './payments.notices';

/** Where WeChat Pay posts payment notices, under the configured public base. */
export const PAYMENT_NOTIFY_PATH = '/api/v1/payments/wechat/notify';

const WECHAT: TransitionActor = { accountId: null, role: 'wechat' };

/** An order with what the holder sees beside it. */
export interface OrderDetail {
  order: VoucherOrder;
  vouchers: Voucher[];
  refund: VoucherRefund | null;
  history: VoucherOrderEvent[];
}

/** 商户订单号: "RY", the Beijing date and time to the second, and 8 random characters (24 in all). */
export function newOutTradeNo(now: Date): string {
  const stamp = new Date(now.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `RY${stamp}${crypto.randomBytes(6).toString('base64url').replace(/[-_]/g, '0').slice(0, 8).toUpperCase()}`;
}

/**
 * Buying vouchers: an order holds its stock and the holder's daily allowance in one transaction,
 * then WeChat Pay's prepay gives the `wx.requestPayment` arguments; a payment result, whether a
 * verified notice, a query's answer or the dev adapter's, is applied by `settle` alone.
 */
export class OrdersService {
  constructor(
    private readonly db: Database,
    private readonly cards: CardService,
    private readonly offers: OffersService,
    private readonly notifications: NotificationsService,
    private readonly pay: PaymentPort,
    private readonly notifyBase: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Dev mode: payments are made on the machine (dev-pay), not with WeChat Pay. */
  get devMode(): boolean {
    return this.pay.dev !== null;
  }

  /**
   * Orders `quantity` vouchers of an offer for the caller, who needs an active card of an eligible
   * category. The price is the offer's; stock and the per-person daily limit are taken with guarded
   * updates, so concurrent buyers never get more than there is. When WeChat Pay refuses the prepay,
   * the order closes at once and gives its stock back.
   */
  async create(
    principal: Principal,
    input: { offerId: number; quantity: number },
  ): Promise<{ order: VoucherOrder; payment: RequestPaymentParams }> {
    const mine = await this.cards.findMine(principal);
    if (!mine) throw PaymentsErrors.noActiveCard();
    if (mine.card.status !== 'active') throw PaymentsErrors.noActiveCard();
    const openid = await openidOf(this.db.manager, principal.accountId);
    if (!openid) throw PaymentsErrors.noOpenid();
    const now = this.clock.now();

    const order = await this.db.transaction(async (em) => {
      const sale = await this.offers.voucherForSale(em, input.offerId);
      if (!sale) throw notFound('代金券不存在');
      const { offer } = sale;
      const onSale =
        sale.merchantActive &&
        offer.status === 'active' &&
        offer.priceFen !== null &&
        offer.faceValueFen !== null &&
        (!offer.validFrom || offer.validFrom.getTime() <= now.getTime()) &&
        (!offer.validTo || offer.validTo.getTime() > now.getTime());
      if (!onSale) throw PaymentsErrors.notOnSale();
      const eligible = offer.eligibleCategories ? (offer.eligibleCategories.split(',') as HolderCategory[]) : [];
      if (eligible.length > 0 && !eligible.includes(mine.card.category)) throw PaymentsErrors.categoryNotEligible();
      if (offer.perPersonDailyLimit)
        await this.countPurchase(em, offer.id, principal.accountId, input.quantity, offer.perPersonDailyLimit, now);
      if (!(await this.offers.takeVoucherStock(em, offer, input.quantity))) throw PaymentsErrors.soldOut();

      const unit = offer.priceFen!;
      const inserted = await em.insert(VoucherOrder, {
        outTradeNo: newOutTradeNo(now),
        accountId: principal.accountId,
        personId: mine.person.id,
        merchantId: offer.merchantId,
        offerId: offer.id,
        title: `${sale.merchantName} · ${offer.title}`.slice(0, 128),
        quantity: input.quantity,
        unitPriceFen: unit,
        faceValueFen: offer.faceValueFen!,
        amountFen: unit * input.quantity,
        status: 'created',
        payBy: new Date(now.getTime() + PAY_WITHIN_MINUTES * 60_000),
        paymentParams: null,
        transactionId: null,
        paidAt: null,
        validTo: offer.validTo,
        createdAt: now,
        updatedAt: now,
      });
      const id = Number(inserted.identifiers[0].id);
      await em.insert(VoucherOrderEvent, {
        orderId: id,
        action: 'create',
        fromStatus: null,
        toStatus: 'created',
        actorAccountId: principal.accountId,
        actorRole: 'holder',
        reason: null,
        createdAt: now,
      });
      return em.findOneByOrFail(VoucherOrder, { id });
    });

    let payment: RequestPaymentParams;
    try {
      payment = await this.pay.createJsapiPrepay({
        outTradeNo: order.outTradeNo,
        description: order.title.slice(0, 127),
        amountFen: order.amountFen,
        payerOpenid: openid,
        notifyUrl: `${this.notifyBase}${PAYMENT_NOTIFY_PATH}`,
        expiresAt: order.payBy,
      });
    } catch (e) {
      if (!(e instanceof PaymentError)) throw e;
      this.logger.warn('prepay refused; the order is closed', { orderId: order.id, code: e.code });
      await this.closeUnpaid(order.id, { accountId: null, role: 'system' }, '微信支付下单失败');
      throw paymentFailure(e);
    }
    await this.db.transaction((em) =>
      em.update(
        VoucherOrder,
        { id: order.id },
        { paymentParams: JSON.stringify(payment), updatedAt: this.clock.now() },
      ),
    );
    return { order: { ...order, paymentParams: JSON.stringify(payment) }, payment };
  }

  /** The caller's orders, newest first, a page at a time (`beforeId` from the last page). */
  async mine(
    principal: Principal,
    page: { beforeId?: number; limit: number },
  ): Promise<Array<{ order: VoucherOrder; unused: number }>> {
    const q = this.db.manager
      .createQueryBuilder(VoucherOrder, 'o')
      .where('o.account_id = :account', { account: principal.accountId });
    if (page.beforeId) q.andWhere('o.id < :before', { before: page.beforeId });
    const orders = await q.orderBy('o.id', 'DESC').limit(page.limit).getMany();
    const unusedOf = await this.unusedOf(orders.map((o) => o.id));
    return orders.map((order) => ({ order, unused: unusedOf.get(order.id) ?? 0 }));
  }

  /** A holder's orders, newest first (at most 50), for staff already allowed to read their file. */
  async ordersOf(accountId: number): Promise<VoucherOrder[]> {
    return this.db.manager.find(VoucherOrder, { where: { accountId }, order: { id: 'DESC' }, take: 50 });
  }

  /** Unused vouchers per order, by order id (orders with none are left out). */
  private async unusedOf(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager
      .createQueryBuilder(Voucher, 'v')
      .select('v.order_id', 'orderId')
      .addSelect('COUNT(*)', 'n')
      .where('v.order_id IN (:...ids) AND v.status = :unused', { ids, unused: 'unused' })
      .groupBy('v.order_id')
      .getRawMany<{ orderId: unknown; n: unknown }>();
    return new Map(rows.map((r) => [Number(r.orderId), Number(r.n)]));
  }

  /**
   * Staff's list of every order, newest first, by status and a text (the order number, WeChat Pay's
   * transaction number or the title); `beforeId` pages through what the filter keeps.
   */
  async listForStaff(filter: {
    status?: OrderStatus;
    q?: string;
    beforeId?: number;
    limit: number;
  }): Promise<Array<{ order: VoucherOrder; refund: VoucherRefund | null; unused: number }>> {
    const q = this.db.manager.createQueryBuilder(VoucherOrder, 'o');
    if (filter.status) q.andWhere('o.status = :status', { status: filter.status });
    if (filter.q) {
      const text = filter.q.trim();
      q.andWhere(
        new Brackets((w) =>
          w
            .where('o.out_trade_no = :text', { text })
            .orWhere('o.transaction_id = :text', { text })
            .orWhere("o.title LIKE :like ESCAPE '!'", { like: `%${text.replace(/[!%_]/g, '!$&')}%` }),
        ),
      );
    }
    if (filter.beforeId) q.andWhere('o.id < :before', { before: filter.beforeId });
    const orders = await q.orderBy('o.id', 'DESC').limit(filter.limit).getMany();
    const ids = orders.map((o) => o.id);
    const refunds = ids.length ? await this.db.manager.findBy(VoucherRefund, { orderId: In(ids) }) : [];
    const unusedOf = await this.unusedOf(ids);
    const refundOf = new Map(refunds.map((r) => [r.orderId, r]));
    return orders.map((order) => ({
      order,
      refund: refundOf.get(order.id) ?? null,
      unused: unusedOf.get(order.id) ?? 0,
    }));
  }

  /**
   * One of the caller's orders with its vouchers and history. An order still waiting for payment
   * asks WeChat Pay first (the holder is back from paying, and the notice may not have come yet).
   */
  async detail(principal: Principal, id: number): Promise<OrderDetail> {
    let order = await this.db.manager.findOneBy(VoucherOrder, { id, accountId: principal.accountId });
    if (!order) throw notFound('订单不存在');
    if (order.status === 'created') {
      try {
        const tx = await this.pay.queryOrder(order.outTradeNo);
        if (tx) order = await this.settle(tx);
      } catch (e) {
        // The holder still sees the order; the notice or the reconcile job settles it later.
        if (!(e instanceof PaymentError)) throw e;
        this.logger.warn('order query failed', { orderId: id, code: e.code });
      }
    }
    return this.withParts(order);
  }

  /**
   * In dev mode, pays the caller's order through the dev adapter: the payment result it makes is
   * applied by `settle`, as a verified notice's would be. Live mode has no such path (404).
   */
  async devPay(principal: Principal, id: number): Promise<OrderDetail> {
    const dev = this.pay.dev;
    if (!dev) throw notFound();
    const order = await this.db.manager.findOneBy(VoucherOrder, { id, accountId: principal.accountId });
    if (!order) throw notFound('订单不存在');
    const openid = (await openidOf(this.db.manager, principal.accountId)) ?? '';
    const settled = await this.settle(
      dev.paidResource({ outTradeNo: order.outTradeNo, amountFen: order.amountFen, payerOpenid: openid }),
    );
    return this.withParts(settled);
  }

  /**
   * A payment notice from WeChat Pay: verified and decrypted by the port (signature, timestamp,
   * serial, GCM tag), then applied by `settle`. Throws (a 4xx/5xx, so WeChat Pay retries) on
   * anything it cannot apply; a repeat of a notice already applied succeeds and changes nothing.
   */
  async handlePaymentNotice(notice: IncomingNotice): Promise<void> {
    const verified = await verifiedNotice(this.pay, this.logger, notice, 'payment');
    await this.settle(verified.payment);
  }

  /**
   * Orders past their time to pay: each is asked of WeChat Pay first (a payment whose notice was
   * lost is applied); one still unpaid is closed with WeChat Pay, then here, giving back its stock
   * and the holder's allowance. An order WeChat Pay cannot be asked about now is left for the next run.
   */
  async closeOverdue(limit = 100): Promise<{ paid: number; closed: number; failed: number }> {
    const now = this.clock.now();
    const due = await this.db.manager
      .createQueryBuilder(VoucherOrder, 'o')
      .where('o.status = :created AND o.pay_by < :now', { created: 'created', now })
      .orderBy('o.pay_by', 'ASC')
      .limit(limit)
      .getMany();
    const counts = { paid: 0, closed: 0, failed: 0 };
    for (const order of due) {
      try {
        const tx = await this.pay.queryOrder(order.outTradeNo);
        if (tx?.tradeState === 'SUCCESS') {
          await this.settle(tx);
          counts.paid++;
          continue;
        }
        if (tx) {
          try {
            await this.pay.closeOrder(order.outTradeNo);
          } catch (e) {
            // Paid between the query and the close: apply the payment instead.
            if (e instanceof PaymentError && e.upstream?.wechatCode === 'ORDERPAID') {
              const paid = await this.pay.queryOrder(order.outTradeNo);
              if (paid) await this.settle(paid);
              counts.paid++;
              continue;
            }
            throw e;
          }
        }
        await this.closeUnpaid(order.id, { accountId: null, role: 'system' }, `${PAY_WITHIN_MINUTES} 分钟内未支付`);
        counts.closed++;
      } catch (e) {
        counts.failed++;
        this.logger.warn('overdue order not settled', {
          orderId: order.id,
          code: e instanceof PaymentError ? e.code : 'error',
        });
      }
    }
    return counts;
  }

  /**
   * Applies WeChat Pay's word on an order, in one transaction with the order's row locked: a paid
   * order is paid once (a repeat changes nothing), and only when the amount, the merchant and the
   * app are this order's; its vouchers are issued with it. Anything but SUCCESS leaves it as it is.
   */
  async settle(tx: PaymentTransaction): Promise<VoucherOrder> {
    return this.db.transaction(async (em) => {
      // MySQL locks the row until the commit; SQLite's write transaction already runs alone.
      const q = em.createQueryBuilder(VoucherOrder, 'o').where('o.out_trade_no = :no', { no: tx.outTradeNo });
      if (this.db.kind === 'mysql') q.setLock('pessimistic_write');
      const order = await q.getOne();
      if (!order) throw PaymentsErrors.orderUnknown();
      if (tx.tradeState !== 'SUCCESS' || order.status !== 'created') return order;
      if (tx.amountFen !== order.amountFen || tx.mchId !== this.pay.mchId || tx.appId !== this.pay.appId) {
        this.logger.error('payment result does not fit its order', {
          orderId: order.id,
          amountFen: tx.amountFen,
          mchIdMatches: tx.mchId === this.pay.mchId,
          appIdMatches: tx.appId === this.pay.appId,
        });
        throw PaymentsErrors.mismatch();
      }
      const now = this.clock.now();
      const paidAt = tx.successTime ? new Date(tx.successTime) : now;
      await transition(em, {
        entity: VoucherOrder,
        id: order.id,
        table: ORDER_TRANSITIONS,
        action: 'pay',
        actor: WECHAT,
        at: now,
        set: { transactionId: tx.transactionId, paidAt, updatedAt: now },
        history: ORDER_HISTORY,
        known: order.status,
      });
      // One statement for all of the order's vouchers, and no reading back of what was written.
      await em
        .createQueryBuilder()
        .insert()
        .into(Voucher)
        .values(
          Array.from({ length: order.quantity }, (_, i) => ({
            orderId: order.id,
            seq: i + 1,
            status: 'unused' as const,
            redeemedAt: null,
            redeemedByAccountId: null,
            createdAt: now,
          })),
        )
        .updateEntity(false)
        .execute();
      await tellPaid(this.notifications, em, order, paidAt);
      return { ...order, status: 'paid' as const, transactionId: tx.transactionId, paidAt, updatedAt: now };
    });
  }

  /**
   * Closes an unpaid order here and gives back its stock and the holder's daily allowance (after
   * WeChat Pay has closed it, or never had it).
   */
  private async closeUnpaid(id: number, actor: TransitionActor, reason: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const order = await em.findOneByOrFail(VoucherOrder, { id });
      await transition(em, {
        entity: VoucherOrder,
        id,
        table: ORDER_TRANSITIONS,
        action: 'close',
        actor,
        at: this.clock.now(),
        reason,
        set: { updatedAt: this.clock.now() },
        history: ORDER_HISTORY,
      });
      await this.offers.releaseVoucherStock(em, { id: order.offerId, merchantId: order.merchantId }, order.quantity);
      await em
        .createQueryBuilder()
        .update(VoucherPurchaseCount)
        .set({ count: () => `count - ${Math.trunc(order.quantity)}` })
        .where('offer_id = :offerId AND account_id = :accountId AND day = :day AND count >= :count', {
          offerId: order.offerId,
          accountId: order.accountId,
          day: shanghaiDate(order.createdAt),
          count: order.quantity,
        })
        .execute();
    });
  }

  /** Takes `count` of the holder's daily allowance for an offer, or refuses when it would run over. */
  private async countPurchase(
    em: EntityManager,
    offerId: number,
    accountId: number,
    count: number,
    limit: number,
    now: Date,
  ): Promise<void> {
    const day = shanghaiDate(now);
    // The upsert takes the row's exclusive lock at once (see the redemptions' daily counter).
    await upsert(em, VoucherPurchaseCount, { offerId, accountId, day, count: 0 }, ['offerId', 'accountId', 'day'], {
      count: { sql: 'count' },
    });
    const r = await em
      .createQueryBuilder()
      .update(VoucherPurchaseCount)
      .set({ count: () => `count + ${Math.trunc(count)}` })
      .where('offer_id = :offerId AND account_id = :accountId AND day = :day AND count + :count <= :limit', {
        offerId,
        accountId,
        day,
        count,
        limit,
      })
      .execute();
    if (r.affected !== 1) throw PaymentsErrors.dailyLimit(limit);
  }

  private async withParts(order: VoucherOrder): Promise<OrderDetail> {
    const em = this.db.manager;
    return {
      order,
      vouchers: await em.find(Voucher, { where: { orderId: order.id }, order: { seq: 'ASC' } }),
      refund: await em.findOneBy(VoucherRefund, { orderId: order.id }),
      history: await em.find(VoucherOrderEvent, { where: { orderId: order.id }, order: { id: 'ASC' } }),
    };
  }
}
