import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import { presentOutboxItem, presentTimelineItem } from './notifications.presenter';
import {
  grantsView,
  idCursor,
  outboxParams,
  outboxQuery,
  outboxView,
  subscriptionsBody,
  timelineQuery,
  timelineView,
} from './notifications.schemas';
import type { NotificationsService } from './notifications.service';

export const notificationsRoutes = (notifications: NotificationsService) => [
  route({
    method: 'get',
    path: '/api/v1/me/timeline',
    tag: 'notifications',
    summary: 'The caller’s notices, newest first; `after` returns only those newer than an id already seen',
    access: 'authenticated',
    query: timelineQuery,
    responses: { 200: { description: 'A page of notices', schema: timelineView } },
    handler: async ({ principal, query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const rows = await notifications.timeline(principal, {
        after: query.after,
        beforeId: cursor?.id,
        limit: query.limit + 1,
      });
      return { body: toPage(rows, query.limit, presentTimelineItem, (m) => ({ id: m.id })) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/subscriptions',
    tag: 'notifications',
    summary: 'Report what wx.requestSubscribeMessage returned; each accept allows one message of that template',
    access: 'authenticated',
    body: subscriptionsBody,
    responses: { 200: { description: 'Grants now held, by template', schema: grantsView } },
    errors: ['VALIDATION_FAILED'],
    handler: async ({ principal, body }) => ({
      body: { grants: await notifications.recordSubscriptions(principal, body.results) },
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/subscriptions',
    tag: 'notifications',
    summary: 'Subscribe-message grants the caller holds, by template',
    access: 'authenticated',
    responses: { 200: { description: 'Grants by template', schema: grantsView } },
    handler: async ({ principal }) => ({ body: { grants: await notifications.grantsOf(principal.accountId) } }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/outbox',
    tag: 'notifications',
    summary: 'Notices by delivery status, newest first (e.g. status=dead)',
    access: ['district_staff', 'admin'],
    query: outboxQuery,
    responses: { 200: { description: 'A page of outbox rows', schema: outboxView } },
    handler: async ({ query }) => {
      const cursor = decodeCursor(query.cursor, idCursor);
      const rows = await notifications.findOutbox({
        status: query.status,
        beforeId: cursor?.id,
        limit: query.limit + 1,
      });
      return { body: toPage(rows, query.limit, presentOutboxItem, (m) => ({ id: m.id })) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/outbox/:id/retry',
    tag: 'notifications',
    summary: 'Queue a dead notice again',
    access: ['district_staff', 'admin'],
    params: outboxParams,
    responses: { 200: { description: 'The notice, pending again', schema: outboxView.shape.items.element } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params, requestId }) => ({
      body: presentOutboxItem(await notifications.retryDead(principal, params.id, requestId)),
    }),
  }),
];
