import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { idRef, queryInt32 } from '../../http/bounds';
import { idParam } from '../../http/validate';
import { OUTBOX_STATUSES } from './outbox.states';

export const timelineQuery = pageQuery.extend({ after: queryInt32(0).optional() });
export const idCursor = z.object({ id: idRef() });

export const timelineItemView = z.object({
  id: z.number().int(),
  templateKey: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string().nullable(),
  at: z.string(),
});
export const timelineView = pageView(timelineItemView);

/** What `wx.requestSubscribeMessage` answered, by template key. */
export const subscriptionsBody = z.strictObject({
  results: z
    .record(z.string().max(64), z.enum(['accept', 'reject', 'ban', 'filter']))
    .refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 20, '至少一个、至多 20 个模板'),
});
export const grantsView = z.object({ grants: z.record(z.string(), z.number().int()) });

export const outboxQuery = pageQuery.extend({ status: z.enum(OUTBOX_STATUSES).optional() });
export const outboxParams = z.object({ id: idParam });
export const outboxItemView = z.object({
  id: z.number().int(),
  recipientAccountId: z.number().int(),
  templateKey: z.string(),
  title: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const outboxView = pageView(outboxItemView);
