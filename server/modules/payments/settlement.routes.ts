import { route } from '../../http/route';
import type { SettlementService } from './settlement.service';
import {
  merchantSettlementView,
  settlementExportQuery,
  settlementListView,
  settlementParams,
  settlementQuery,
} from './settlement.schemas';

const STAFF = ['district_staff', 'admin'] as const;

/** Voucher settlement per merchant and Beijing month: the shop's own view, the desk's list and its export. */
export const settlementRoutes = (settlement: SettlementService) => [
  route({
    method: 'get',
    path: '/api/v1/merchant/voucher-settlement',
    tag: 'vouchers',
    summary:
      'The owner’s shop’s vouchers for a Beijing month (the current one by default): sold, used and refunded, in fen ' +
      'at the price paid, per offer and per day; payable is what the bureau owes the shop for the vouchers used',
    access: ['merchant_owner'],
    query: settlementQuery,
    responses: { 200: { description: 'The month', schema: merchantSettlementView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ principal, query }) => ({ body: await settlement.forOwner(principal, query.month) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/voucher-settlements',
    tag: 'vouchers',
    summary:
      'Every merchant’s vouchers for a Beijing month (merchants with anything sold, used or refunded, or vouchers ' +
      'unused at its end), with totals',
    access: STAFF,
    query: settlementQuery,
    responses: { 200: { description: 'The month per merchant', schema: settlementListView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ query }) => ({ body: await settlement.list(query.month) }),
  }),
  // Before `/:merchantId`, which would otherwise take the word.
  route({
    method: 'get',
    path: '/api/v1/staff/voucher-settlements/export',
    tag: 'vouchers',
    summary:
      'The month’s list as CSV (UTF-8 with BOM, amounts in 元) or an Excel workbook, with a totals row; audit-logged',
    access: STAFF,
    query: settlementExportQuery,
    responses: { 200: { description: 'CSV, or an Excel workbook with format=xlsx', contentType: 'text/csv' } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query, requestId, ctx }) => {
      const { filename, bytes } = await settlement.export(principal, query.month, query.format, requestId);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set(
        'Content-Type',
        query.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      );
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      return { body: bytes };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/voucher-settlements/:merchantId',
    tag: 'vouchers',
    summary: 'One merchant’s vouchers for a Beijing month, per offer and per day',
    access: STAFF,
    params: settlementParams,
    query: settlementQuery,
    responses: { 200: { description: 'The month', schema: merchantSettlementView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
    handler: async ({ params, query }) => ({ body: await settlement.forMerchant(params.merchantId, query.month) }),
  }),
];
