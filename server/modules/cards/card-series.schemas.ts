import { z } from 'zod';
import { queryInt32 } from '../../http/bounds';

export const cardSeriesQuery = z.object({
  period: z.enum(['week', 'month']).default('week'),
  /** How many periods back, the current one included. */
  count: queryInt32(1, 52).default(12),
});

export const cardSeriesView = z.object({
  period: z.enum(['week', 'month']),
  /** The first day counted (Beijing), YYYY-MM-DD. */
  since: z.string(),
  items: z.array(
    z.object({
      /** The period's first day (Beijing), YYYY-MM-DD. */
      start: z.string(),
      submitted: z.number().int(),
      approved: z.number().int(),
      issued: z.number().int(),
    }),
  ),
  perStation: z.array(
    z.object({
      stationId: z.number().int(),
      submitted: z.number().int(),
      approved: z.number().int(),
      issued: z.number().int(),
      /** Of those submitted in the span, still waiting on a review or the holder. */
      open: z.number().int(),
      medianDaysToApproval: z.number().nullable(),
    }),
  ),
});
