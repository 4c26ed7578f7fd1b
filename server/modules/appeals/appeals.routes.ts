import { decodeCursor, pageQuery, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import type { AppealFiguresService } from './appeal-figures.service';
import { presentAppeal, presentAppealDetail, presentStaffAppeal, presentStaffAppealDetail } from './appeals.presenter';
import {
  acceptBody,
  appealBody,
  appealDetailView,
  appealPageView,
  categoriesView,
  figuresQuery,
  figuresView,
  handlersQuery,
  handlersView,
  idCursor,
  idParams,
  ratingBody,
  rejectBody,
  reopenBody,
  resolveBody,
  staffAppealDetailView,
  staffAppealPageView,
  staffAppealsQuery,
} from './appeals.schemas';
import type { AppealDetail, AppealsService, StaffAppealDetail } from './appeals.service';
import { APPEAL_CATEGORIES } from './appeals.types';

const HOLDER = ['holder'] as const;
const STAFF_READ = ['station_staff', 'district_staff', 'admin'] as const;
const STAFF_ACT = ['station_staff', 'district_staff'] as const;
/** 代办员 see and work the appeals assigned to them (start, resolve); the service keeps them to those. */
const QUEUE_READ = [...STAFF_READ, 'errand_runner'] as const;
const WORK_ACT = [...STAFF_ACT, 'errand_runner'] as const;
const detailResponse = {
  200: { description: 'The appeal with its history and the caller’s actions', schema: appealDetailView },
};
const staffDetailResponse = {
  200: {
    description: 'The appeal with its history, who filed and handles it, and the next steps',
    schema: staffAppealDetailView,
  },
};

/** Holders file appeals and errands and follow them; station and district staff handle them. */
export function appealsRoutes(appeals: AppealsService, figures: AppealFiguresService, clock: Clock) {
  const detail = async (d: Promise<AppealDetail>) => ({
    body: presentAppealDetail(await d, shanghaiDate(clock.now())),
  });
  const staffDetail = async (d: Promise<StaffAppealDetail>) => ({
    body: presentStaffAppealDetail(await d, shanghaiDate(clock.now())),
  });
  return [
    route({
      method: 'get',
      path: '/api/v1/appeals/categories',
      tag: 'appeals',
      summary: 'The categories of appeals (诉求) and errands (代办) a holder chooses from',
      access: 'authenticated',
      proxy: 'appeals',
      responses: { 200: { description: 'Categories by kind', schema: categoriesView } },
      handler: async () => ({ body: { appeal: [...APPEAL_CATEGORIES.appeal], errand: [...APPEAL_CATEGORIES.errand] } }),
    }),
    route({
      method: 'post',
      path: '/api/v1/appeals',
      tag: 'appeals',
      summary:
        'File an appeal or ask for an errand; it goes to the station of the holder’s card application, else the one chosen',
      access: HOLDER,
      proxy: 'appeals',
      body: appealBody,
      responses: { 201: { description: 'The appeal', schema: appealDetailView } },
      // A bound identity is needed; at most 5 a day (Asia/Shanghai); attachments are the holder's own documents.
      errors: ['VALIDATION_FAILED', 'IDENTITY_REQUIRED', 'LIMIT_REACHED', 'FILE_NOT_ATTACHABLE'],
      handler: async ({ principal, body }) => ({ status: 201, ...(await detail(appeals.file(principal, body))) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/appeals/mine',
      tag: 'appeals',
      summary: 'The caller’s appeals and errands, newest first',
      access: HOLDER,
      proxy: 'appeals',
      query: pageQuery,
      responses: { 200: { description: 'A page of appeals', schema: appealPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await appeals.mine(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
        const names = await appeals.stationNames();
        const today = shanghaiDate(clock.now());
        const present = (a: (typeof rows)[number]) => presentAppeal(a, names.get(a.stationId) ?? null, today);
        return { body: toPage(rows, query.limit, present, (a) => ({ id: a.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/appeals/:id',
      tag: 'appeals',
      summary: 'One of the caller’s appeals with its history and what they may do next',
      access: HOLDER,
      proxy: 'appeals',
      params: idParams,
      responses: detailResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => detail(appeals.getMine(principal, params.id)),
    }),
    route({
      method: 'post',
      path: '/api/v1/appeals/:id/confirm',
      tag: 'appeals',
      summary: 'Accept the outcome of a resolved appeal',
      access: HOLDER,
      proxy: 'appeals',
      params: idParams,
      responses: detailResponse,
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => detail(appeals.confirm(principal, params.id)),
    }),
    route({
      method: 'post',
      path: '/api/v1/appeals/:id/reopen',
      tag: 'appeals',
      summary: 'Send a resolved appeal back to its handler (once, and not after rating it)',
      access: HOLDER,
      proxy: 'appeals',
      params: idParams,
      body: reopenBody,
      responses: detailResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION', 'REOPEN_USED'],
      handler: async ({ principal, params, body }) => detail(appeals.reopen(principal, params.id, body.reason)),
    }),
    route({
      method: 'post',
      path: '/api/v1/appeals/:id/rate',
      tag: 'appeals',
      summary: 'Rate the handling (1–5, with an optional comment) once it is resolved; once',
      access: HOLDER,
      proxy: 'appeals',
      params: idParams,
      body: ratingBody,
      responses: detailResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION', 'ALREADY_RATED'],
      handler: async ({ principal, params, body }) =>
        detail(appeals.rate(principal, params.id, body.rating, body.comment)),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/appeals',
      tag: 'appeals-staff',
      summary:
        'The appeals queue: station staff their station’s, district staff and admins every station’s, a 代办员 their own',
      access: QUEUE_READ,
      query: staffAppealsQuery,
      responses: { 200: { description: 'A page of appeals', schema: staffAppealPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const { rows, today } = await appeals.staffList(principal, {
          status: query.status,
          kind: query.kind,
          category: query.category,
          overdue: query.overdue,
          handlerAccountId: query.handlerAccountId,
          stationId: query.stationId,
          beforeId: cursor?.id,
          limit: query.limit + 1,
        });
        const [names, handlers] = await Promise.all([appeals.stationNames(), appeals.handlerNames(rows)]);
        const present = (a: (typeof rows)[number]) =>
          presentStaffAppeal(
            a,
            names.get(a.stationId) ?? null,
            today,
            a.handlerAccountId ? (handlers.get(a.handlerAccountId) ?? null) : null,
          );
        return { body: toPage(rows, query.limit, present, (a) => ({ id: a.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/appeals/figures',
      tag: 'appeals-staff',
      summary: 'Accepted, resolved, on time and 满意率 over a span of days, per station and in total',
      access: STAFF_READ,
      query: figuresQuery,
      responses: { 200: { description: 'Figures', schema: figuresView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => ({ body: await figures.figures(principal, query) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/appeals/handlers',
      tag: 'appeals-staff',
      summary: 'Who may be named to handle a station’s appeals: its staff and its 代办员 (errand runners)',
      access: STAFF_READ,
      query: handlersQuery,
      responses: { 200: { description: 'Candidates by name', schema: handlersView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => ({
        body: {
          items: (await appeals.handlers(principal, query.stationId)).map((m) => ({
            accountId: m.id,
            displayName: m.displayName,
            roles: m.roles,
          })),
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/appeals/:id',
      tag: 'appeals-staff',
      summary: 'One appeal as staff handle it, with its history, attachments and the next steps',
      access: QUEUE_READ,
      params: idParams,
      responses: staffDetailResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => staffDetail(appeals.staffGet(principal, params.id)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/appeals/:id/accept',
      tag: 'appeals-staff',
      summary: 'Accept (受理) an appeal with a handler and the day it is promised by',
      access: STAFF_ACT,
      params: idParams,
      body: acceptBody,
      responses: staffDetailResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        staffDetail(appeals.accept(principal, params.id, body, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/appeals/:id/start',
      tag: 'appeals-staff',
      summary: 'Start work on an accepted appeal',
      access: WORK_ACT,
      params: idParams,
      responses: staffDetailResponse,
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) => staffDetail(appeals.start(principal, params.id, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/appeals/:id/resolve',
      tag: 'appeals-staff',
      summary: 'Resolve (办结) an appeal in progress with its outcome',
      access: WORK_ACT,
      params: idParams,
      body: resolveBody,
      responses: staffDetailResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        staffDetail(appeals.resolve(principal, params.id, body.outcome, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/appeals/:id/reject',
      tag: 'appeals-staff',
      summary: 'Refuse an appeal not yet under way, with the reason the holder reads',
      access: STAFF_ACT,
      params: idParams,
      body: rejectBody,
      responses: staffDetailResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        staffDetail(appeals.reject(principal, params.id, body.reason, requestId)),
    }),
  ];
}
