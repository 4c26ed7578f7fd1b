import { z } from 'zod';
import { businessDay, idRef, int32, queryIdRef } from '../../http/bounds';
import { historyView } from '../../http/history';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { APPEAL_STATUSES, MAX_FILES } from './appeal.states';
import { APPEAL_KINDS, CONTACT_TIMES } from './appeals.types';

export const idParams = z.object({ id: idParam });
export const idCursor = z.object({ id: z.number().int().positive() });

export const appealBody = z.strictObject({
  kind: z.enum(APPEAL_KINDS),
  category: z.string().trim().min(1).max(16),
  text: z.string().trim().min(5, '请具体说明您的诉求或要代办的事项（至少 5 个字）').max(1000),
  fileIds: z.array(idRef()).max(MAX_FILES).optional(),
  contactTime: z.enum(CONTACT_TIMES).optional(),
  /** The station to handle it, for a holder without a card application (whose station is used otherwise). */
  stationId: idRef().optional(),
});
export const reopenBody = z.strictObject({
  reason: z.string().trim().min(2, '请说明需要重新办理的原因').max(255),
});
export const ratingBody = z.strictObject({ rating: int32(1, 5), comment: z.string().trim().max(500).optional() });
export const acceptBody = z.strictObject({
  /** The day (Asia/Shanghai) the work is promised to be done by: today or later. */
  promisedDate: businessDay(),
  /** The staff member who handles it; the caller when not given. */
  handlerAccountId: idRef().optional(),
});
export const resolveBody = z.strictObject({ outcome: z.string().trim().min(2, '请填写办理结果').max(1000) });
export const rejectBody = z.strictObject({ reason: z.string().trim().min(2, '请填写不予受理的原因').max(255) });

const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');
export const staffAppealsQuery = pageQuery.extend({
  status: z.enum(APPEAL_STATUSES).optional(),
  kind: z.enum(APPEAL_KINDS).optional(),
  category: z.string().trim().min(1).max(32).optional(),
  /** Accepted or in progress past the promised day. */
  overdue: yesNo.optional(),
  handlerAccountId: queryIdRef().optional(),
  /** District staff and admins: one station's queue (station staff always see their own). */
  stationId: queryIdRef().optional(),
});
export const figuresQuery = z
  .object({ from: businessDay(), to: businessDay() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export const categoriesView = z.object({
  appeal: z.array(z.string()),
  errand: z.array(z.string()),
});

export const appealView = z.object({
  id: z.number().int(),
  kind: z.enum(APPEAL_KINDS),
  category: z.string(),
  status: z.enum(APPEAL_STATUSES),
  statusText: z.string(),
  text: z.string(),
  contactTime: z.enum(CONTACT_TIMES).nullable(),
  stationId: z.number().int(),
  stationName: z.string().nullable(),
  promisedDate: z.string().nullable(),
  overdue: z.boolean(),
  reopenedCount: z.number().int(),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const staffAppealView = appealView.extend({
  handlerAccountId: z.number().int().nullable(),
  /** The handler's display name (a staff member or a 代办员). */
  handlerName: z.string().nullable(),
});
export const appealDetailView = appealView.extend({
  outcome: z.string().nullable(),
  rejectReason: z.string().nullable(),
  ratingComment: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  fileIds: z.array(z.number().int()),
  history: historyView,
  allowedActions: z.array(z.string()),
});
export const staffAppealDetailView = appealDetailView.extend({
  handlerAccountId: z.number().int().nullable(),
  handlerName: z.string().nullable(),
  holder: z.object({ nameMasked: z.string(), category: z.string(), phoneLast4: z.string() }).nullable(),
});
export const appealPageView = pageView(appealView);
export const handlersQuery = z.object({ stationId: queryIdRef().optional() });
export const handlersView = z.object({
  items: z.array(
    z.object({
      accountId: z.number().int(),
      displayName: z.string(),
      /** `station_staff` and/or `errand_runner` (代办员). */
      roles: z.array(z.string()),
    }),
  ),
});
export const staffAppealPageView = pageView(staffAppealView);

const figuresRow = z.object({
  accepted: z.number().int(),
  resolved: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
});
export const figuresView = z.object({
  from: z.string(),
  to: z.string(),
  stations: z.array(figuresRow.extend({ stationId: z.number().int(), stationName: z.string().nullable() })),
  total: figuresRow,
});
