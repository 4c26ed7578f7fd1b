import { z } from 'zod';

/** One status change as every lifecycle's view shows it (`by` is the acting role, never a name). */
export const historyEntryView = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
});

export const historyView = z.array(historyEntryView);
