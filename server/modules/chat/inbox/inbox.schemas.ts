import { z } from 'zod';
import { businessDay, idRef, queryInt32 } from '../../../http/bounds';
import { idParam } from '../../../http/validate';
import { CONVERSATION_STATES } from '../chat-conversation.states';
import { MESSAGE_KINDS, MESSAGE_SENDERS } from '../chat-message.entity';
import { MAX_WAIT_SECONDS } from '../chat.schemas';

export const idParams = z.object({ id: idParam });

const boolString = z.enum(['true', 'false']).transform((s) => s === 'true');

export const inboxQuery = z.object({
  state: z.enum(['waiting_staff', 'with_staff', 'resolved']).default('waiting_staff'),
  mine: boolString.default(false),
});

export const watchQuery = z.object({
  since: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '游标格式不正确')
    .optional()
    .meta({ description: 'The cursor of the last answer; without it the current one comes back at once' }),
  wait: queryInt32(0, MAX_WAIT_SECONDS).default(0),
});

export const watchView = z.object({
  cursor: z.string().meta({ description: 'Give it back as `since` on the next call' }),
  changed: z
    .boolean()
    .meta({ description: 'The inbox moved since `since` (always true without it); false when the wait ran out' }),
});

export const cannedScopeView = z.object({
  admin: z.boolean(),
  stationId: z.number().int().nullable().meta({ description: 'The caller’s station, as station staff' }),
  districtId: z.number().int().nullable().meta({ description: 'The caller’s district, as district staff' }),
  stations: z
    .array(z.object({ id: z.number().int(), name: z.string(), districtId: z.number().int() }))
    .meta({ description: 'Stations whose canned replies and business hours the caller manages' }),
  districtWide: z.boolean().meta({ description: 'The caller may write replies for the whole district' }),
});

export const transferBody = z.strictObject({ toAccountId: idRef() });

/** `{ text }` typed by staff, or `{ cannedReplyId }`; `internal: true` makes it a note the holder never sees. */
export const staffMessageBody = z
  .strictObject({
    text: z.string().optional(),
    cannedReplyId: idRef().optional(),
    internal: z.boolean().optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.cannedReplyId === undefined), {
    message: 'text 与 cannedReplyId 须且只能填一个',
    path: ['text'],
  });

export const resolveBody = z.strictObject({ outcome: z.string().trim().min(1).max(200) });

export const ratingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().max(500).optional(),
});

export const ratingView = z.object({ asked: z.boolean(), score: z.number().int().nullable() });

export const figuresQuery = z
  .object({ from: businessDay(), to: businessDay() })
  .refine((q) => q.from <= q.to, { message: 'from 不能晚于 to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: '一次最多统计一年',
    path: ['to'],
  });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式须为 HH:MM');
const span = z.strictObject({ start: hhmm, end: hhmm });

export const businessHoursBody = z.strictObject({
  weekly: z.array(z.array(span).max(4)).length(7).meta({ description: 'Seven days, Monday first' }),
  holidays: z.array(businessDay()).max(100),
  extraWorkdays: z.array(businessDay()).max(50).meta({ description: 'Weekend days worked, with Monday’s spans' }),
});

export const businessHoursView = businessHoursBody.extend({
  stationId: z.number().int(),
  openNow: z.boolean(),
  nextOpening: z.string().nullable(),
});

export const cannedReplyBody = z.strictObject({
  title: z.string().trim().min(1).max(64),
  text: z.string().trim().min(1).max(500),
  stationId: idRef().nullable().optional(),
});

export const cannedReplyPatch = z
  .strictObject({ title: z.string().trim().min(1).max(64), text: z.string().trim().min(1).max(500) })
  .partial();

export const cannedReplyView = z.object({
  id: z.number().int(),
  title: z.string(),
  text: z.string(),
  stationId: z.number().int().nullable(),
  districtId: z.number().int(),
  updatedAt: z.string(),
});

export const cannedReplyList = z.object({ items: z.array(cannedReplyView) });

export const inboxItemView = z.object({
  id: z.number().int(),
  state: z.enum(CONVERSATION_STATES),
  holder: z.object({
    name: z.string().meta({ description: 'Masked: 张*' }),
    category: z.string().nullable(),
    verified: z.boolean(),
  }),
  station: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  trigger: z.enum(['asked', 'unknowns', 'intent']),
  handedOverAt: z.string(),
  waitingSince: z.string(),
  waitingSeconds: z.number().int(),
  agent: z.object({ accountId: z.number().int(), displayName: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  lastMessage: z.object({ from: z.enum(MESSAGE_SENDERS), text: z.string(), at: z.string() }).nullable(),
});

export const inboxListView = z.object({ items: z.array(inboxItemView) });

export const staffLineView = z.object({
  id: z.number().int(),
  internal: z.boolean().meta({ description: 'A note among staff, never shown to the holder' }),
  cursor: z.string().nullable(),
  from: z.enum(MESSAGE_SENDERS),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  staffName: z.string().optional(),
  fileId: z
    .number()
    .int()
    .optional()
    .meta({ description: 'A picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id}' }),
  forReview: z
    .boolean()
    .meta({ description: 'The content check asked for a person to look at this text before acting on it' }),
  at: z.string(),
});

export const staffMessageView = z.object({ item: staffLineView });

const historyView = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
});

export const contextView = z.object({
  conversation: inboxItemView,
  holder: z.object({
    name: z.string().nullable(),
    category: z.string().nullable(),
    verified: z.boolean(),
    phone: z.string().nullable(),
  }),
  application: z.object({ id: z.number().int(), kind: z.string(), status: z.string(), phrase: z.string() }).nullable(),
  appointments: z.array(
    z.object({
      id: z.number().int(),
      serviceType: z.string(),
      startsAt: z.string(),
      status: z.string(),
      providerName: z.string().nullable(),
    }),
  ),
  redemptions: z.array(
    z.object({
      id: z.number().int(),
      merchantName: z.string().nullable(),
      offerTitle: z.string().nullable(),
      at: z.string(),
    }),
  ),
  complaints: z.array(
    z.object({ id: z.number().int(), merchantName: z.string().nullable(), status: z.string(), at: z.string() }),
  ),
  assistantIntent: z.string().nullable().meta({ description: 'What the assistant took the holder to want' }),
  items: z.array(staffLineView),
  history: z.array(historyView),
});

const spreadView = z.object({ median: z.number().nullable(), p90: z.number().nullable() });
const summaryView = z.object({
  handovers: z.number().int(),
  resolved: z.number().int(),
  firstResponseSeconds: spreadView,
  resolutionSeconds: spreadView,
  ratings: z.number().int(),
  averageRating: z.number().nullable(),
});

export const inboxFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  conversations: z.number().int(),
  handoverRate: z.number().nullable(),
  overall: summaryView,
  perDay: z.array(z.object({ date: z.string(), conversations: z.number().int(), handovers: z.number().int() })),
  stations: z.array(summaryView.extend({ stationId: z.number().int().nullable(), stationName: z.string().nullable() })),
  agents: z.array(summaryView.extend({ accountId: z.number().int(), displayName: z.string() })),
});
