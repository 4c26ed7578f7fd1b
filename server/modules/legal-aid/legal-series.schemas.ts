import { z } from 'zod';
import { queryInt32 } from '../../http/bounds';
import { SERVICE_TYPES } from './legal-aid.types';

/** As the cards' series (`card-series.schemas.ts`): weeks from Monday or calendar months, Beijing time. */
export const legalSeriesQuery = z.object({
  period: z.enum(['week', 'month']).default('week'),
  /** How many periods back, the current one included. */
  count: queryInt32(1, 52).default(12),
});

const counts = {
  /** Appointments starting in the period that were not cancelled (booked, served or missed). */
  appointments: z.number().int(),
  completed: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
};

export const legalSeriesView = z.object({
  period: z.enum(['week', 'month']),
  /** The first day counted (Beijing), YYYY-MM-DD. */
  since: z.string(),
  items: z.array(
    z.object({
      /** The period's first day (Beijing), YYYY-MM-DD. */
      start: z.string(),
      ...counts,
    }),
  ),
  /** Over all the periods, per service type (types without any appointment left out). */
  perServiceType: z.array(z.object({ serviceType: z.enum(SERVICE_TYPES), ...counts })),
});
