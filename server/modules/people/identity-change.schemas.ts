import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { HOLDER_CATEGORIES } from '../../lib/id-number';
import { IDENTITY_CHANGE_STATUSES } from './identity-change.states';
import { identityBody } from './people.schemas';

export const changeRequestBody = z.strictObject({
  name: identityBody.shape.name.optional(),
  category: z.enum(HOLDER_CATEGORIES).optional(),
  idNumber: identityBody.shape.idNumber.optional(),
  phone: identityBody.shape.phone.optional(),
  reason: z.string().trim().min(2, '请说明变更原因').max(500),
  documentFileIds: z.array(z.number().int().positive()).max(10).optional(),
});

export const changeReviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

export const changeIdParams = z.object({ id: idParam });

export const changeQueueQuery = pageQuery.extend({ status: z.enum(IDENTITY_CHANGE_STATUSES).optional() });
export const changeQueueCursor = z.object({ id: z.number().int().positive() });

const changeHistoryItem = z.object({
  action: z.string(),
  from: z.enum(IDENTITY_CHANGE_STATUSES).nullable(),
  to: z.enum(IDENTITY_CHANGE_STATUSES),
  at: z.string(),
  by: z.enum(['holder', 'staff']),
  reason: z.string().nullable(),
});

export const changeRequestView = z.object({
  id: z.number().int(),
  status: z.enum(IDENTITY_CHANGE_STATUSES),
  /** Only the fields this request changes are non-null. */
  changes: z.object({
    name: z.string().nullable(),
    category: z.enum(HOLDER_CATEGORIES).nullable(),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  /** The identity when the request was filed. */
  previous: z.object({ name: z.string(), category: z.enum(HOLDER_CATEGORIES), idNumberMasked: z.string() }),
  reason: z.string(),
  documentFileIds: z.array(z.number().int()),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  history: z.array(changeHistoryItem),
  allowedActions: z.array(z.string()),
});
export const changeRequestListView = z.object({ items: z.array(changeRequestView), nextCursor: z.null() });

export const staffChangeRequestView = changeRequestView.extend({
  stationId: z.number().int().nullable(),
  person: z.object({
    id: z.number().int(),
    name: z.string(),
    category: z.enum(HOLDER_CATEGORIES),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
  }),
});
export const staffChangeQueueView = pageView(staffChangeRequestView);
