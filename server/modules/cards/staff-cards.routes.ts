import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { Clock } from '../../lib/clock';
import type { BatchesService } from './batches.service';
import type { CardStatsService } from './card-stats.service';
import { presentBatch, presentQueueItem, presentStaffApplication, presentStaffCard } from './cards.presenter';
import {
  batchBody,
  batchListView,
  batchView,
  cardNumberQuery,
  cardStatsView,
  exportQuery,
  reasonBody,
  staffCardSearchView,
  idParams,
  issueBody,
  queueCursor,
  queueQuery,
  revokeBody,
  revokedCardView,
  reviewBody,
  staffApplicationView,
} from './cards.schemas';
import type { ReviewService } from './review.service';
import { z } from 'zod';
import { HOLDER_CATEGORIES } from '../../lib/id-number';
import { APPLICATION_STATUSES } from './card-application.states';
import { queueItemView } from './cards.schemas';
import type { StaffQueueService } from './staff-queue.service';
import { batchDeskRoutes } from './batch-desk.routes';
import { cardSeriesQuery, cardSeriesView } from './card-series.schemas';

const STAFF = ['station_staff', 'district_staff'] as const;

type QueueRow = Parameters<ReturnType<typeof presentQueueItem>>[0];

/** The console's filters on top of the queue's status, station and waiting time. */
const staffQueueQuery = queueQuery.extend({
  category: z.enum(HOLDER_CATEGORIES).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(64).optional(),
});
const staffQueueView = z.object({
  items: z.array(
    queueItemView.extend({
      /** Waiting longer than the review deadline of its current step (5 working days). */
      overdue: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** Applications per status under the other filters, for the status chips. */
  counts: z.record(
    z.enum(APPLICATION_STATUSES.filter((s) => s !== 'draft') as [string, ...string[]]),
    z.number().int(),
  ),
});
const DISTRICT = ['district_staff'] as const;

/** The bureau's side: the review queue, decisions, production batches, handing out, revocation, figures. */
export const staffCardsRoutes = (
  review: ReviewService,
  batches: BatchesService,
  stats: CardStatsService,
  clock: Clock,
  staffQueue: StaffQueueService,
) => [
  route({
    method: 'get',
    path: '/api/v1/staff/card-applications',
    tag: 'cards-staff',
    summary:
      'Applications in the caller’s station or district, oldest submission first. Filters: status, stationId, ' +
      'category, ageMin/ageMax (whole years), overdue, minWaitingDays; q searches the name, the last 4–6 ' +
      'characters of the ID number or the whole number. `counts` gives each status under the other filters',
    access: STAFF,
    query: staffQueueQuery,
    responses: { 200: { description: 'A page of the queue', schema: staffQueueView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query }) => {
      const after = decodeCursor(query.cursor, queueCursor);
      const { rows, counts } = await staffQueue.search(principal, { ...query, after, limit: query.limit + 1 });
      const now = clock.now();
      const page = toPage(
        rows,
        query.limit,
        (x) => ({
          // The queue item reads only the person's name, which the search brings along.
          ...presentQueueItem(now)({
            application: x.application,
            person: { name: x.applicantName } as QueueRow['person'],
          }),
          overdue: x.overdue,
        }),
        (x) => ({
          submittedAt: (x.application.submittedAt ?? x.application.createdAt).toISOString(),
          id: x.application.id,
        }),
      );
      return { body: { ...page, counts } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-applications/:id',
    tag: 'cards-staff',
    summary: 'An application with the applicant (masked), photo and documents, history and allowed actions',
    access: STAFF,
    params: idParams,
    responses: { 200: { description: 'The application', schema: staffApplicationView } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params }) => ({
      body: presentStaffApplication(await review.get(principal, params.id), clock.now()),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-applications/:id/review',
    tag: 'cards-staff',
    summary:
      'Approve, reject (reason) or send back (reason) at the caller’s level: station, then district. ' +
      'Station approval verifies and freezes the applicant’s identity',
    access: STAFF,
    params: idParams,
    body: reviewBody,
    responses: { 200: { description: 'The application', schema: staffApplicationView } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'VALIDATION_FAILED', 'IDENTITY_MISMATCH'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentStaffApplication(
        await review.review(principal, params.id, body.decision, body.reason, requestId),
        clock.now(),
      ),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-applications/:id/card-ready',
    tag: 'cards-staff',
    summary: 'The card has arrived: the holder is told where and when to collect it',
    access: DISTRICT,
    params: idParams,
    responses: { 200: { description: 'The application', schema: staffApplicationView } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, requestId }) => ({
      body: presentStaffApplication(await review.markReady(principal, params.id, requestId), clock.now()),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-applications/:id/issue',
    tag: 'cards-staff',
    summary: 'Hand out the card under its number (pickup, mail or ceremony); the card becomes active',
    access: STAFF,
    params: idParams,
    body: issueBody,
    responses: { 200: { description: 'The application', schema: staffApplicationView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CARD_NUMBER_TAKEN', 'VALIDATION_FAILED'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentStaffApplication(await review.issue(principal, params.id, body, requestId), clock.now()),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-batches',
    tag: 'cards-staff',
    summary: 'Send approved applications to production as one batch (all or nothing)',
    access: DISTRICT,
    body: batchBody,
    responses: {
      201: { description: 'The batch', schema: batchView.extend({ applicationIds: z.array(z.number().int()) }) },
    },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'FORBIDDEN'],
    handler: async ({ principal, body, requestId }) => {
      const { batch, applications } = await batches.create(principal, body.applicationIds, requestId);
      return { status: 201, body: { ...presentBatch(batch), applicationIds: applications.map((a) => a.id) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-batches',
    tag: 'cards-staff',
    summary: 'Production batches of the caller’s district, newest first, with their applications per status',
    access: DISTRICT,
    responses: {
      200: {
        description: 'Batches',
        schema: batchListView.extend({
          items: z.array(batchView.extend({ counts: z.record(z.string(), z.number().int()) })),
        }),
      },
    },
    handler: async ({ principal }) => {
      const list = await batches.list(principal);
      const counts = await batches.statusCounts(list.map((b) => b.id));
      return {
        body: {
          items: list.map((b) => ({ ...presentBatch(b), counts: counts.get(b.id) ?? {} })),
          nextCursor: null,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-batches/:id/export',
    tag: 'cards-staff',
    summary:
      'The batch for the bank: CSV (UTF-8 with BOM) or an Excel workbook; ' +
      'ID numbers in full, kept as text; audit-logged',
    access: DISTRICT,
    params: idParams,
    query: exportQuery,
    responses: {
      200: { description: 'CSV, or an Excel workbook with format=xlsx', contentType: 'text/csv' },
    },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, query, requestId, ctx }) => {
      ctx.set('Cache-Control', 'private, no-store');
      if (query.format === 'xlsx') {
        const { filename, bytes } = await batches.exportXlsx(principal, params.id, requestId);
        ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        return { body: bytes };
      }
      const { filename, csv } = await batches.exportCsv(principal, params.id, requestId);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      return { body: csv };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-batches/:id/photos',
    tag: 'cards-staff',
    summary:
      'The batch’s photos for the bank as a zip, one JPEG per applicant named by ID number; ' +
      'downloadable once; audit-logged',
    access: DISTRICT,
    params: idParams,
    responses: { 200: { description: 'A zip of JPEG photos', contentType: 'application/zip' } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PHOTOS_ALREADY_DOWNLOADED'],
    handler: async ({ principal, params, requestId, ctx }) => {
      const { filename, bytes } = await batches.photoPackage(principal, params.id, requestId);
      ctx.set('Content-Type', 'application/zip');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.set('Cache-Control', 'private, no-store');
      return { body: bytes };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-batches/:id/photos/reopen',
    tag: 'cards-staff',
    summary: 'Allow the batch’s photo package to be downloaded once more, with the reason (admin; audit-logged)',
    access: ['admin'],
    params: idParams,
    body: reasonBody,
    responses: { 200: { description: 'The batch', schema: batchView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentBatch(await batches.reopenPhotoPackage(principal, params.id, body.reason, requestId)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-batches/:id/card-ready',
    tag: 'cards-staff',
    summary: 'The batch’s cards have arrived: every application in it becomes card_ready',
    access: DISTRICT,
    params: idParams,
    responses: { 200: { description: 'The batch', schema: batchView.extend({ ready: z.number().int() }) } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, requestId }) => {
      const { batch, ready } = await batches.markArrived(principal, params.id, requestId);
      return { body: { ...presentBatch(batch), ready } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/cards',
    tag: 'cards-staff',
    summary: 'Find a card by the number printed on it (within the caller’s station or district), with its history',
    access: STAFF,
    query: cardNumberQuery,
    responses: { 200: { description: 'The card, or no items', schema: staffCardSearchView } },
    handler: async ({ principal, query }) => {
      const found = await review.findCardByNumber(principal, query.number);
      const items = found
        ? [
            {
              ...presentStaffCard(found),
              applicationId: found.application.id,
              holderName: found.card.holderName ?? found.person.name,
            },
          ]
        : [];
      return { body: { items, nextCursor: null } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/cards/:id/revoke',
    tag: 'cards-staff',
    summary: 'Revoke a card with a reason: it stops verifying at once',
    access: DISTRICT,
    params: idParams,
    body: revokeBody,
    responses: { 200: { description: 'The card', schema: revokedCardView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => {
      const card = await review.revokeCard(principal, params.id, body.reason, requestId);
      return { body: { id: card.id, status: card.status, revokedReason: card.revokedReason } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-stats',
    tag: 'cards-staff',
    summary: 'Counts by status, application and issuance rates, median days, the longest waiting',
    access: STAFF,
    responses: { 200: { description: 'Figures', schema: cardStatsView } },
    handler: async ({ principal }) => ({ body: await stats.stats(principal) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-stats/series',
    tag: 'cards-staff',
    summary: 'Submissions, approvals and issues per week or month, and per station over that span',
    access: STAFF,
    query: cardSeriesQuery,
    responses: { 200: { description: 'Figures over time', schema: cardSeriesView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query }) => ({ body: await stats.series(principal, query.period, query.count) }),
  }),
  ...batchDeskRoutes(review, batches, staffQueue),
];
