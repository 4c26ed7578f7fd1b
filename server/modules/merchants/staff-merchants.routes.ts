import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { ComplaintCaseService } from './complaint-case.service';
import type { ComplaintsService } from './complaints.service';
import type { Merchant } from './merchant.entity';
import type { MerchantSeriesService } from './merchant-series.service';
import { merchantSeriesQuery, merchantSeriesView } from './merchant-series.schemas';
import type { MerchantsService } from './merchants.service';
import { presentComplaint, presentStaffMerchant } from './merchants.presenter';
import {
  categoryBody,
  categoryPatch,
  complaintCaseView,
  complaintsQuery,
  complaintView,
  figuresQuery,
  idCursor,
  idParams,
  merchantFiguresView,
  merchantRecordPageView,
  staffMerchantView,
  reasonBody,
  resolveBody,
  reviewBody,
  staffCategoryView,
  staffComplaintPageView,
  staffMerchantsQuery,
} from './merchants.schemas';
import type { RedemptionsService } from './redemptions.service';

const STAFF = ['district_staff', 'admin'] as const;

/** The bureau keeps the alliance honest: reviews, suspensions, categories, complaints, figures. */
export const staffMerchantsRoutes = (
  merchants: MerchantsService,
  complaints: ComplaintsService,
  redemptions: RedemptionsService,
  cases: ComplaintCaseService,
  series: MerchantSeriesService,
) => {
  const staffView = async (m: Merchant) => presentStaffMerchant(m, (await merchants.historyOf([m.id])).get(m.id) ?? []);
  return [
    route({
      method: 'get',
      path: '/api/v1/staff/merchants',
      tag: 'merchants-staff',
      summary:
        'Merchants, newest first, by status, category and a text on name, licence number, address or phone, ' +
        'with upheld complaints',
      access: STAFF,
      query: staffMerchantsQuery,
      responses: { 200: { description: 'A page of merchants', schema: merchantRecordPageView } },
      handler: async ({ query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await merchants.listForStaff({
          status: query.status,
          categoryId: query.categoryId,
          q: query.q,
          beforeId: cursor?.id,
          limit: query.limit + 1,
        });
        const history = await merchants.historyOf(rows.slice(0, query.limit).map((m) => m.id));
        const present = (m: (typeof rows)[number]) => presentStaffMerchant(m, history.get(m.id) ?? []);
        return { body: toPage(rows, query.limit, present, (m) => ({ id: m.id })) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/merchant-applications/:id/review',
      tag: 'merchants-staff',
      summary: 'Approve (the applicant becomes merchant_owner) or reject with a reason',
      access: STAFF,
      params: idParams,
      body: reviewBody,
      responses: { 200: { description: 'The merchant', schema: staffMerchantView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: await staffView(await merchants.review(principal, params.id, body.decision, body.reason, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/merchants/:id/suspend',
      tag: 'merchants-staff',
      summary: 'Suspend a merchant (complaints): hidden and unable to verify until restored',
      access: STAFF,
      params: idParams,
      body: reasonBody,
      responses: { 200: { description: 'The merchant', schema: staffMerchantView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: await staffView(await merchants.setSuspended(principal, params.id, true, body.reason, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/merchants/:id/restore',
      tag: 'merchants-staff',
      summary: 'Restore a suspended merchant',
      access: STAFF,
      params: idParams,
      responses: { 200: { description: 'The merchant', schema: staffMerchantView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) => ({
        body: await staffView(await merchants.setSuspended(principal, params.id, false, undefined, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/merchant-categories',
      tag: 'merchants-staff',
      summary: 'Add a merchant category',
      access: STAFF,
      body: categoryBody,
      responses: { 201: { description: 'The category', schema: staffCategoryView } },
      errors: ['CATEGORY_EXISTS'],
      handler: async ({ principal, body, requestId }) => {
        const c = await merchants.saveCategory(principal, body, requestId);
        return { status: 201, body: { id: c.id, name: c.name, sort: c.sort, active: c.active } };
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/staff/merchant-categories/:id',
      tag: 'merchants-staff',
      summary: 'Rename, reorder or retire a merchant category',
      access: STAFF,
      params: idParams,
      body: categoryPatch,
      responses: { 200: { description: 'The category', schema: staffCategoryView } },
      errors: ['NOT_FOUND', 'CATEGORY_EXISTS'],
      handler: async ({ principal, params, body, requestId }) => {
        const c = await merchants.saveCategory(principal, { ...body, id: params.id }, requestId);
        return { body: { id: c.id, name: c.name, sort: c.sort, active: c.active } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/complaints',
      tag: 'merchants-staff',
      summary: 'Complaints about merchants, newest first',
      access: STAFF,
      query: complaintsQuery,
      responses: { 200: { description: 'A page of complaints', schema: staffComplaintPageView } },
      handler: async ({ query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await complaints.list({
          status: query.status,
          merchantId: query.merchantId,
          beforeId: cursor?.id,
          limit: query.limit + 1,
        });
        const names = await cases.merchantNames(rows.map((c) => c.merchantId));
        const present = (c: (typeof rows)[number]) => ({
          ...presentComplaint(c),
          merchantName: names.get(c.merchantId) ?? null,
        });
        return { body: toPage(rows, query.limit, present, (c) => ({ id: c.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/complaints/:id',
      tag: 'merchants-staff',
      summary:
        'One complaint with both sides: the holder’s words and visits, the merchant’s record and other complaints',
      access: STAFF,
      params: idParams,
      responses: { 200: { description: 'The complaint and both sides', schema: complaintCaseView } },
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: await cases.caseOf(params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/complaints/:id/resolve',
      tag: 'merchants-staff',
      summary: 'Uphold or dismiss a complaint with a resolution',
      access: STAFF,
      params: idParams,
      body: resolveBody,
      responses: { 200: { description: 'The complaint', schema: complaintView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentComplaint(
          await complaints.resolve(principal, params.id, body.outcome, body.resolution, requestId),
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/merchant-figures',
      tag: 'merchants-staff',
      summary: 'Redemptions per merchant and per category over the last days',
      access: STAFF,
      query: figuresQuery,
      responses: { 200: { description: 'Figures', schema: merchantFiguresView } },
      handler: async ({ query }) => ({ body: await redemptions.figures(query.days) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/merchant-figures/series',
      tag: 'merchants-staff',
      summary:
        'Redemptions, holders and merchants per week (Monday first) or calendar month, Beijing time: ' +
        'the last `count` periods, the current one last, and per category over them',
      access: STAFF,
      query: merchantSeriesQuery,
      responses: { 200: { description: 'The series', schema: merchantSeriesView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => ({ body: await series.series(query.period, query.count) }),
    }),
  ];
};
