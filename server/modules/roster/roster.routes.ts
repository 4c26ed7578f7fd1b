import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { Clock } from '../../lib/clock';
import { ROSTER_FILE_MAX_BYTES } from './roster-file';
import { presentEntry, presentFile, presentHolderSummary, presentVisit } from './roster.presenter';
import {
  holderFileView,
  idParams,
  importFields,
  importReportView,
  personFileView,
  ratesView,
  rosterCursor,
  rosterPageView,
  rosterQuery,
  visitBody,
  visitView,
} from './roster.schemas';
import type { RosterService } from './roster.service';

const ROSTER_STAFF = ['station_staff', 'district_staff', 'admin'] as const;
const FILE_STAFF = ['station_staff', 'district_staff'] as const;
const HOLDER = ['holder'] as const;

/** The roster (建档立卡) and the one-person file (一人一档), for staff; a holder's own file in brief. */
export const rosterRoutes = (roster: RosterService, clock: Clock) => [
  route({
    method: 'get',
    path: '/api/v1/roster/me',
    tag: 'roster',
    summary:
      'The caller’s own file in brief (我的档案): the identity they bound (ID number masked), whether they are on ' +
      'the bureau’s roster (matched by ID number) with its category, station and life-cycle stage, and the count ' +
      'and latest of their 优待证 applications, legal-aid appointments and appeals. Before an identity is bound, ' +
      'everything is empty',
    access: HOLDER,
    responses: { 200: { description: 'The summary', schema: holderFileView } },
    handler: async ({ principal }) => ({
      body: presentHolderSummary(await roster.summaryFor(principal), clock.now()),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/roster/imports',
    tag: 'roster',
    summary:
      'Import the roster as a multipart upload (`file`: CSV in UTF-8 or GB18030, or .xlsx, at most 5 MB; columns ' +
      '姓名, 身份证号, 类别, 服务站 (name or number), optionally 联系电话 and 阶段). Every row is checked on its own; ' +
      'a person already on the roster (same ID number) is updated, never added twice. Station staff import their ' +
      'station’s rows only, district staff their district’s, an admin any. dryRun=true writes nothing; otherwise ' +
      'the import is recorded and audit-logged (201)',
    access: ROSTER_STAFF,
    multipart: { fileField: 'file', maxBytes: ROSTER_FILE_MAX_BYTES },
    body: importFields,
    responses: {
      200: { description: 'The dry run’s report', schema: importReportView },
      201: { description: 'The import’s report', schema: importReportView },
    },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_FILE_TYPE', 'REQUEST_TIMEOUT'],
    handler: async ({ principal, body, file, requestId }) => {
      const report = await roster.importRoster(principal, file, body.dryRun, requestId);
      return { status: body.dryRun ? 200 : 201, body: report };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/roster',
    tag: 'roster',
    summary:
      'The roster over the caller’s stations (station staff: theirs; district staff: their district’s; admin: all), ' +
      'in import order, ID numbers and phones masked; q is a whole ID number or part of a name',
    access: ROSTER_STAFF,
    query: rosterQuery,
    responses: { 200: { description: 'A page of entries', schema: rosterPageView } },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
    handler: async ({ principal, query }) => {
      const after = decodeCursor(query.cursor, rosterCursor);
      const rows = await roster.list(principal, { ...query, afterId: after?.id, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentEntry, (r) => ({ id: r.entry.id })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/roster/rates',
    tag: 'roster',
    summary:
      'The roster as the denominator: per station, per district and in total, people on the roster out of the ' +
      'forces (eligible), those who applied for the 优待证, were approved and were issued one; 申领率 = applied / ' +
      'eligible, 发放率 = issued / applied (percent, one decimal)',
    access: ROSTER_STAFF,
    responses: { 200: { description: 'The figures', schema: ratesView } },
    errors: ['FORBIDDEN'],
    handler: async ({ principal }) => ({ body: await roster.rates(principal) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/people/:id',
    tag: 'roster',
    summary:
      'The one-person file (一人一档) of a roster entry: identity (masked), category, station, stage, and what the ' +
      'system knows of the same person (matched by ID number): account, applications and cards, legal-aid ' +
      'appointments, redemptions, voucher orders, appeals and errands, conversations, visits. Staff of the ' +
      'person’s station and district only; every read is audit-logged',
    access: FILE_STAFF,
    params: idParams,
    responses: { 200: { description: 'The file', schema: personFileView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, requestId }) => ({
      body: presentFile(await roster.file(principal, params.id, requestId)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/people/:id/visits',
    tag: 'roster',
    summary:
      'Record a visit or call (走访慰问) on a roster entry: staff of the person’s station and district (audit-logged)',
    access: FILE_STAFF,
    params: idParams,
    body: visitBody,
    responses: { 201: { description: 'The visit', schema: visitView } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'VALIDATION_FAILED'],
    handler: async ({ principal, params, body, requestId }) => ({
      status: 201,
      body: presentVisit(await roster.addVisit(principal, params.id, body, requestId)),
    }),
  }),
];
