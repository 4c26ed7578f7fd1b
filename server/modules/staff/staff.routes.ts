import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { Role } from '../../lib/principal';
import { presentAuditEntry } from './staff.presenter';
import {
  accountIdParams,
  accountStateView,
  auditCursor,
  auditPageView,
  auditQuery,
  createAccountBody,
  createdView,
  setRolesBody,
  stationListView,
} from './staff.schemas';
import type { StaffService } from './staff.service';

export const staffRoutes = (staff: StaffService) => [
  route({
    method: 'get',
    path: '/api/v1/stations',
    tag: 'staff',
    summary: 'Service stations a holder can choose',
    access: 'public',
    responses: { 200: { description: 'Stations', schema: stationListView } },
    handler: async () => ({
      body: {
        items: (await staff.listStations()).map((s) => ({
          id: s.id,
          name: s.name,
          district: { id: s.district.id, name: s.district.name },
          address: s.address,
          phone: s.phone,
        })),
        nextCursor: null,
      },
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/accounts',
    tag: 'staff',
    summary: 'Create a staff, lawyer or merchant account (admin)',
    access: ['admin'],
    body: createAccountBody,
    responses: { 201: { description: 'Created', schema: createdView } },
    errors: ['VALIDATION_FAILED', 'USERNAME_TAKEN', 'FORBIDDEN'],
    handler: async ({ principal, body, requestId }) => ({
      status: 201,
      body: await staff.createAccount(
        principal,
        { ...body, roles: body.roles as Exclude<Role, 'holder'>[] },
        requestId,
      ),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/accounts/:id/disable',
    tag: 'staff',
    summary: 'Disable an account: no more logins, its sessions and access tokens end at once (admin)',
    access: ['admin'],
    params: accountIdParams,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['NOT_FOUND', 'SELF_LOCKOUT', 'FORBIDDEN'],
    handler: async ({ principal, params, requestId }) => ({
      body: await staff.disableAccount(principal, params.id, requestId),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/accounts/:id/enable',
    tag: 'staff',
    summary: 'Enable a disabled account again; it logs in afresh (admin)',
    access: ['admin'],
    params: accountIdParams,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, requestId }) => ({
      body: await staff.enableAccount(principal, params.id, requestId),
    }),
  }),
  route({
    method: 'put',
    path: '/api/v1/staff/accounts/:id/roles',
    tag: 'staff',
    summary: "Set an account's roles; access tokens with the old roles stop working at once (admin)",
    access: ['admin'],
    params: accountIdParams,
    body: setRolesBody,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'SELF_LOCKOUT', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: await staff.setRoles(principal, params.id, body.roles as Exclude<Role, 'holder'>[], requestId),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/audit-logs',
    tag: 'staff',
    summary: 'The audit trail of staff actions, newest first (admin)',
    access: ['admin'],
    query: auditQuery,
    responses: { 200: { description: 'A page of entries', schema: auditPageView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ query }) => {
      const cursor = decodeCursor(query.cursor, auditCursor);
      const rows = await staff.findAuditEntries({ ...query, beforeId: cursor?.id, limit: query.limit + 1 });
      return { body: toPage(rows, query.limit, presentAuditEntry, (r) => ({ id: r.id })) };
    },
  }),
];
