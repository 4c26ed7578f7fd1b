import ExcelJS from 'exceljs';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { type CsvCell, toCsv } from '../../lib/csv';
import { forbidden, notFound } from '../../lib/errors';
import { periodEnd, periodStarts } from '../../lib/periods';
import { rawDate } from '../../lib/personal-data';
import type { Principal } from '../../lib/principal';
import { shanghaiDate } from '../../lib/working-days';
import type { MerchantsService } from '../merchants/merchants.service';
import { recordAudit } from '../staff/audit.service';
import { Voucher } from './voucher.entity';
import { VoucherOrder } from './voucher-order.entity';
import { VoucherRefund } from './voucher-refund.entity';
import { fenToYuan } from '../../lib/money';

const BEIJING = 8 * 3_600_000;

export interface Tally {
  count: number;
  amountFen: number;
}

/** A month's figures of one merchant, or their sum over merchants. */
export interface SettlementFigures {
  sold: Tally;
  redeemed: Tally;
  refunded: Tally;
  unusedCount: number;
  payableFen: number;
}

interface Flows {
  soldCount: number;
  soldFen: number;
  redeemedCount: number;
  redeemedFen: number;
  refundedCount: number;
  refundedFen: number;
}

export interface SettlementMonth {
  month: string;
  /** The month's first and last day (Beijing), YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface MerchantSettlement extends SettlementMonth, SettlementFigures {
  merchantId: number;
  merchantName: string;
  offers: Array<{ offerId: number; title: string } & Flows>;
  days: Array<{ day: string } & Flows>;
}

export interface SettlementList extends SettlementMonth {
  rows: Array<{ merchantId: number; merchantName: string } & SettlementFigures>;
  totals: SettlementFigures;
}

/** The instants a Beijing month runs between, `start` inclusive, `end` exclusive. */
interface Range extends SettlementMonth {
  start: Date;
  end: Date;
}

const periodOf = (r: Range): SettlementMonth => ({ month: r.month, from: r.from, to: r.to });

type Flow = 'sold' | 'redeemed' | 'refunded';

/**
 * How each flow is read: the rows it counts (every builder has the order as `o`), the instant that
 * places a row in a month, and what a row adds to the count and to the fen. Fen are at the unit
 * price paid: an order's amount, a refund's amount, a used voucher's unit price.
 */
const FLOWS: Record<
  Flow,
  { from: (em: EntityManager) => SelectQueryBuilder<object>; at: string; count: string; fen: string }
> = {
  sold: {
    from: (em) => em.createQueryBuilder(VoucherOrder, 'o'),
    at: 'o.paid_at',
    count: 'o.quantity',
    fen: 'o.amount_fen',
  },
  redeemed: {
    from: (em) => em.createQueryBuilder(Voucher, 'v').innerJoin(VoucherOrder, 'o', 'o.id = v.order_id'),
    at: 'v.redeemed_at',
    count: '1',
    fen: 'o.unit_price_fen',
  },
  refunded: {
    from: (em) =>
      em
        .createQueryBuilder(VoucherRefund, 'r')
        .innerJoin(VoucherOrder, 'o', 'o.id = r.order_id')
        .where('r.status = :success', { success: 'success' }),
    at: 'r.succeeded_at',
    count: 'r.voucher_count',
    fen: 'r.amount_fen',
  },
};

const noFlows = (): Flows => ({
  soldCount: 0,
  soldFen: 0,
  redeemedCount: 0,
  redeemedFen: 0,
  refundedCount: 0,
  refundedFen: 0,
});

const addFlow = (f: Flows, flow: Flow, count: number, fen: number) => {
  f[`${flow}Count`] += count;
  f[`${flow}Fen`] += fen;
};

const figuresOf = (f: Flows, unusedCount: number): SettlementFigures => ({
  sold: { count: f.soldCount, amountFen: f.soldFen },
  redeemed: { count: f.redeemedCount, amountFen: f.redeemedFen },
  refunded: { count: f.refundedCount, amountFen: f.refundedFen },
  unusedCount,
  payableFen: f.redeemedFen,
});

const EXPORT_HEADER = [
  '商户编号',
  '商户名称',
  '售出张数',
  '售出金额（元）',
  '核销张数',
  '核销金额（元）',
  '退款张数',
  '退款金额（元）',
  '月末未使用张数',
  '应结算金额（元）',
];

/**
 * What the bureau owes each shop for a Beijing month. Holders pay the bureau's WeChat Pay merchant
 * account; each month the bureau pays every shop for the vouchers used at its counter. Per merchant:
 * vouchers sold (by payment time), used (by the time taken at the counter) and refunded (by the
 * time the refund succeeded), in fen at the price paid, and those still unused at the month's end.
 * The figures are a few grouped queries; days are bucketed here, as the other figures are, since
 * SQL date functions differ between the databases.
 */
export class SettlementService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantsService,
    private readonly clock: Clock,
  ) {}

  /** The caller's own shop's month; its owner only (a clerk works the counter, not the books). */
  async forOwner(principal: Principal, month: string | undefined): Promise<MerchantSettlement> {
    const { member, merchant } = await this.merchants.mine(principal);
    if (member.role !== 'owner') throw forbidden('仅商户负责人可以查看结算');
    return this.merchantMonth(merchant.id, merchant.name, this.range(month));
  }

  /** One merchant's month, for district staff and admins. */
  async forMerchant(merchantId: number, month: string | undefined): Promise<MerchantSettlement> {
    const name = (await this.merchantNames([merchantId])).get(merchantId);
    if (name === undefined) throw notFound('商户不存在');
    return this.merchantMonth(merchantId, name, this.range(month));
  }

  /** Every merchant with anything in the month or vouchers unused at its end, by merchant number, with totals. */
  async list(month: string | undefined): Promise<SettlementList> {
    const range = this.range(month);
    const byMerchant = new Map<number, Flows>();
    const unused = new Map<number, number>();
    if (this.begun(range)) {
      for (const flow of ['sold', 'redeemed', 'refunded'] as const) {
        for (const r of await this.grouped(flow, range)) {
          const f = byMerchant.get(r.merchantId) ?? noFlows();
          addFlow(f, flow, r.count, r.fen);
          byMerchant.set(r.merchantId, f);
        }
      }
      for (const [merchantId, n] of await this.unusedAtEnd(range)) unused.set(merchantId, n);
    }
    const ids = [...new Set([...byMerchant.keys(), ...unused.keys()])].sort((a, b) => a - b);
    const names = await this.merchantNames(ids);
    const total = noFlows();
    const rows = ids.map((merchantId) => {
      const f = byMerchant.get(merchantId) ?? noFlows();
      for (const flow of ['sold', 'redeemed', 'refunded'] as const)
        addFlow(total, flow, f[`${flow}Count`], f[`${flow}Fen`]);
      return { merchantId, merchantName: names.get(merchantId) ?? '', ...figuresOf(f, unused.get(merchantId) ?? 0) };
    });
    const unusedTotal = rows.reduce((n, r) => n + r.unusedCount, 0);
    return { ...periodOf(range), rows, totals: figuresOf(total, unusedTotal) };
  }

  /**
   * The month's list as a file for the bureau's finance office: CSV (UTF-8 with BOM, amounts in 元
   * with two decimals) or an Excel workbook, with a totals row. Audit-logged like every export.
   */
  async export(
    principal: Principal,
    month: string | undefined,
    format: 'csv' | 'xlsx',
    requestId: string,
  ): Promise<{ filename: string; bytes: Buffer | string }> {
    const list = await this.list(month);
    const line = (id: number | null, name: string, f: SettlementFigures) =>
      [
        id,
        name,
        f.sold.count,
        fenToYuan(f.sold.amountFen),
        f.redeemed.count,
        fenToYuan(f.redeemed.amountFen),
        f.refunded.count,
        fenToYuan(f.refunded.amountFen),
        f.unusedCount,
        fenToYuan(f.payableFen),
      ] satisfies CsvCell[];
    const lines = [...list.rows.map((r) => line(r.merchantId, r.merchantName, r)), line(null, '合计', list.totals)];
    const now = this.clock.now();
    await this.db.transaction((em) =>
      recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'voucher_settlement.export',
          targetType: 'voucher_settlement',
          targetId: list.month,
          detail: { format, merchants: list.rows.length },
          requestId,
        },
        now,
      ),
    );
    const filename = `voucher-settlement-${list.month}.${format}`;
    if (format === 'csv') return { filename, bytes: toCsv(EXPORT_HEADER, lines) };
    return { filename, bytes: await this.workbook(list, lines) };
  }

  /** The same table as a sheet: counts and 元 as numbers (two decimals shown), so a spreadsheet sums them. */
  private async workbook(list: SettlementList, lines: CsvCell[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(`代金券结算 ${list.month}`);
    sheet.addRow(EXPORT_HEADER).font = { bold: true };
    for (const l of lines) {
      // The 元 text is exact; its number is the nearest a spreadsheet holds.
      sheet.addRow(l.map((v, i) => (v === null ? '' : EXPORT_HEADER[i].includes('元') ? Number(v) : v)));
    }
    sheet.lastRow!.font = { bold: true };
    EXPORT_HEADER.forEach((title, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = i === 1 ? 32 : Math.max(10, title.length * 2 + 2);
      if (title.includes('元')) column.numFmt = '0.00';
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async merchantMonth(merchantId: number, merchantName: string, range: Range): Promise<MerchantSettlement> {
    const total = noFlows();
    const byOffer = new Map<number, Flows>();
    const byDay = new Map<string, Flows>();
    let unusedCount = 0;
    if (this.begun(range)) {
      for (const flow of ['sold', 'redeemed', 'refunded'] as const) {
        for (const r of await this.dated(flow, range, merchantId)) {
          const day = shanghaiDate(r.at);
          const o = byOffer.get(r.offerId) ?? noFlows();
          const d = byDay.get(day) ?? noFlows();
          for (const f of [total, o, d]) addFlow(f, flow, r.count, r.fen);
          byOffer.set(r.offerId, o);
          byDay.set(day, d);
        }
      }
      unusedCount = (await this.unusedAtEnd(range, merchantId)).get(merchantId) ?? 0;
    }
    const titles = await this.offerTitles([...byOffer.keys()]);
    return {
      merchantId,
      merchantName,
      ...periodOf(range),
      ...figuresOf(total, unusedCount),
      offers: [...byOffer.entries()]
        .sort(([a], [b]) => a - b)
        .map(([offerId, f]) => ({ offerId, title: titles.get(offerId) ?? '', ...f })),
      days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, f]) => ({ day, ...f })),
    };
  }

  /** One flow's month summed per merchant. */
  private async grouped(flow: Flow, range: Range) {
    const f = FLOWS[flow];
    const rows = await f
      .from(this.db.manager)
      .select('o.merchant_id', 'merchantId')
      .addSelect(`SUM(${f.count})`, 'n')
      .addSelect(`SUM(${f.fen})`, 'fen')
      .andWhere(`${f.at} >= :start AND ${f.at} < :end`, { start: range.start, end: range.end })
      .groupBy('o.merchant_id')
      .getRawMany<{ merchantId: unknown; n: unknown; fen: unknown }>();
    return rows.map((r) => ({ merchantId: Number(r.merchantId), count: Number(r.n), fen: Number(r.fen) }));
  }

  /** One flow's month of one merchant, summed per offer and instant: the days are made from the instants. */
  private async dated(flow: Flow, range: Range, merchantId: number) {
    const f = FLOWS[flow];
    const rows = await f
      .from(this.db.manager)
      .select('o.offer_id', 'offerId')
      .addSelect(f.at, 'at')
      .addSelect(`SUM(${f.count})`, 'n')
      .addSelect(`SUM(${f.fen})`, 'fen')
      .andWhere('o.merchant_id = :merchantId', { merchantId })
      .andWhere(`${f.at} >= :start AND ${f.at} < :end`, { start: range.start, end: range.end })
      .groupBy('o.offer_id')
      .addGroupBy(f.at)
      .getRawMany<{ offerId: unknown; at: unknown; n: unknown; fen: unknown }>();
    return rows.map((r) => ({
      offerId: Number(r.offerId),
      at: rawDate(r.at)!,
      count: Number(r.n),
      fen: Number(r.fen),
    }));
  }

  /**
   * Vouchers paid before the month's end and, at its end, neither used nor refunded: a voucher
   * voided for a refund still counts until the refund succeeded (the holder's money is still here).
   */
  private async unusedAtEnd(range: Range, merchantId?: number): Promise<Map<number, number>> {
    const q = this.db.manager
      .createQueryBuilder(Voucher, 'v')
      .innerJoin(VoucherOrder, 'o', 'o.id = v.order_id')
      .leftJoin(VoucherRefund, 'r', 'r.order_id = o.id AND r.status = :success AND r.succeeded_at < :end', {
        success: 'success',
        end: range.end,
      })
      .select('o.merchant_id', 'merchantId')
      .addSelect('COUNT(v.id)', 'n')
      .where('o.paid_at < :end', { end: range.end })
      .andWhere('(v.redeemed_at IS NULL OR v.redeemed_at >= :end)')
      .andWhere('NOT (v.status = :refunded AND r.id IS NOT NULL)', { refunded: 'refunded' });
    if (merchantId !== undefined) q.andWhere('o.merchant_id = :merchantId', { merchantId });
    const rows = await q.groupBy('o.merchant_id').getRawMany<{ merchantId: unknown; n: unknown }>();
    return new Map(rows.map((r) => [Number(r.merchantId), Number(r.n)]));
  }

  // Names as the desk shows them now (orders keep the title as sold).
  private async merchantNames(ids: readonly number[]): Promise<Map<number, string>> {
    return (await this.merchants.namesOf(ids)).merchants;
  }

  private async offerTitles(ids: readonly number[]): Promise<Map<number, string>> {
    return (await this.merchants.namesOf([], ids)).offers;
  }

  /** The Beijing month `YYYY-MM` (the current one when not given) as instants and days. */
  private range(month: string | undefined): Range {
    const start = month
      ? new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) - BEIJING)
      : periodStarts(this.clock.now(), 'month', 1)[0];
    const end = periodEnd(start, 'month');
    const from = shanghaiDate(start);
    return { month: from.slice(0, 7), from, to: shanghaiDate(new Date(end.getTime() - 1)), start, end };
  }

  /** A month not begun yet has nothing in it (and no vouchers "unused at its end" yet). */
  private begun(range: Range): boolean {
    return range.start.getTime() <= this.clock.now().getTime();
  }
}
