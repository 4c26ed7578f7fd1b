import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import { presentChangeRequest, presentStaffChangeRequest } from './identity-change.presenter';
import {
  changeIdParams,
  changeQueueCursor,
  changeQueueQuery,
  changeRequestBody,
  changeRequestListView,
  changeRequestView,
  changeReviewBody,
  staffChangeQueueView,
  staffChangeRequestView,
} from './identity-change.schemas';
import type { IdentityChangeService } from './identity-change.service';

const STAFF = ['station_staff', 'district_staff', 'admin'] as const;

/** Changes to a verified identity: the holder files and follows them, staff decide. */
export const identityChangeRoutes = (changes: IdentityChangeService) => [
  route({
    method: 'post',
    path: '/api/v1/me/identity-change-requests',
    tag: 'people',
    summary: 'Ask for a change to a verified identity (name, ID number, category), with a reason and documents',
    access: ['holder'],
    body: changeRequestBody,
    responses: { 201: { description: 'The request', schema: changeRequestView } },
    errors: [
      'VALIDATION_FAILED',
      'ID_NUMBER_INVALID',
      'ID_NUMBER_TAKEN',
      'IDENTITY_REQUIRED',
      'IDENTITY_NOT_VERIFIED',
      'CONSENT_REQUIRED',
      'CHANGE_REQUEST_EXISTS',
    ],
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentChangeRequest(await changes.submit(principal, body)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/identity-change-requests',
    tag: 'people',
    summary: 'The caller’s change requests, newest first, with their history',
    access: ['holder'],
    responses: { 200: { description: 'Requests', schema: changeRequestListView } },
    handler: async ({ principal }) => ({
      body: { items: (await changes.listMine(principal)).map(presentChangeRequest), nextCursor: null },
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/identity-change-requests/:id/withdraw',
    tag: 'people',
    summary: 'Withdraw a change request not yet decided',
    access: ['holder'],
    params: changeIdParams,
    responses: { 200: { description: 'The request', schema: changeRequestView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params }) => ({
      body: presentChangeRequest(await changes.withdraw(principal, params.id)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/identity-change-requests',
    tag: 'people-staff',
    summary: 'Change requests in the caller’s station or district (all, for an admin), oldest first',
    access: STAFF,
    query: changeQueueQuery,
    responses: { 200: { description: 'A page of requests', schema: staffChangeQueueView } },
    errors: ['FORBIDDEN'],
    handler: async ({ principal, query }) => {
      const after = decodeCursor(query.cursor, changeQueueCursor);
      const rows = await changes.queue(principal, { status: query.status, afterId: after?.id, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentStaffChangeRequest, (x) => ({ id: x.request.id })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/identity-change-requests/:id',
    tag: 'people-staff',
    summary: 'A change request with the person as they stand now, its history and the actions allowed',
    access: STAFF,
    params: changeIdParams,
    responses: { 200: { description: 'The request', schema: staffChangeRequestView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params }) => ({
      body: presentStaffChangeRequest(await changes.get(principal, params.id)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/identity-change-requests/:id/review',
    tag: 'people-staff',
    summary: 'Approve (the change is applied to the person) or reject (reason required) a change request',
    access: STAFF,
    params: changeIdParams,
    body: changeReviewBody,
    responses: { 200: { description: 'The request', schema: staffChangeRequestView } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'VALIDATION_FAILED', 'ID_NUMBER_TAKEN'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentStaffChangeRequest(
        await changes.review(principal, params.id, body.decision, body.reason, requestId),
      ),
    }),
  }),
];
