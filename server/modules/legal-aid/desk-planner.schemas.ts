import { z } from 'zod';
import { instant } from '../../http/bounds';
import { providerView } from './legal-aid.schemas';
import { MODES, SERVICE_TYPES } from './legal-aid.types';

/** The desk's view of a provider: the published profile with what only staff manage. */
export const staffProviderView = providerView.extend({
  active: z.boolean(),
  accountId: z.number().int().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
});
export const staffProvidersView = z.object({ items: z.array(staffProviderView), nextCursor: z.null() });

/** The weekly hours as they are entered (HH:MM), and the days off from today on. */
export const providerPlanView = z.object({
  schedules: z.array(
    z.object({
      weekday: z.number().int(),
      start: z.string(),
      end: z.string(),
      slotMinutes: z.number().int(),
      capacity: z.number().int(),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)),
      modes: z.array(z.enum(MODES)),
    }),
  ),
  daysOff: z.array(z.object({ day: z.string(), reason: z.string().nullable() })),
});

export const deskSlotsQuery = z.object({ from: instant(), to: instant() });

/** Every slot of a provider in a span, open or cancelled, with its places taken. */
export const deskSlotsView = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      startsAt: z.string(),
      endsAt: z.string(),
      capacity: z.number().int(),
      booked: z.number().int(),
      status: z.enum(['open', 'cancelled']),
      cancelReason: z.string().nullable(),
    }),
  ),
});
