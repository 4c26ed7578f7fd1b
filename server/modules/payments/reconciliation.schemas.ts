import { z } from 'zod';
import { businessDay } from '../../http/bounds';
import { pageQuery, pageView } from '../../http/pagination';
import { DIFFERENCE_KINDS } from './payment-reconciliation-item.entity';
import { RECONCILIATION_STATUSES } from './payment-reconciliation.entity';

export const reconciliationsQuery = pageQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(60),
});
export const dateCursor = z.object({ billDate: businessDay() });
export const dateParams = z.object({ date: businessDay() });

export const reconciliationView = z.object({
  billDate: z.string(),
  /** clean, differences, no_bill (no trade that day on either side) or failed (tried again by the daily job). */
  status: z.enum(RECONCILIATION_STATUSES),
  /** Lines of WeChat Pay's bill, and its payment and refund totals in fen. */
  theirRows: z.number().int(),
  theirPaidFen: z.number().int(),
  theirRefundFen: z.number().int(),
  /** Our orders paid and refunds settled that day, and their totals in fen. */
  ourRows: z.number().int(),
  ourPaidFen: z.number().int(),
  ourRefundFen: z.number().int(),
  itemCount: z.number().int(),
  /** Why the last run failed (a code and a few words). */
  error: z.string().nullable(),
  attempts: z.number().int(),
  /** The staff account that ran it last; null: the daily job. */
  runBy: z.number().int().nullable(),
  /** When the bill was last compared; null while it never could be. */
  reconciledAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const differenceView = z.object({
  id: z.number().int(),
  kind: z.enum(DIFFERENCE_KINDS),
  outTradeNo: z.string(),
  transactionId: z.string().nullable(),
  /** WeChat Pay's amount in fen; null where the bill has no line. */
  theirFen: z.number().int().nullable(),
  /** Ours in fen; null where we have no record. */
  ourFen: z.number().int().nullable(),
  /** Our order with that number, where there is one. */
  orderId: z.number().int().nullable(),
  outRefundNo: z.string().nullable(),
  note: z.string(),
});

export const reconciliationPageView = pageView(reconciliationView);
export const reconciliationDayView = reconciliationView.extend({ items: z.array(differenceView) });
