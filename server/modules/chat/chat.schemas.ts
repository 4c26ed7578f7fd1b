import { z } from 'zod';
import { INT32_MAX, queryInt32 } from '../../http/bounds';
import { idParam } from '../../http/validate';
import { INTENT_KEYS } from './assistant/intents';
import { CONVERSATION_STATES } from './chat-conversation.states';
import { MESSAGE_KINDS, MESSAGE_SENDERS } from './chat-message.entity';

/** The longest a long poll may wait, in seconds: well inside WeChat's 60-second request limit. */
export const MAX_WAIT_SECONDS = 25;

export const idParams = z.object({ id: idParam });

/** A message's cursor: its position in the conversation, as a string of digits. */
const cursor = (what: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${what}须为消息的 cursor`)
    .transform(Number)
    .refine((n) => n <= INT32_MAX, `${what}须为消息的 cursor`);

const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/**
 * `{ text }` typed by the holder, or `{ action }`: the id of a quick reply they tapped. The text's
 * rules (not empty, at most 500 characters, no control characters) are checked by the service,
 * which answers each with its own code.
 */
export const sendBody = z.union([
  z.strictObject({ text: z.string(), location: location.optional() }),
  z.strictObject({ action: z.string().min(1).max(64), location: location.optional() }),
]);

export const messagesQuery = z
  .object({
    after: cursor('after').optional(),
    before: cursor('before').optional(),
    wait: queryInt32(0, MAX_WAIT_SECONDS).default(0),
    limit: queryInt32(1, 100).default(50),
  })
  .refine((q) => q.after === undefined || q.before === undefined, {
    message: 'after 与 before 只能选一个',
    path: ['before'],
  });

export const conversationQuery = z.object({ limit: queryInt32(1, 100).default(20) });

export const readBody = z.strictObject({ cursor: cursor('cursor') });

export const feedbackBody = z.strictObject({ useful: z.boolean() });

export const figuresQuery = z.object({ weeks: queryInt32(1, 26).default(8) });

const cardView = z.object({
  title: z.string(),
  lines: z.array(z.string()),
  button: z.object({ label: z.string(), page: z.string() }).optional(),
});

const quickReplyView = z.union([
  z.object({ id: z.string(), label: z.string(), page: z.string() }),
  z.object({ id: z.string(), label: z.string(), action: z.enum(['send', 'send_location', 'feedback', 'rate']) }),
]);

const sourceView = z.object({
  entryId: z.number().int(),
  document: z.string(),
  article: z.string().nullable(),
  issuer: z.string().nullable(),
  effectiveDate: z.string().nullable(),
});

export const messageView = z.object({
  id: z.number().int(),
  cursor: z.string(),
  from: z.enum(MESSAGE_SENDERS),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  card: cardView.optional(),
  quickReplies: z.array(quickReplyView).optional(),
  intent: z.enum(INTENT_KEYS).optional(),
  source: sourceView.optional(),
  feedback: z.enum(['useful', 'not_useful']).optional(),
  staffName: z.string().optional().meta({ description: 'On a staff member’s message: who wrote it' }),
  fileId: z
    .number()
    .int()
    .optional()
    .meta({ description: 'On a picture the holder sent through WeChat’s service chat: GET /api/v1/files/{id}' }),
  at: z.string(),
});

export const sentView = z.object({ items: z.array(messageView) });

export const messagePageView = z.object({
  items: z.array(messageView),
  nextCursor: z.string().nullable().meta({
    description:
      'Where to read on in the same direction (after= or before=) at once; null when nothing more is there now',
  }),
});

export const conversationView = z.object({
  id: z.number().int(),
  state: z.enum(CONVERSATION_STATES),
  unread: z.number().int(),
  readCursor: z.string(),
  items: z.array(messageView),
  nextCursor: z.string().nullable().meta({ description: 'Pass as before= for older messages; null at the start' }),
  queue: z
    .object({
      position: z.number().int(),
      expectedWaitMinutes: z.number().int().nullable(),
      staffBackAt: z.string().nullable(),
    })
    .nullable()
    .meta({ description: 'While waiting for staff: the place among the station’s waiting conversations' }),
  agent: z
    .object({ displayName: z.string() })
    .nullable()
    .meta({ description: 'While a staff member has the conversation' }),
  rating: z
    .object({ asked: z.boolean(), score: z.number().int().nullable() })
    .nullable()
    .meta({ description: 'The rating of the last handover; null before any' }),
});

export const readView = z.object({ unread: z.number().int(), readCursor: z.string() });

export const figuresView = z.object({
  items: z.array(
    z.object({
      weekStart: z.string(),
      holderMessages: z.number().int(),
      answeredByAssistant: z.number().int(),
      answeredRate: z.number().nullable(),
      /** Holders' messages the assistant did not understand. */
      notUnderstood: z.number().int(),
      useful: z.number().int(),
      notUseful: z.number().int(),
      usefulRate: z.number().nullable(),
      conversations: z.number().int(),
      handovers: z.number().int(),
      handoverRate: z.number().nullable(),
      topIntents: z.array(z.object({ intent: z.string(), count: z.number().int() })),
    }),
  ),
});
