import { z } from 'zod';
import { businessDay, joinedWithin } from '../../../http/bounds';
import { historyView } from '../../../http/history';
import { pageQuery, pageView } from '../../../http/pagination';
import { idParam } from '../../../http/validate';
import { INTENT_KEYS } from '../assistant/intents';
import { ENTRY_STATUSES, UNANSWERED_STATUSES } from './knowledge-entry.states';

export const idParams = z.object({ id: idParam });

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

const sourceBody = z.strictObject({
  document: z.string().trim().min(1).max(200),
  /** The article or section: only where it is certain. */
  article: optionalText(100),
  issuer: optionalText(100),
  effectiveDate: businessDay().nullable().default(null),
});

const question = z.string().trim().min(2).max(200);
const phrasings = z.array(z.string().trim().min(2).max(200)).max(20);
const answer = z.string().trim().min(1).max(5000);
const tags = joinedWithin(
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(20)
        .regex(/^[^,，]+$/, '标签不能含逗号'),
    )
    .max(10),
  255,
);

export const entryBody = z.strictObject({
  question,
  phrasings: phrasings.default([]),
  answer,
  source: sourceBody,
  tags: tags.default([]),
});

export const entryPatch = z
  .strictObject({
    question: question.optional(),
    phrasings: phrasings.optional(),
    answer: answer.optional(),
    source: sourceBody.optional(),
    tags: tags.optional(),
    /** The revision the editor started from: a newer one on the server refuses the edit. */
    revision: z.number().int().min(1).max(2_147_483_647).optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'revision'), '请至少修改一项内容');

export const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(255).optional() });

export const entriesQuery = pageQuery.extend({
  status: z.enum(ENTRY_STATUSES).optional(),
  tag: z.string().trim().min(1).max(20).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export const idCursor = z.object({ id: z.number().int().min(1) });

export const synonymBody = z
  .strictObject({
    term: z.string().trim().min(1).max(32),
    canonical: z.string().trim().min(1).max(32),
  })
  .refine((s) => s.term !== s.canonical, { path: ['canonical'], message: '同义词不能与原词相同' });

export const unansweredQuery = pageQuery.extend({ status: z.enum(UNANSWERED_STATUSES).default('open') });
export const offsetCursor = z.object({ offset: z.number().int().min(0).max(100_000) });

export const convertBody = z.strictObject({ question: question.optional() });

export const understandBody = z.strictObject({
  text: z.string().trim().min(1).max(500),
  hasLocation: z.boolean().optional(),
});

export const entryView = z.object({
  id: z.number().int(),
  question: z.string(),
  phrasings: z.array(z.string()),
  answer: z.string(),
  source: z.object({
    document: z.string(),
    article: z.string().nullable(),
    issuer: z.string().nullable(),
    effectiveDate: z.string().nullable(),
  }),
  tags: z.array(z.string()),
  status: z.enum(ENTRY_STATUSES),
  revision: z.number().int(),
  allowedActions: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const entryPageView = pageView(entryView);
export const entryHistoryView = historyView;

export const synonymView = z.object({
  id: z.number().int(),
  term: z.string(),
  canonical: z.string(),
  createdAt: z.string(),
});
export const synonymListView = z.object({ items: z.array(synonymView) });

export const unansweredView = z.object({
  id: z.number().int(),
  text: z.string(),
  askCount: z.number().int(),
  askerCount: z.number().int(),
  firstAskedAt: z.string(),
  lastAskedAt: z.string(),
  status: z.enum(UNANSWERED_STATUSES),
  entryId: z.number().int().nullable(),
});
export const unansweredPageView = pageView(unansweredView);

export const explanationView = z.object({
  intent: z.enum(INTENT_KEYS),
  confidence: z.number(),
  words: z.array(z.string()),
  legalService: z.enum(['consultation', 'legal_aid', 'mediation', 'counselling']).nullable(),
  knowledge: z.object({ id: z.number().int(), question: z.string() }).nullable(),
  rules: z.array(z.object({ intent: z.enum(INTENT_KEYS), score: z.number(), matched: z.array(z.string()) })),
  candidates: z.array(z.object({ id: z.number().int(), question: z.string(), relevance: z.number() })),
});

export const tryBody = z.strictObject({
  text: z.string().trim().min(1).max(500),
  hasLocation: z.boolean().optional(),
});

export const TRY_OUTCOMES = ['knowledge', 'action', 'small_talk', 'handover', 'unknown'] as const;

export const tryView = z.object({
  intent: z.enum(INTENT_KEYS),
  confidence: z.number(),
  outcome: z.enum(TRY_OUTCOMES).meta({
    description:
      'knowledge: an entry answers; action: live data or an action answers (an entry may be quoted beside it); small_talk; handover: the holder asked for a person; unknown: the assistant cannot answer',
  }),
  words: z.array(z.string()),
  entry: z
    .object({ id: z.number().int(), question: z.string(), relevance: z.number(), score: z.number() })
    .nullable()
    .meta({ description: 'The entry whose answer the holder would get' }),
  answer: z
    .object({
      text: z.string(),
      links: z.array(z.object({ label: z.string(), page: z.string() })),
      source: z.object({
        document: z.string(),
        article: z.string().nullable(),
        issuer: z.string().nullable(),
        effectiveDate: z.string().nullable(),
      }),
    })
    .nullable()
    .meta({ description: 'The entry’s answer as the holder reads it, links turned into buttons' }),
  candidates: z.array(
    z.object({ id: z.number().int(), question: z.string(), relevance: z.number(), score: z.number() }),
  ),
});
