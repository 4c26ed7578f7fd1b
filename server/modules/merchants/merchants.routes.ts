import { z } from 'zod';
import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { BrowseService } from './browse.service';
import type { ComplaintsService } from './complaints.service';
import type { MerchantsService } from './merchants.service';
import {
  presentComplaint,
  presentListing,
  presentMerchantRecord,
  presentMyComplaint,
  presentRedemption,
} from './merchants.presenter';
import {
  categoryView,
  complaintBody,
  complaintView,
  idCursor,
  idParams,
  merchantApplicationBody,
  merchantView,
  myComplaintsView,
  nearbyCursor,
  nearbyQuery,
  nearbyView,
  merchantRecordView,
  myApplicationView,
  redemptionPageView,
} from './merchants.schemas';
import type { RedemptionsService } from './redemptions.service';
import { presentHistory } from '../../lib/state-machine';
import { pageQuery } from '../../http/pagination';

/** What holders (and anyone) see of the alliance, joining it, and a holder's own redemptions and complaints. */
export const merchantsRoutes = (
  merchants: MerchantsService,
  browse: BrowseService,
  redemptions: RedemptionsService,
  complaints: ComplaintsService,
) => [
  route({
    method: 'get',
    path: '/api/v1/merchant-categories',
    tag: 'merchants',
    summary: 'Merchant categories (衣、食、住、行…)',
    access: 'public',
    responses: {
      200: { description: 'Categories', schema: z.object({ items: z.array(categoryView), nextCursor: z.null() }) },
    },
    handler: async () => ({
      body: {
        items: (await merchants.categories()).map((c) => ({ id: c.id, name: c.name, sort: c.sort })),
        nextCursor: null,
      },
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/merchants',
    tag: 'merchants',
    summary: 'Merchants nearest first within a radius, with their distance and active offers',
    access: 'public',
    query: nearbyQuery,
    responses: { 200: { description: 'A page of merchants', schema: nearbyView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, nearbyCursor);
      const rows = await browse.nearby({ ...query, after, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentListing, (l) => ({ d2: l.d2 ?? 0, id: l.merchant.id })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/merchants/:id',
    tag: 'merchants',
    summary: 'A merchant’s page with its active offers',
    access: 'public',
    params: idParams,
    responses: { 200: { description: 'The merchant', schema: merchantView } },
    errors: ['NOT_FOUND'],
    handler: async ({ params }) => ({ body: presentListing(await browse.merchantPage(params.id)) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant-applications',
    tag: 'merchants',
    summary: 'Apply to join the alliance with business details and location',
    access: 'authenticated',
    body: merchantApplicationBody,
    responses: { 201: { description: 'The application (a pending merchant)', schema: merchantRecordView } },
    errors: ['VALIDATION_FAILED', 'MERCHANT_APPLICATION_EXISTS'],
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentMerchantRecord(await merchants.apply(principal, body)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/merchant-applications/mine',
    tag: 'merchants',
    summary: 'The caller’s latest application to join, with its state, the reason if rejected, and its history',
    access: 'authenticated',
    responses: { 200: { description: 'The application, or null', schema: myApplicationView } },
    handler: async ({ principal }) => {
      const mine = await merchants.myApplication(principal);
      return {
        body: {
          application: mine
            ? {
                ...presentMerchantRecord(mine.merchant),
                categoryName: mine.category?.name ?? null,
                history: presentHistory(mine.history),
              }
            : null,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/redemptions',
    tag: 'merchants',
    summary: 'The caller’s discounts used, newest first',
    access: ['holder'],
    query: pageQuery,
    responses: { 200: { description: 'A page of redemptions', schema: redemptionPageView } },
    handler: async ({ principal, query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const r = await redemptions.mine(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
      return {
        body: toPage(
          r.rows,
          query.limit,
          (x) => presentRedemption(x, r.holders.get(x.id), r.offers.get(x.offerId), r.merchants.get(x.merchantId)),
          (x) => ({ id: x.id }),
        ),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/merchants/:id/complaints',
    tag: 'merchants',
    summary: 'Report a merchant (the discount was refused, say) to the bureau',
    access: ['holder'],
    params: idParams,
    body: complaintBody,
    responses: { 201: { description: 'The complaint', schema: complaintView } },
    // The holder needs a bound identity and an active card; at most 3 complaints a day (Asia/Shanghai).
    errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'IDENTITY_REQUIRED', 'CARD_INACTIVE', 'LIMIT_REACHED'],
    handler: async ({ principal, params, body }) => ({
      status: 201,
      body: presentComplaint(await complaints.file(principal, params.id, body.text)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/complaints',
    tag: 'merchants',
    summary: 'The caller’s complaints, newest first, with the merchant, the outcome and its reason, and the history',
    access: ['holder'],
    query: pageQuery,
    responses: { 200: { description: 'A page of complaints', schema: myComplaintsView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const rows = await complaints.mine(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentMyComplaint, (x) => ({ id: x.complaint.id })) };
    },
  }),
];
