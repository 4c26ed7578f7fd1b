import { decodeCursor, toPage } from '../../http/pagination';
import { clientAddressKey, RateLimiter, type RateLimitCounters } from '../../http/rate-limit';
import { route } from '../../http/route';
import { isoTime } from '../../lib/time';
import { ACCEPT_ATTEMPTS, ACCEPT_WINDOW_MS } from './proxy-link.states';
import { presentAction, presentLink } from './proxies.presenter';
import {
  acceptBody,
  actionPageView,
  actionsQuery,
  grantBody,
  idCursor,
  idParams,
  invitationView,
  linkView,
  mineView,
  staffLinkBody,
  staffLinksView,
  staffListQuery,
} from './proxies.schemas';
import type { ProxiesService } from './proxies.service';

const HOLDER = ['holder'] as const;
const DESK = ['station_staff', 'district_staff'] as const;

/**
 * Holders invite family members and both sides follow and end their links; staff link them at
 * the desk. Redeeming a code is limited per account and per address: a code is guessed only by
 * trying.
 */
export function proxiesRoutes(proxies: ProxiesService, counters: RateLimitCounters) {
  const acceptPerAccount = new RateLimiter(counters, {
    name: 'proxy-accept-account',
    max: ACCEPT_ATTEMPTS,
    windowMs: ACCEPT_WINDOW_MS,
  });
  const acceptPerAddress = new RateLimiter(counters, {
    name: 'proxy-accept-address',
    max: ACCEPT_ATTEMPTS * 5,
    windowMs: ACCEPT_WINDOW_MS,
    keyOf: (ctx) => clientAddressKey(ctx.ip),
  });
  return [
    route({
      method: 'post',
      path: '/api/v1/proxies/invitations',
      tag: 'proxies',
      summary: 'Invite a family member to act for the caller on some services: a one-time code, valid 24 hours',
      access: HOLDER,
      body: grantBody,
      responses: { 201: { description: 'The waiting link and its code (shown this once)', schema: invitationView } },
      errors: ['VALIDATION_FAILED', 'IDENTITY_REQUIRED', 'PROXY_LIMIT_REACHED'],
      handler: async ({ principal, body }) => {
        const { view, code } = await proxies.invite(principal, body);
        return {
          status: 201,
          body: { link: presentLink(view), code, expiresAt: isoTime(view.link.codeExpiresAt!) },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/proxies/accept',
      tag: 'proxies',
      summary: 'Redeem a family member’s invitation code: the caller may act for them from now on',
      access: HOLDER,
      body: acceptBody,
      rateLimit: [acceptPerAddress],
      responses: { 200: { description: 'The link, active', schema: linkView } },
      errors: [
        'VALIDATION_FAILED',
        'IDENTITY_REQUIRED',
        'PROXY_CODE_INVALID',
        'PROXY_CODE_EXPIRED',
        'PROXY_CODE_USED',
        'PROXY_SELF',
        'PROXY_EXISTS',
        'PROXY_LIMIT_REACHED',
        'RATE_LIMITED',
      ],
      handler: async ({ principal, body }) => {
        await acceptPerAccount.take(String(principal.accountId));
        return { body: presentLink(await proxies.accept(principal, body.code)) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/proxies/mine',
      tag: 'proxies',
      summary: 'Who acts for the caller, and whom the caller acts for (names masked), newest first',
      access: HOLDER,
      responses: { 200: { description: 'Both lists', schema: mineView } },
      handler: async ({ principal }) => {
        const { asHolder, asProxy } = await proxies.mine(principal);
        return { body: { asHolder: asHolder.map(presentLink), asProxy: asProxy.map(presentLink) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/proxies/:id/revoke',
      tag: 'proxies',
      summary: 'End a link (or an invitation not yet redeemed), by either side: it stops at once',
      access: HOLDER,
      params: idParams,
      responses: { 200: { description: 'The link, revoked', schema: linkView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => ({ body: presentLink(await proxies.revoke(principal, params.id)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/proxies/:id/actions',
      tag: 'proxies',
      summary: 'What the family member did through a link, newest first, whatever the outcome',
      access: HOLDER,
      params: idParams,
      query: actionsQuery,
      responses: { 200: { description: 'A page of requests', schema: actionPageView } },
      errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await proxies.actions(principal, params.id, { beforeId: cursor?.id, limit: query.limit + 1 });
        return { body: toPage(rows, query.limit, presentAction, (r) => ({ id: r.action.id })) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/proxies',
      tag: 'proxies-staff',
      summary:
        'Link a family member at the desk (the relation checked on paper), found by their ID number; active at once',
      access: DESK,
      body: staffLinkBody,
      responses: { 201: { description: 'The link', schema: linkView } },
      errors: [
        'VALIDATION_FAILED',
        'NOT_FOUND',
        'ID_NUMBER_INVALID',
        'PROXY_ACCOUNT_MISSING',
        'PROXY_SELF',
        'PROXY_EXISTS',
        'PROXY_LIMIT_REACHED',
      ],
      handler: async ({ principal, body, requestId }) => ({
        status: 201,
        body: presentLink(await proxies.staffLink(principal, body, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/proxies/:id/revoke',
      tag: 'proxies-staff',
      summary: 'End a family-member link at the desk, for staff of the holder’s station or district',
      access: DESK,
      params: idParams,
      responses: { 200: { description: 'The link, revoked', schema: linkView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) => ({
        body: presentLink(await proxies.staffRevoke(principal, params.id, requestId)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/proxies',
      tag: 'proxies-staff',
      summary: 'A person’s family-member links, for staff of their station or district (the read is audited)',
      access: DESK,
      query: staffListQuery,
      responses: { 200: { description: 'The links, newest first', schema: staffLinksView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
      handler: async ({ principal, query, requestId }) => ({
        body: { items: (await proxies.staffList(principal, query.holderPersonId, requestId)).map(presentLink) },
      }),
    }),
  ];
}
