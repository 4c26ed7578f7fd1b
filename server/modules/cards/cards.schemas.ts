import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { idRef, instantString, queryIdRef } from '../../http/bounds';
import { idParam } from '../../http/validate';
import { HOLDER_CATEGORIES } from '../../lib/id-number';
import { APPLICATION_STATUSES } from './card-application.states';
import { CARD_ACTORS, CARD_HISTORY_ACTIONS, CARD_STATUSES, CARD_TRANSITIONS, type CardAction } from './card.states';
import { declarationsSchema } from './eligibility';

export { eligibilityBody } from './eligibility';

const fileId = idRef();

export const applicationBody = z.strictObject({
  kind: z.enum(['new', 'reissue', 'exchange']).default('new'),
  category: z.enum(HOLDER_CATEGORIES),
  photoFileId: fileId,
  documentFileIds: z.array(fileId).max(10).default([]),
  stationId: idRef(),
  delivery: z.enum(['pickup', 'mail']),
  address: z.string().trim().max(200).nullable().optional(),
  declarations: declarationsSchema,
});

export const applicationPatch = z
  .strictObject({
    category: z.enum(HOLDER_CATEGORIES),
    photoFileId: fileId,
    documentFileIds: z.array(fileId).max(10),
    stationId: idRef(),
    delivery: z.enum(['pickup', 'mail']),
    address: z.string().trim().max(200).nullable(),
    declarations: declarationsSchema,
  })
  .partial();

export const idParams = z.object({ id: idParam });

export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject', 'request_info']),
  reason: z.string().trim().max(500).optional(),
});

export const issueBody = z.strictObject({
  cardNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,32}$/, '卡号为 6–32 位字母或数字'),
  handover: z.enum(['pickup', 'mail', 'ceremony']).optional(),
});

export const batchBody = z.strictObject({ applicationIds: z.array(idRef()).min(1).max(500) });
export const revokeBody = z.strictObject({ reason: z.string().trim().min(2).max(255) });
export const reasonBody = revokeBody;
export const cardNumberQuery = z.strictObject({
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,32}$/, '卡号为 6–32 位字母或数字'),
});
export const exportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const queueQuery = pageQuery.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
  stationId: queryIdRef().optional(),
  minWaitingDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export const queueCursor = z.object({ submittedAt: instantString(), id: idRef() });

const historyItem = z.object({
  action: z.string(),
  from: z.enum(APPLICATION_STATUSES).nullable(),
  to: z.enum(APPLICATION_STATUSES),
  at: z.string(),
  by: z.enum(['holder', 'station', 'district', 'system']),
  reason: z.string().nullable(),
});

export const applicationView = z.object({
  id: z.number().int(),
  kind: z.enum(['new', 'reissue', 'exchange']),
  status: z.enum(APPLICATION_STATUSES),
  category: z.enum(HOLDER_CATEGORIES),
  station: z.object({ id: z.number().int(), name: z.string(), address: z.string() }).nullable(),
  delivery: z.enum(['pickup', 'mail']),
  address: z.string().nullable(),
  photoFileId: z.number().int(),
  documentFileIds: z.array(z.number().int()),
  reason: z.string().nullable(),
  needsInfoDeadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(historyItem),
  allowedActions: z.array(z.string()),
});
export const applicationListView = z.object({ items: z.array(applicationView), nextCursor: z.null() });

/** One step of a card's history: its issue, then each move of its transition table. */
const cardHistoryItem = z.object({
  action: z.enum(CARD_HISTORY_ACTIONS),
  from: z.enum(CARD_STATUSES).nullable(),
  to: z.enum(CARD_STATUSES),
  at: z.string(),
  by: z.enum(CARD_ACTORS),
  reason: z.string().nullable(),
});
/** The card actions the caller may take now, from the transition table. */
const cardActions = z.array(z.enum(Object.keys(CARD_TRANSITIONS) as [CardAction, ...CardAction[]]));

export const staffCardView = z.object({
  id: z.number().int(),
  cardNumber: z.string(),
  status: z.enum(CARD_STATUSES),
  category: z.enum(HOLDER_CATEGORIES),
  issuedAt: z.string(),
  revokedReason: z.string().nullable(),
  history: z.array(cardHistoryItem),
  allowedActions: cardActions,
});
export const staffApplicationView = applicationView.extend({
  applicant: z.object({
    name: z.string(),
    gender: z.enum(['M', 'F']),
    birthDate: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    verified: z.boolean(),
  }),
  caseByCase: z.boolean(),
  declarations: declarationsSchema,
  batchId: z.number().int().nullable(),
  waitingDays: z.number().nullable(),
  card: staffCardView.nullable(),
});
export const queueItemView = z.object({
  id: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  kind: z.enum(['new', 'reissue', 'exchange']),
  category: z.enum(HOLDER_CATEGORIES),
  applicantName: z.string(),
  stationId: z.number().int(),
  caseByCase: z.boolean(),
  submittedAt: z.string().nullable(),
  waitingDays: z.number().nullable(),
});
export const queueView = pageView(queueItemView);

export const cardView = z.object({
  cardNumber: z.string(),
  status: z.enum(CARD_STATUSES),
  category: z.enum(HOLDER_CATEGORIES),
  holderName: z.string(),
  issuedAt: z.string(),
  history: z.array(cardHistoryItem),
  allowedActions: cardActions,
  /** The holder's own photo file (readable by them through the files API), to show at the counter. */
  photoFileId: z.number().int().nullable(),
});
export const qrTokenView = z.object({ token: z.string(), expiresAt: z.string() });

export const eligibilityView = z.object({
  verdict: z.enum(['eligible', 'case_by_case', 'ineligible']),
  reasons: z.array(z.string()),
  next: z.array(z.string()),
});

export const batchView = z.object({
  id: z.number().int(),
  size: z.number().int(),
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  photosDownloadedAt: z.string().nullable(),
});
export const batchListView = z.object({ items: z.array(batchView), nextCursor: z.null() });
export const revokedCardView = z.object({
  id: z.number().int(),
  status: z.enum(CARD_STATUSES),
  revokedReason: z.string().nullable(),
});

export const staffCardSearchView = z.object({
  items: z.array(staffCardView.extend({ applicationId: z.number().int(), holderName: z.string() })),
  nextCursor: z.null(),
});

/** The bureau's figures over the caller's station or district; rates in percent, null where there is no denominator. */
export const cardStatsView = z.object({
  scope: z.union([z.strictObject({ districtId: z.number().int() }), z.strictObject({ stationId: z.number().int() })]),
  byStatus: z.record(z.enum(APPLICATION_STATUSES).exclude(['draft']), z.number().int()),
  applicants: z.number().int(),
  registeredHolders: z.number().int().nullable(),
  applicationRate: z.number().nullable(),
  approvedCount: z.number().int(),
  issuedCount: z.number().int(),
  issuanceRate: z.number().nullable(),
  medianDaysToApproval: z.number().nullable(),
  medianDaysToIssue: z.number().nullable(),
  waitingLongest: z.array(
    z.object({
      id: z.number().int(),
      status: z.enum(APPLICATION_STATUSES),
      stationId: z.number().int(),
      waitingDays: z.number().nullable(),
    }),
  ),
});
