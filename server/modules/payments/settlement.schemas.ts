import { z } from 'zod';
import { queryIdRef } from '../../http/bounds';

/** A calendar month, Beijing time; the years a DATETIME column and the bureau's books hold. */
const month = z
  .string()
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .optional();

/** The month to settle; the current Beijing month when left out. */
export const settlementQuery = z.strictObject({ month });
export const settlementExportQuery = z.strictObject({ month, format: z.enum(['csv', 'xlsx']).default('csv') });
export const settlementParams = z.object({ merchantId: queryIdRef() });

const tally = z.object({ count: z.number().int(), amountFen: z.number().int() });

const figures = {
  /** Vouchers of orders paid in the month. */
  sold: tally,
  /** Vouchers used at the counter in the month. */
  redeemed: tally,
  /** Vouchers whose refund succeeded in the month. */
  refunded: tally,
  /** Vouchers paid and neither used nor refunded at the month's end (still owed to their holders). */
  unusedCount: z.number().int(),
  /** What the bureau owes the shop for the month: the vouchers redeemed, at the price paid. */
  payableFen: z.number().int(),
};

const period = {
  month: z.string(),
  /** The month's first and last day (Beijing), YYYY-MM-DD. */
  from: z.string(),
  to: z.string(),
};

export const merchantSettlementView = z.object({
  merchantId: z.number().int(),
  merchantName: z.string(),
  ...period,
  ...figures,
  /** Per offer, offers with any voucher sold, used or refunded in the month. */
  offers: z.array(
    z.object({
      offerId: z.number().int(),
      title: z.string(),
      soldCount: z.number().int(),
      soldFen: z.number().int(),
      redeemedCount: z.number().int(),
      redeemedFen: z.number().int(),
      refundedCount: z.number().int(),
      refundedFen: z.number().int(),
    }),
  ),
  /** Per Beijing day with anything sold, used or refunded, in order. */
  days: z.array(
    z.object({
      day: z.string(),
      soldCount: z.number().int(),
      soldFen: z.number().int(),
      redeemedCount: z.number().int(),
      redeemedFen: z.number().int(),
      refundedCount: z.number().int(),
      refundedFen: z.number().int(),
    }),
  ),
});

export const settlementListView = z.object({
  ...period,
  /** Merchants with anything sold, used or refunded in the month, or vouchers unused at its end. */
  rows: z.array(z.object({ merchantId: z.number().int(), merchantName: z.string(), ...figures })),
  totals: z.object(figures),
});
