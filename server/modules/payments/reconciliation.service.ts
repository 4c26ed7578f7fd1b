import { In, LessThan, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { upsert } from '../../db/upsert';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Principal } from '../../lib/principal';
import { shanghaiDate } from '../../lib/working-days';
import { recordAudit } from '../staff/audit.service';
import { PaymentError, type PaymentPort, type TradeBillResult, type TradeBillRow } from './payment.port';
import type { DifferenceKind } from './payment-reconciliation-item.entity';
import { PaymentReconciliationItem } from './payment-reconciliation-item.entity';
import { PaymentReconciliation, type ReconciliationStatus } from './payment-reconciliation.entity';
import { ReconciliationErrors } from './reconciliation.errors';
import { VoucherOrder } from './voucher-order.entity';
import { ORDER_STATUS_WORDS } from './voucher-order.states';
import { type RefundRowStatus, VoucherRefund } from './voucher-refund.entity';

const DAY_MS = 86_400_000;

/** Failed days at most this many days back (yesterday included) are tried again by the daily job. */
export const RECONCILE_RETRY_DAYS = 7;

/** The words a failed run records: the port's code is kept beside them, never WeChat's text. */
const FAILURE_WORDS: Record<string, string> = {
  BILL_NOT_READY: '微信支付账单尚未生成',
  BILL_INVALID: '账单校验失败（摘要不符或无法解析）',
  UPSTREAM_ERROR: '微信支付拒绝了账单申请',
  UPSTREAM_UNAVAILABLE: '微信支付暂时无法连接',
  UPSTREAM_SIGNATURE_INVALID: '微信支付应答签名无效',
  PAYMENTS_DISABLED: '未开通微信支付',
  PAYMENT_INVALID_ARGUMENT: '账单日期无效',
  INTERNAL: '对账时出错',
};

const REFUND_WORDS: Record<RefundRowStatus, string> = {
  pending: '待提交',
  processing: '处理中',
  success: '已成功',
  closed: '已关闭',
  abnormal: '异常',
};

/** A difference before it is stored. */
export type Difference = Omit<PaymentReconciliationItem, 'id' | 'reconciliationId'>;

/** One of our settled refunds, with its order's numbers. */
type OurRefund = VoucherRefund & { outTradeNo: string; transactionId: string | null };

/** One reconciled day and its differences. */
export interface ReconciliationDay {
  day: PaymentReconciliation;
  items: PaymentReconciliationItem[];
}

/** The bill's amount of a payment line: the order's amount (settlement plus coupon where the column is missing). */
const paidFenOf = (row: TradeBillRow) => row.orderAmountFen ?? row.settlementFen + row.couponFen;
/** The bill's amount of a refund line: what was asked for (the refund less coupon where the column is missing). */
const refundFenOf = (row: TradeBillRow) => row.requestedRefundFen ?? row.refundFen;
const isRefundLine = (row: TradeBillRow) => row.outRefundNo !== null || row.tradeState === 'REFUND';
const isPaymentLine = (row: TradeBillRow) => !isRefundLine(row) && row.tradeState === 'SUCCESS';
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const cut = (s: string | null, n: number) => (s === null ? null : s.slice(0, n));

/**
 * The daily reconciliation of WeChat Pay's trade bill (type ALL) with our books: the orders paid and
 * the refunds settled that day in Asia/Shanghai (both stamped with WeChat's own success time, so a
 * payment falls on the same day on both sides). The bill is fetched outside any transaction, then
 * the day's report is written in one; a run replaces the day's report and its items.
 */
