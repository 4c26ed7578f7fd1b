import { z } from 'zod';
import { queryIdRef } from '../../http/bounds';
import { route } from '../../http/route';
import { BANK_FILE_MAX_BYTES } from './bank-return';
import { APPLICATION_STATUSES } from './card-application.states';
import { CARD_STATUSES } from './card.states';
import type { BatchesService } from './batches.service';
import { presentBatch } from './cards.presenter';
import { batchView, idParams } from './cards.schemas';
import type { ReviewService } from './review.service';
import type { StaffQueueService } from './staff-queue.service';

const DISTRICT = ['district_staff'] as const;
const STAFF = ['station_staff', 'district_staff'] as const;

const batchItemView = z.object({
  applicationId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  stationId: z.number().int(),
  stationName: z.string(),
  delivery: z.enum(['pickup', 'mail']),
  status: z.enum(APPLICATION_STATUSES),
  /** The number the bank printed, recorded from its returned file; null until then. */
  bankCardNumber: z.string().nullable(),
  card: z.object({ id: z.number().int(), cardNumber: z.string(), status: z.enum(CARD_STATUSES) }).nullable(),
});
const batchDetailView = batchView.extend({ items: z.array(batchItemView) });

const problemRow = z.object({
  line: z.number().int(),
  applicationId: z.number().int().nullable(),
  name: z.string().nullable(),
  idNumberMasked: z.string(),
  cardNumber: z.string(),
  problem: z.string(),
});
const bankImportView = z.object({
  matched: z.array(
    z.object({
      line: z.number().int(),
      applicationId: z.number().int(),
      name: z.string(),
      idNumberMasked: z.string(),
      cardNumber: z.string(),
      alreadyRecorded: z.boolean(),
    }),
  ),
  mismatched: z.array(problemRow),
  unknown: z.array(problemRow),
  missing: z.array(z.object({ applicationId: z.number().int(), name: z.string(), idNumberMasked: z.string() })),
  /** Rows written: 0 on a dry run. */
  recorded: z.number().int(),
});
/** The text fields beside the `file` part. */
const bankImportFields = z.strictObject({
  /** "true" (the default): only show the match; "false": record the matched rows. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
const pickupQuery = z.strictObject({ stationId: queryIdRef() });
const pickupView = z.object({
  batch: batchView,
  station: z.object({ id: z.number().int(), name: z.string() }),
  items: z.array(batchItemView),
});
const stationPickupsView = z.object({
  station: z.object({ id: z.number().int(), name: z.string() }),
  /** Batches with cards waiting at the station, newest first; `ready` counts those cards. */
  items: z.array(batchView.extend({ ready: z.number().int() })),
  nextCursor: z.null(),
});
const cardFindQuery = z.strictObject({ q: z.string().trim().min(1).max(64) });
const cardFindView = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      cardNumber: z.string(),
      status: z.enum(CARD_STATUSES),
      holderName: z.string(),
      applicationId: z.number().int(),
      issuedAt: z.string(),
    }),
  ),
  nextCursor: z.null(),
});

/**
 * The district desk's side of production: a batch's page, the bank's returned numbers, pickup lists
 * (a station's staff print their own); finding a card.
 */
export const batchDeskRoutes = (review: ReviewService, batches: BatchesService, staffQueue: StaffQueueService) => [
  route({
    method: 'get',
    path: '/api/v1/staff/card-batches/:id',
    tag: 'cards-staff',
    summary: 'A batch with its applications: name, masked ID number, station, status, the bank’s number, the card',
    access: DISTRICT,
    params: idParams,
    responses: { 200: { description: 'The batch', schema: batchDetailView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params }) => {
      const { batch, items } = await batches.detail(principal, params.id);
      return { body: { ...presentBatch(batch), items } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/card-batches/:id/bank-numbers',
    tag: 'cards-staff',
    summary:
      'The bank’s returned file as a multipart upload (`file`: CSV or .xlsx, at most 5 MB, columns 身份证号码 and 卡号, ' +
      'optionally 姓名) matched to the batch by ID number. dryRun=true (default) writes nothing and shows matched, ' +
      'mismatched, unknown and missing rows; dryRun=false records the matched rows only (audit-logged)',
    access: DISTRICT,
    params: idParams,
    multipart: { fileField: 'file', maxBytes: BANK_FILE_MAX_BYTES },
    body: bankImportFields,
    responses: { 200: { description: 'The match', schema: bankImportView } },
    errors: [
      'NOT_FOUND',
      'FORBIDDEN',
      'VALIDATION_FAILED',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_FILE_TYPE',
      'REQUEST_TIMEOUT',
    ],
    handler: async ({ principal, params, body, file, requestId }) => ({
      body: await batches.importBankNumbers(principal, params.id, file?.bytes, !body.dryRun, requestId),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/card-batches/:id/pickup-list',
    tag: 'cards-staff',
    summary:
      'The batch’s pickup list (签收单) for one station: cards ready to be collected there. District staff: any ' +
      'station of their district’s batch; station staff: their own station only (another station is 403, a batch ' +
      'with nothing of theirs 404)',
    access: STAFF,
    params: idParams,
    query: pickupQuery,
    responses: { 200: { description: 'The list', schema: pickupView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, query }) => {
      const { batch, station, items } = await batches.pickupList(principal, params.id, query.stationId);
      return { body: { batch: presentBatch(batch), station, items } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/pickup-lists',
    tag: 'cards-staff',
    summary: 'For station staff: the batches holding cards that wait for pickup at their station (each one’s 签收单)',
    access: ['station_staff'],
    responses: { 200: { description: 'Batches with cards waiting', schema: stationPickupsView } },
    errors: ['FORBIDDEN'],
    handler: async ({ principal }) => {
      const { station, batches: found } = await batches.stationPickups(principal);
      return {
        body: { station, items: found.map((f) => ({ ...presentBatch(f.batch), ready: f.ready })), nextCursor: null },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/cards/find',
    tag: 'cards-staff',
    summary:
      'Cards issued in the caller’s station or district whose holder matches q: a name (or part), the last ' +
      '4–6 characters of the ID number or the whole number; at most 20',
    access: STAFF,
    query: cardFindQuery,
    responses: { 200: { description: 'Cards', schema: cardFindView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query }) => {
      const { rows } = await staffQueue.search(principal, { q: query.q, status: 'issued', limit: 20 });
      const items = [];
      for (const row of rows) {
        const app = await review.get(principal, row.application.id);
        if (!app.card) continue;
        items.push({
          id: app.card.card.id,
          cardNumber: app.card.card.cardNumber,
          status: app.card.card.status,
          holderName: app.card.card.holderName ?? row.applicantName,
          applicationId: row.application.id,
          issuedAt: app.card.card.issuedAt.toISOString(),
        });
      }
      return { body: { items, nextCursor: null } };
    },
  }),
];
