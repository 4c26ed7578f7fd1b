import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import { presentDifference, presentReconciliation } from './reconciliation.presenter';
import {
  dateCursor,
  dateParams,
  reconciliationDayView,
  reconciliationPageView,
  reconciliationsQuery,
} from './reconciliation.schemas';
import type { ReconciliationDay, ReconciliationService } from './reconciliation.service';

const STAFF = ['district_staff', 'admin'] as const;

const presentDay = (d: ReconciliationDay) => ({
  ...presentReconciliation(d.day),
  items: d.items.map(presentDifference),
});

/** District staff reading and re-running the daily trade-bill reconciliation. */
export const reconciliationRoutes = (reconciliation: ReconciliationService) => [
  route({
    method: 'get',
    path: '/api/v1/staff/payment-reconciliations',
    tag: 'vouchers',
    summary: 'Reconciled days of the WeChat Pay trade bill, newest first (60 a page unless limit says otherwise)',
    access: STAFF,
    query: reconciliationsQuery,
    responses: { 200: { description: 'A page of days', schema: reconciliationPageView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ query }) => {
      const cursor = decodeCursor(query.cursor, dateCursor);
      const rows = await reconciliation.list({ beforeDate: cursor?.billDate, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentReconciliation, (r) => ({ billDate: r.billDate })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/payment-reconciliations/:date',
    tag: 'vouchers',
    summary:
      'One reconciled day (YYYY-MM-DD, Asia/Shanghai) with its differences, each with our order’s id where known',
    access: STAFF,
    params: dateParams,
    responses: { 200: { description: 'The day', schema: reconciliationDayView } },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
    handler: async ({ params }) => ({ body: presentDay(await reconciliation.day(params.date)) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/payment-reconciliations/:date/run',
    tag: 'vouchers',
    summary:
      'Reconcile a past day now (the bill is fetched again and the day’s report replaced; audit-logged). A bill that ' +
      'cannot be had leaves the day failed, with the reason',
    access: STAFF,
    params: dateParams,
    responses: { 200: { description: 'The day as reconciled now', schema: reconciliationDayView } },
    errors: ['VALIDATION_FAILED', 'RECONCILIATION_DAY_NOT_OVER'],
    handler: async ({ principal, params, requestId }) => ({
      body: presentDay(await reconciliation.runByStaff(principal, params.date, requestId)),
    }),
  }),
];