export class ReconciliationService {
  constructor(
    private readonly db: Database,
    private readonly pay: PaymentPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Reconciled days, newest first. */
  list(filter: { beforeDate?: string; limit: number }): Promise<PaymentReconciliation[]> {
    return this.db.manager.find(PaymentReconciliation, {
      where: filter.beforeDate ? { billDate: LessThan(filter.beforeDate) } : {},
      order: { billDate: 'DESC' },
      take: filter.limit,
    });
  }

  /** A reconciled day with its differences; 404 for a day never run. */
  async day(billDate: string): Promise<ReconciliationDay> {
    const day = await this.db.manager.findOneBy(PaymentReconciliation, { billDate });
    if (!day) throw notFound('该日尚未对账');
    const items = await this.db.manager.find(PaymentReconciliationItem, {
      where: { reconciliationId: day.id },
      order: { id: 'ASC' },
    });
    return { day, items };
  }

  /** Staff run a past day again now (audited); today and later days have no bill yet. */
  async runByStaff(principal: Principal, billDate: string, requestId: string): Promise<ReconciliationDay> {
    if (billDate >= shanghaiDate(this.clock.now())) throw ReconciliationErrors.dayNotOver();
    await this.reconcile(billDate, { accountId: principal.accountId, requestId });
    return this.day(billDate);
  }

  /**
   * The days the daily job reconciles: yesterday in Asia/Shanghai unless it is done already, and
   * every failed day of the last RECONCILE_RETRY_DAYS, newest first.
   */
  async dueDates(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const days = Array.from({ length: RECONCILE_RETRY_DAYS }, (_, i) => shanghaiDate(new Date(now - (i + 1) * DAY_MS)));
    const rows = await this.db.manager.find(PaymentReconciliation, {
      where: { billDate: In(days) },
      select: { billDate: true, status: true },
    });
    const status = new Map(rows.map((r) => [r.billDate, r.status]));
    return days.filter((d, i) => status.get(d) === 'failed' || (i === 0 && !status.has(d)));
  }

  /** The daily job: reconciles the due days one after another. */
  async runDue(): Promise<Record<ReconciliationStatus, number>> {
    const counts: Record<ReconciliationStatus, number> = { clean: 0, differences: 0, no_bill: 0, failed: 0 };
    for (const billDate of await this.dueDates()) counts[(await this.reconcile(billDate, null)).status] += 1;
    return counts;
  }

  /**
   * Reconciles one day; never throws for WeChat Pay's failures (the day is recorded failed).
   * 1. Fetch the bill through the port, outside any transaction.
   * 2. In one transaction: read our paid orders and settled refunds of the day, compare, write
   *    the day's row (created or replaced, attempts counted) and replace its items.
   */
  async reconcile(
    billDate: string,
    by: { accountId: number; requestId: string } | null,
  ): Promise<PaymentReconciliation> {
    if (!/^\d{4}-\d\d-\d\d$/.test(billDate)) throw new Error(`not a bill date: ${billDate}`);
    let fetched: TradeBillResult | { state: 'failed'; error: string };
    try {
      fetched = await this.pay.fetchTradeBill(billDate);
      if (fetched.state === 'pending') fetched = { state: 'failed', error: failure('BILL_NOT_READY') };
    } catch (e) {
      const code = e instanceof PaymentError ? e.code : 'INTERNAL';
      if (e instanceof PaymentError)
        this.logger.warn('trade bill not had', { billDate, code, wechatCode: e.upstream?.wechatCode });
      else this.logger.error('trade bill not had', { billDate, error: e instanceof Error ? e.message : String(e) });
      fetched = {
        state: 'failed',
        error: failure(code, e instanceof PaymentError ? e.upstream?.wechatCode : undefined),
      };
    }

    const now = this.clock.now();
    const id = await this.db.transaction(async (em) => {
      const ours = await this.ours(em, billDate);
      const bill = fetched.state === 'ready' ? fetched.bill.rows : [];
      const items = fetched.state === 'failed' ? [] : await this.compare(em, bill, ours, fetched.state === 'none');
      const status: ReconciliationStatus =
        fetched.state === 'failed'
          ? 'failed'
          : items.length > 0
            ? 'differences'
            : fetched.state === 'none'
              ? 'no_bill'
              : 'clean';
      const payments = bill.filter(isPaymentLine);
      const refunds = bill.filter(isRefundLine);
      const values = {
        billDate,
        status,
        theirRows: bill.length,
        theirPaidFen: sum(payments.map(paidFenOf)),
        theirRefundFen: sum(refunds.map(refundFenOf)),
        ourRows: ours.orders.length + ours.refunds.length,
        ourPaidFen: sum(ours.orders.map((o) => o.amountFen)),
        ourRefundFen: sum(ours.refunds.map((r) => r.amountFen)),
        itemCount: items.length,
        error: fetched.state === 'failed' ? fetched.error : null,
        attempts: 1,
        runBy: by?.accountId ?? null,
        reconciledAt: fetched.state === 'failed' ? null : now,
        createdAt: now,
        updatedAt: now,
      };
      // One statement creates or replaces the day's row and locks it: two runs of a day take turns.
      await upsert(em, PaymentReconciliation, values, ['billDate'], {
        status: 'inserted',
        theirRows: 'inserted',
        theirPaidFen: 'inserted',
        theirRefundFen: 'inserted',
        ourRows: 'inserted',
        ourPaidFen: 'inserted',
        ourRefundFen: 'inserted',
        itemCount: 'inserted',
        error: 'inserted',
        attempts: { sql: 'attempts + 1' },
        runBy: 'inserted',
        // A failed run keeps when the day was last compared.
        reconciledAt: fetched.state === 'failed' ? { sql: 'reconciled_at' } : 'inserted',
        updatedAt: 'inserted',
      });
      const row = await em.findOneOrFail(PaymentReconciliation, { where: { billDate }, select: { id: true } });
      await em.delete(PaymentReconciliationItem, { reconciliationId: row.id });
      for (let i = 0; i < items.length; i += 200) {
        await em.insert(
          PaymentReconciliationItem,
          items.slice(i, i + 200).map((item) => ({ ...item, reconciliationId: row.id })),
        );
      }
      if (by) {
        await recordAudit(
          em,
          {
            actorAccountId: by.accountId,
            action: 'payment_reconciliation.run',
            targetType: 'payment_reconciliation',
            targetId: billDate,
            detail: { status, items: items.length },
            requestId: by.requestId,
          },
          now,
        );
      }
      return row.id;
    });
    if (
      fetched.state !== 'failed' &&
      fetched.state !== 'none' &&
      fetched.bill.rows.some((r) => r.mchId !== this.pay.mchId)
    ) {
      this.logger.warn('trade bill names another merchant', { billDate });
    }
    return this.db.manager.findOneByOrFail(PaymentReconciliation, { id });
  }

  /** Our side of a day: orders WeChat Pay paid, refunds it settled, by WeChat's own times. */
  private async ours(em: EntityManager, billDate: string): Promise<{ orders: VoucherOrder[]; refunds: OurRefund[] }> {
    const from = new Date(`${billDate}T00:00:00+08:00`);
    const to = new Date(from.getTime() + DAY_MS);
    const orders = await em
      .createQueryBuilder(VoucherOrder, 'o')
      .where('o.paid_at >= :from AND o.paid_at < :to', { from, to })
      .orderBy('o.id', 'ASC')
      .getMany();
    const refunds = await em
      .createQueryBuilder(VoucherRefund, 'r')
      .where('r.status = :success AND r.succeeded_at >= :from AND r.succeeded_at < :to', {
        success: 'success',
        from,
        to,
      })
      .orderBy('r.id', 'ASC')
      .getMany();
    const ofRefunds = await this.ordersBy(
      em,
      'id',
      refunds.map((r) => r.orderId),
    );
    const byId = new Map(ofRefunds.map((o) => [o.id, o]));
    return {
      orders,
      refunds: refunds.map((r) =>
        Object.assign(r, {
          outTradeNo: byId.get(r.orderId)?.outTradeNo ?? '',
          transactionId: byId.get(r.orderId)?.transactionId ?? null,
        }),
      ),
    };
  }

  /**
   * The differences between the bill's lines and our side. Lines and records are matched by
   * 商户订单号 (payments) and 商户退款单号 (refunds); a line we cannot match is looked up among
   * all our orders and refunds, so staff read what we have instead.
   */
  private async compare(
    em: EntityManager,
    bill: TradeBillRow[],
    ours: { orders: VoucherOrder[]; refunds: OurRefund[] },
    noBill: boolean,
  ): Promise<Difference[]> {
    const items: Difference[] = [];
    const add = (kind: DifferenceKind, d: Omit<Difference, 'kind'>) =>
      items.push({
        kind,
        ...d,
        outTradeNo: d.outTradeNo.slice(0, 32),
        transactionId: cut(d.transactionId, 32),
        outRefundNo: cut(d.outRefundNo, 64),
        note: d.note.slice(0, 200),
      });
    const missing = noBill ? '微信支付当日无账单' : '微信支付账单中没有';

    // Payments
    const paidHere = new Map(ours.orders.map((o) => [o.outTradeNo, o]));
    const matched = new Set<string>();
    const unmatched: TradeBillRow[] = [];
    for (const row of bill.filter(isPaymentLine)) {
      const order = paidHere.get(row.outTradeNo);
      if (!order || matched.has(row.outTradeNo)) {
        unmatched.push(row);
        continue;
      }
      matched.add(row.outTradeNo);
      if (paidFenOf(row) !== order.amountFen) {
        add('amount_mismatch', {
          outTradeNo: row.outTradeNo,
          transactionId: row.transactionId,
          theirFen: paidFenOf(row),
          ourFen: order.amountFen,
          orderId: order.id,
          outRefundNo: null,
          note: '支付金额不一致',
        });
      }
    }
    const known = new Map(
      (await this.ordersBy(em, 'outTradeNo', [...new Set(unmatched.map((r) => r.outTradeNo))])).map((o) => [
        o.outTradeNo,
        o,
      ]),
    );
    for (const row of unmatched) {
      const order = known.get(row.outTradeNo);
      add('paid_there_only', {
        outTradeNo: row.outTradeNo,
        transactionId: row.transactionId,
        theirFen: paidFenOf(row),
        ourFen: order ? order.amountFen : null,
        orderId: order?.id ?? null,
        outRefundNo: null,
        note: matched.has(row.outTradeNo)
          ? '账单中同一订单重复出现'
          : !order
            ? '本系统无此订单'
            : order.paidAt
              ? `本系统记为 ${shanghaiDate(order.paidAt)} 支付`
              : `本系统订单状态：${ORDER_STATUS_WORDS[order.status]}`,
      });
    }
    for (const order of ours.orders.filter((o) => !matched.has(o.outTradeNo))) {
      add('paid_here_only', {
        outTradeNo: order.outTradeNo,
        transactionId: order.transactionId,
        theirFen: null,
        ourFen: order.amountFen,
        orderId: order.id,
        outRefundNo: null,
        note: `本系统已支付，${missing}`,
      });
    }

    // Refunds
    const refundedHere = new Map(ours.refunds.map((r) => [r.outRefundNo, r]));
    const settled = new Set<string>();
    const strays: TradeBillRow[] = [];
    for (const row of bill.filter(isRefundLine)) {
      const refund = row.outRefundNo ? refundedHere.get(row.outRefundNo) : undefined;
      if (!refund || settled.has(refund.outRefundNo)) {
        strays.push(row);
        continue;
      }
      settled.add(refund.outRefundNo);
      if (refundFenOf(row) !== refund.amountFen) {
        add('refund_amount_mismatch', {
          outTradeNo: row.outTradeNo,
          transactionId: row.transactionId,
          theirFen: refundFenOf(row),
          ourFen: refund.amountFen,
          orderId: refund.orderId,
          outRefundNo: refund.outRefundNo,
          note: '退款金额不一致',
        });
      }
    }
    const strayRefunds = new Map(
      (
        await chunked(
          strays.flatMap((r) => (r.outRefundNo ? [r.outRefundNo] : [])),
          (nos) => em.find(VoucherRefund, { where: { outRefundNo: In(nos) } }),
        )
      ).map((r) => [r.outRefundNo, r]),
    );
    const strayOrders = new Map(
      (await this.ordersBy(em, 'outTradeNo', [...new Set(strays.map((r) => r.outTradeNo))])).map((o) => [
        o.outTradeNo,
        o,
      ]),
    );
    for (const row of strays) {
      const refund = row.outRefundNo ? strayRefunds.get(row.outRefundNo) : undefined;
      const order = strayOrders.get(row.outTradeNo);
      add('refunded_there_only', {
        outTradeNo: row.outTradeNo,
        transactionId: row.transactionId,
        theirFen: refundFenOf(row),
        ourFen: refund ? refund.amountFen : null,
        orderId: refund?.orderId ?? order?.id ?? null,
        outRefundNo: row.outRefundNo,
        note:
          refund && settled.has(refund.outRefundNo)
            ? '账单中同一退款重复出现'
            : refund?.status === 'success' && refund.succeededAt
              ? `本系统记为 ${shanghaiDate(refund.succeededAt)} 退款成功`
              : refund
                ? `本系统退款${REFUND_WORDS[refund.status]}`
                : order
                  ? '本系统此订单无此退款'
                  : '本系统无此订单',
      });
    }
    for (const refund of ours.refunds.filter((r) => !settled.has(r.outRefundNo))) {
      add('refunded_here_only', {
        outTradeNo: refund.outTradeNo,
        transactionId: refund.transactionId,
        theirFen: null,
        ourFen: refund.amountFen,
        orderId: refund.orderId,
        outRefundNo: refund.outRefundNo,
        note: `本系统退款成功，${missing}`,
      });
    }
    return items;
  }

  private ordersBy(
    em: EntityManager,
    key: 'id' | 'outTradeNo',
    values: Array<number | string>,
  ): Promise<VoucherOrder[]> {
    return chunked(values, (part) => em.find(VoucherOrder, { where: { [key]: In(part) } }));
  }
}

/** A failed run's error text: the code and its words (WeChat's own error code where it gave one). */
function failure(code: string, wechatCode?: string): string {
  const words = FAILURE_WORDS[code] ?? FAILURE_WORDS.INTERNAL;
  // WeChat's code only when it looks like one: its messages are never kept.
  const theirs = wechatCode && /^[A-Z][A-Z0-9_]{0,39}$/.test(wechatCode) ? ` ${wechatCode}` : '';
  return `${code}${theirs}: ${words}`;
}

/** `find` over a long list of keys, a few hundred at a time (bound parameters are limited). */
async function chunked<K, T>(keys: K[], find: (part: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += 500) out.push(...(await find(keys.slice(i, i + 500))));
  return out;
}
