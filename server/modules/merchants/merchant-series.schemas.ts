import { z } from 'zod';
import { queryInt32 } from '../../http/bounds';

/** As the cards' series (`card-series.schemas.ts`): weeks from Monday or calendar months, Beijing time. */
export const merchantSeriesQuery = z.object({
  period: z.enum(['week', 'month']).default('week'),
  /** How many periods back, the current one included. */
  count: queryInt32(1, 52).default(12),
});

export const merchantSeriesView = z.object({
  period: z.enum(['week', 'month']),
  /** The first day counted (Beijing), YYYY-MM-DD. */
  since: z.string(),
  items: z.array(
    z.object({
      /** The period's first day (Beijing), YYYY-MM-DD. */
      start: z.string(),
      redemptions: z.number().int(),
      /** Distinct holders who used an offer in the period. */
      holders: z.number().int(),
      /** Distinct merchants that verified at least one use in the period. */
      merchants: z.number().int(),
    }),
  ),
  /** Over all the periods, per merchant category (categories without any use left out). */
  perCategory: z.array(z.object({ categoryId: z.number().int(), redemptions: z.number().int() })),
});
