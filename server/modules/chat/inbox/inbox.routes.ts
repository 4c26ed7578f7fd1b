import { route, type RouteSpec } from '../../../http/route';
import type { Role } from '../../../lib/principal';
import type { BusinessHoursService } from './business-hours.service';
import type { CannedRepliesService } from './canned-replies.service';
import type { HandoverService } from './handover.service';
import type { InboxFiguresService } from './inbox-figures.service';
import {
  presentBusinessHours,
  presentCannedReply,
  presentContext,
  presentEntry,
  presentMessageForStaff,
  presentNote,
} from './inbox.presenter';
import {
  businessHoursBody,
  businessHoursView,
  cannedReplyBody,
  cannedScopeView,
  cannedReplyList,
  cannedReplyPatch,
  cannedReplyView,
  contextView,
  figuresQuery,
  idParams,
  inboxFiguresView,
  inboxItemView,
  inboxListView,
  inboxQuery,
  ratingBody,
  ratingView,
  resolveBody,
  staffMessageBody,
  staffMessageView,
  transferBody,
  watchQuery,
  watchView,
} from './inbox.schemas';
import type { InboxService } from './inbox.service';

const STAFF: Role[] = ['station_staff', 'district_staff', 'admin'];
const BASE = '/api/v1/staff/conversations';

export interface InboxRouteServices {
  inbox: InboxService;
  handover: HandoverService;
  cannedReplies: CannedRepliesService;
  businessHours: BusinessHoursService;
  inboxFigures: InboxFiguresService;
}

/**
 * The staff inbox (claim, transfer, reply, resolve, context, figures), canned replies, stations'
 * business hours, and the holder's rating of the service.
 */
