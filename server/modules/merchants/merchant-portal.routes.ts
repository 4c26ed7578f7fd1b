import { z } from 'zod';
import { decodeCursor, pageQuery, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import { isoTime } from '../../lib/time';
import type { MerchantsService } from './merchants.service';
import { presentMerchantRecord, presentOffer, presentRedemption } from './merchants.presenter';
import {
  clerkBody,
  clerksView,
  idCursor,
  idParams,
  merchantRedemptionsView,
  myMerchantView,
  offerBody,
  offerPatch,
  offerView,
  ownFiguresQuery,
  ownFiguresView,
  redemptionBody,
  redemptionResultView,
} from './merchants.schemas';
import type { OffersService } from './offers.service';
import type { RedemptionsService } from './redemptions.service';
import { maskName } from '../../lib/mask';

const STAFF_OF_MERCHANT = ['merchant_owner', 'merchant_clerk'] as const;
const OWNER = ['merchant_owner'] as const;

/** The merchant's own side: offers, clerks, and verifying holders at the counter. */
export const merchantPortalRoutes = (
  merchants: MerchantsService,
  offers: OffersService,
  redemptions: RedemptionsService,
) => [
  route({
    method: 'get',
    path: '/api/v1/merchant/me',
    tag: 'merchant-portal',
    summary: 'The caller’s merchant and their role in it',
    access: STAFF_OF_MERCHANT,
    responses: { 200: { description: 'The merchant', schema: myMerchantView } },
    handler: async ({ principal }) => {
      const { member, merchant } = await merchants.mine(principal);
      return { body: { role: member.role, merchant: presentMerchantRecord(merchant) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/merchant/offers',
    tag: 'merchant-portal',
    summary: 'The merchant’s offers, newest first',
    access: STAFF_OF_MERCHANT,
    responses: {
      200: { description: 'Offers', schema: z.object({ items: z.array(offerView), nextCursor: z.null() }) },
    },
    handler: async ({ principal }) => ({
      body: { items: (await offers.listMine(principal)).map(presentOffer), nextCursor: null },
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant/offers',
    tag: 'merchant-portal',
    summary: 'Publish a discount or a voucher (money in fen)',
    access: OWNER,
    body: offerBody,
    responses: { 201: { description: 'The offer', schema: offerView } },
    errors: ['VALIDATION_FAILED', 'MERCHANT_INACTIVE'],
    handler: async ({ principal, body }) => ({ status: 201, body: presentOffer(await offers.create(principal, body)) }),
  }),
  route({
    method: 'patch',
    path: '/api/v1/merchant/offers/:id',
    tag: 'merchant-portal',
    summary: 'Edit one of the merchant’s offers',
    access: OWNER,
    params: idParams,
    body: offerPatch,
    responses: { 200: { description: 'The offer', schema: offerView } },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION', 'MERCHANT_INACTIVE'],
    handler: async ({ principal, params, body }) => ({
      body: presentOffer(await offers.update(principal, params.id, body)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant/offers/:id/withdraw',
    tag: 'merchant-portal',
    summary: 'Withdraw an offer',
    access: OWNER,
    params: idParams,
    responses: { 200: { description: 'The offer', schema: offerView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params }) => ({ body: presentOffer(await offers.withdraw(principal, params.id)) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/merchant/clerks',
    tag: 'merchant-portal',
    summary: 'The merchant’s clerks',
    access: OWNER,
    responses: { 200: { description: 'Clerks', schema: clerksView } },
    handler: async ({ principal }) => ({
      body: {
        items: (await merchants.listClerks(principal)).map((c) => ({
          accountId: c.account.id,
          username: c.account.username,
          displayName: c.account.displayName,
          since: isoTime(c.member.createdAt),
        })),
        nextCursor: null,
      },
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant/clerks',
    tag: 'merchant-portal',
    summary: 'Add a counter clerk with a login of their own',
    access: OWNER,
    body: clerkBody,
    responses: { 201: { description: 'Created', schema: z.object({ id: z.number().int() }) } },
    errors: ['USERNAME_TAKEN', 'VALIDATION_FAILED', 'MERCHANT_INACTIVE'],
    handler: async ({ principal, body, requestId }) => ({
      status: 201,
      body: await merchants.addClerk(principal, body, requestId),
    }),
  }),
  route({
    method: 'delete',
    path: '/api/v1/merchant/clerks/:id',
    tag: 'merchant-portal',
    summary: 'Remove a clerk: their login stops working',
    access: OWNER,
    params: idParams,
    responses: { 204: { description: 'Removed' } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params, requestId }) => {
      await merchants.removeClerk(principal, params.id, requestId);
      return { status: 204 };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/merchant/redemptions',
    tag: 'merchant-portal',
    summary: 'Verify a holder’s QR code for an offer and record one use',
    access: STAFF_OF_MERCHANT,
    body: redemptionBody,
    responses: {
      201: {
        description: 'Recorded: the holder’s masked name and category to match the person',
        schema: redemptionResultView,
      },
    },
    errors: [
      'QR_INVALID',
      'QR_USED',
      'CARD_INACTIVE',
      'NOT_FOUND',
      'LIMIT_REACHED',
      'CATEGORY_NOT_ELIGIBLE',
      'OFFER_UNAVAILABLE',
      'MERCHANT_INACTIVE',
    ],
    handler: async ({ principal, body }) => {
      const r = await redemptions.redeem(principal, body);
      return {
        status: 201,
        body: {
          id: r.redemption.id,
          at: isoTime(r.redemption.createdAt),
          holder: { nameMasked: maskName(r.holder.name), category: r.holder.category, photoFileId: r.photoFileId },
          offer: { id: r.offer.id, title: r.offer.title },
          photoReadableUntil: isoTime(r.photoReadableUntil),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/merchant/figures',
    tag: 'merchant-portal',
    summary: 'The shop’s figures over Beijing days from…to (default the last 30): per day, per offer, total, holders',
    access: OWNER,
    query: ownFiguresQuery,
    responses: { 200: { description: 'Figures', schema: ownFiguresView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, query }) => ({ body: await redemptions.ownFigures(principal, query) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/merchant/redemptions',
    tag: 'merchant-portal',
    summary: 'The merchant’s redemptions, newest first, with daily counts for the last two weeks',
    access: STAFF_OF_MERCHANT,
    query: pageQuery,
    responses: { 200: { description: 'A page of redemptions and daily counts', schema: merchantRedemptionsView } },
    handler: async ({ principal, query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const r = await redemptions.forMerchant(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
      const page = toPage(
        r.rows,
        query.limit,
        (x) => presentRedemption(x, r.holders.get(x.id), r.offers.get(x.offerId)),
        (x) => ({ id: x.id }),
      );
      return { body: { ...page, daily: r.daily } };
    },
  }),
];