export const inboxRoutes = (s: InboxRouteServices) => [
  route({
    method: 'post',
    path: '/api/v1/chat/rating',
    tag: 'chat',
    summary: 'Rate the service staff gave (1–5, a comment optional), once per resolved handover',
    access: ['holder'],
    body: ratingBody,
    responses: { 200: { description: 'The rating as recorded', schema: ratingView } },
    errors: ['VALIDATION_FAILED', 'RATING_ALREADY_GIVEN', 'RATING_NOT_ASKED'],
    handler: async ({ principal, body }) => ({ body: await s.handover.rate(principal, body.score, body.comment) }),
  }),
  // Before `/:id`, which would not match it anyway (ids are digits), for readability of the list.
  route({
    method: 'get',
    path: `${BASE}/figures`,
    tag: 'staff-inbox',
    summary:
      'First-response and resolution times (median, p90, business hours only), conversations per day, handover rate, ratings, per station and agent',
    access: STAFF,
    query: figuresQuery,
    responses: { 200: { description: 'Figures over the days from–to (Asia/Shanghai)', schema: inboxFiguresView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ principal, query }) => ({
      body: await s.inboxFigures.figures(principal, query.from, query.to),
    }),
  }),
  route({
    method: 'get',
    path: `${BASE}/changes`,
    tag: 'staff-inbox',
    summary:
      'The inbox’s long poll: waits up to `wait` seconds (at most 25) until a conversation the caller may see starts or stops waiting, is claimed, transferred or resolved, or gets a message (waiting ones and the caller’s own)',
    access: STAFF,
    query: watchQuery,
    responses: {
      200: {
        description: 'A cursor for the next call; `changed` false when the wait ran out or the server is stopping',
        schema: watchView,
      },
    },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ principal, query, signal }) => ({
      body: await s.inbox.watch(principal, { since: query.since, waitMs: query.wait * 1000, signal }),
    }),
  }),
  route({
    method: 'get',
    path: BASE,
    tag: 'staff-inbox',
    summary:
      'Handed-over conversations in one state the caller may see (their station, their district); oldest waiting first',
    access: STAFF,
    query: inboxQuery,
    responses: { 200: { description: 'Conversations', schema: inboxListView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ principal, query }) => ({
      body: { items: (await s.inbox.list(principal, query)).map(presentEntry) },
    }),
  }),
  route({
    method: 'get',
    path: `${BASE}/:id`,
    tag: 'staff-inbox',
    summary:
      'The holder’s context in one call (masked identity, application, appointments, redemptions, complaints, the assistant’s guess, last 30 lines with notes); audit-logged',
    access: STAFF,
    params: idParams,
    responses: { 200: { description: 'The context', schema: contextView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params, requestId }) => ({
      body: presentContext(await s.inbox.context(principal, params.id, requestId)),
    }),
  }),
  route({
    method: 'post',
    path: `${BASE}/:id/claim`,
    tag: 'staff-inbox',
    summary: 'Take a waiting conversation (one owner; a second claim is 409 ALREADY_CLAIMED)',
    access: STAFF,
    params: idParams,
    responses: { 200: { description: 'The conversation, now with the caller', schema: inboxItemView } },
    errors: [
      'VALIDATION_FAILED',
      'FORBIDDEN',
      'NOT_FOUND',
      'ALREADY_CLAIMED',
      'AGENT_LIMIT_REACHED',
      'INVALID_TRANSITION',
    ],
    handler: async ({ principal, params }) => ({ body: presentEntry(await s.inbox.claim(principal, params.id)) }),
  }),
  route({
    method: 'post',
    path: `${BASE}/:id/release`,
    tag: 'staff-inbox',
    summary: 'Give an open conversation back to the queue',
    access: STAFF,
    params: idParams,
    responses: { 200: { description: 'The conversation, waiting again', schema: inboxItemView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params }) => ({ body: presentEntry(await s.inbox.release(principal, params.id)) }),
  }),
  route({
    method: 'post',
    path: `${BASE}/:id/transfer`,
    tag: 'staff-inbox',
    summary: 'Hand an open conversation to another staff member who may see the holder',
    access: STAFF,
    params: idParams,
    body: transferBody,
    responses: { 200: { description: 'The conversation with its new agent', schema: inboxItemView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'AGENT_LIMIT_REACHED', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, body }) => ({
      body: presentEntry(await s.inbox.transfer(principal, params.id, body.toAccountId)),
    }),
  }),
  route({
    method: 'post',
    path: `${BASE}/:id/messages`,
    tag: 'staff-inbox',
    summary:
      'Reply to the holder ({ text } or { cannedReplyId }, shown at once in their stream), or leave an internal note ({ internal: true })',
    access: STAFF,
    params: idParams,
    body: staffMessageBody,
    responses: { 201: { description: 'The reply or note as staff see it', schema: staffMessageView } },
    errors: [
      'VALIDATION_FAILED',
      'FORBIDDEN',
      'NOT_FOUND',
      'MESSAGE_EMPTY',
      'MESSAGE_TOO_LONG',
      'MESSAGE_INVALID_CHARACTERS',
      'CONVERSATION_NOT_CLAIMED',
      'INVALID_TRANSITION',
    ],
    handler: async ({ principal, params, body }) => {
      const written = await s.inbox.reply(principal, params.id, body);
      return {
        status: 201,
        body: { item: 'note' in written ? presentNote(written.note) : presentMessageForStaff(written.message) },
      };
    },
  }),
  route({
    method: 'post',
    path: `${BASE}/:id/resolve`,
    tag: 'staff-inbox',
    summary: 'Close the conversation with an outcome; the holder is asked to rate the service',
    access: STAFF,
    params: idParams,
    body: resolveBody,
    responses: { 200: { description: 'The conversation, resolved', schema: inboxItemView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, body }) => ({
      body: presentEntry(await s.inbox.resolve(principal, params.id, body.outcome)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/canned-replies',
    tag: 'staff-inbox',
    summary: 'Canned replies of the caller’s station and district (variables {姓名}, {申请状态}, {服务站电话})',
    access: STAFF,
    responses: { 200: { description: 'Canned replies', schema: cannedReplyList } },
    errors: ['FORBIDDEN'],
    handler: async ({ principal }) => ({
      body: { items: (await s.cannedReplies.list(principal)).map(presentCannedReply) },
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/canned-replies/scope',
    tag: 'staff-inbox',
    summary:
      'Where the caller may write canned replies and edit business hours: their stations, and whether district-wide',
    access: STAFF,
    responses: { 200: { description: 'The stations and the district', schema: cannedScopeView } },
    errors: ['FORBIDDEN'],
    handler: async ({ principal }) => ({ body: await s.cannedReplies.places(principal) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/canned-replies',
    tag: 'staff-inbox',
    summary: 'Add a canned reply for the caller’s station (district staff: a station of theirs, or the district)',
    access: STAFF,
    body: cannedReplyBody,
    responses: { 201: { description: 'The canned reply', schema: cannedReplyView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentCannedReply(await s.cannedReplies.create(principal, body)),
    }),
  }),
  route({
    method: 'patch',
    path: '/api/v1/staff/canned-replies/:id',
    tag: 'staff-inbox',
    summary: 'Change a canned reply’s title or text',
    access: STAFF,
    params: idParams,
    body: cannedReplyPatch,
    responses: { 200: { description: 'The canned reply', schema: cannedReplyView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params, body }) => ({
      body: presentCannedReply(await s.cannedReplies.update(principal, params.id, body)),
    }),
  }),
  route({
    method: 'delete',
    path: '/api/v1/staff/canned-replies/:id',
    tag: 'staff-inbox',
    summary: 'Delete a canned reply',
    access: STAFF,
    params: idParams,
    responses: { 204: { description: 'Deleted' } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params }) => {
      await s.cannedReplies.remove(principal, params.id);
      return { status: 204 };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/stations/:id/business-hours',
    tag: 'staff-inbox',
    summary: 'A station’s business hours (default Mon–Fri 9:00–12:00, 13:30–17:30), holidays and extra workdays',
    access: STAFF,
    params: idParams,
    responses: { 200: { description: 'The hours, and whether the station is open now', schema: businessHoursView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params }) => ({
      body: presentBusinessHours(await s.businessHours.get(principal, params.id)),
    }),
  }),
  route({
    method: 'put',
    path: '/api/v1/staff/stations/:id/business-hours',
    tag: 'staff-inbox',
    summary: 'Replace a station’s business hours (its staff, its district’s staff, admins); audit-logged',
    access: STAFF,
    params: idParams,
    body: businessHoursBody,
    responses: { 200: { description: 'The hours as saved', schema: businessHoursView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentBusinessHours(await s.businessHours.save(principal, params.id, body, requestId)),
    }),
  }),
];

/**
 * Holder chat routes that note the holder's presence themselves, in the UPDATE their transaction
 * makes of the conversation anyway (sending a message): a write of its own would be one more.
 */
const PRESENCE_WITH_WRITE = new Set(['post /api/v1/chat/messages']);

/**
 * The holder's chat routes, each first noting that the holder is in the mini-program (a staff
 * reply to someone away also goes out as a subscribe message).
 */
export function withPresence(routes: RouteSpec[], handover: Pick<HandoverService, 'touch'>): RouteSpec[] {
  return routes.map((r) => {
    const holderChat = r.path.startsWith('/api/v1/chat/') && Array.isArray(r.access) && r.access.includes('holder');
    if (!holderChat) return r;
    if (PRESENCE_WITH_WRITE.has(`${r.method} ${r.path}`)) {
      return {
        ...r,
        handler: async (input) => {
          try {
            return await r.handler(input);
          } catch (err) {
            // Refused or limited before anything was written: the holder is still here. The
            // request's own error is what the client gets, whatever becomes of this write.
            await handover.touch(input.principal.accountId).catch(() => undefined);
            throw err;
          }
        },
      };
    }
    return {
      ...r,
      handler: async (input) => {
        await handover.touch(input.principal.accountId);
        return r.handler(input);
      },
    };
  });
}
