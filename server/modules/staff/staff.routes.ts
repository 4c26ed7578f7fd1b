import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { Role } from '../../lib/principal';
import { isoTime } from '../../lib/time';
import { buildWorkbook } from './xlsx-export';
import { presentAuditEntry } from './staff.presenter';
import {
  accountCursor,
  accountIdParams,
  accountListQuery,
  accountPageView,
  createDistrictBody,
  createStationBody,
  districtListView,
  districtView,
  placementBody,
  resetPasswordBody,
  stationView,
  updateDistrictBody,
  updateStationBody,
  xlsxExportBody,
  accountStateView,
  auditCursor,
  auditPageView,
  auditQuery,
  createAccountBody,
  createdView,
  setRolesBody,
  stationListView,
} from './staff.schemas';
import type { District } from './district.entity';
import type { StaffService } from './staff.service';
import type { Station } from './station.entity';

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
      const accountTarget = (r: (typeof rows)[number]) =>
        (r.targetType === 'account' || r.targetType === 'sign_in') && r.targetId && /^\d{1,10}$/.test(r.targetId)
          ? Number(r.targetId)
          : null;
      const names = await staff.accountNames(
        rows.flatMap((r) => [r.actorAccountId, accountTarget(r)].filter((id): id is number => id !== null)),
      );
      return {
        body: toPage(
          rows,
          query.limit,
          (r) => ({
            ...presentAuditEntry(r),
            actor: (r.actorAccountId && names.get(r.actorAccountId)) || null,
            targetAccount: names.get(accountTarget(r) ?? 0) ?? null,
          }),
          (r) => ({ id: r.id }),
        ),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/accounts',
    tag: 'staff',
    summary: 'Staff, lawyer and merchant accounts, newest first, with roles and second-factor state (admin)',
    access: ['admin'],
    query: accountListQuery,
    responses: { 200: { description: 'A page of accounts', schema: accountPageView } },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ query }) => {
      const cursor = decodeCursor(query.cursor, accountCursor);
      const rows = await staff.listAccounts({ ...query, beforeId: cursor?.id, limit: query.limit + 1 });
      return {
        body: toPage(
          rows,
          query.limit,
          ({ account: a, roles, mfaEnrolled }) => ({
            id: a.id,
            username: a.username,
            displayName: a.displayName,
            roles,
            stationId: a.stationId,
            districtId: a.districtId,
            disabled: Boolean(a.disabled),
            mfaEnrolled,
            lastLoginAt: a.lastLoginAt ? isoTime(a.lastLoginAt) : null,
            createdAt: isoTime(a.createdAt),
          }),
          (r) => ({ id: r.account.id }),
        ),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/accounts/:id/password',
    tag: 'staff',
    summary: 'Set a new password for an account; its sessions end at once; audit-logged (admin)',
    access: ['admin'],
    params: accountIdParams,
    body: resetPasswordBody,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: await staff.resetPassword(principal, params.id, body.password, requestId),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/accounts/:id/mfa/reset',
    tag: 'staff',
    summary: 'Remove the second factor and recovery codes: the next sign-in enrols again; audit-logged (admin)',
    access: ['admin'],
    params: accountIdParams,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['NOT_FOUND', 'SELF_LOCKOUT', 'FORBIDDEN'],
    handler: async ({ principal, params, requestId }) => ({
      body: await staff.resetMfa(principal, params.id, requestId),
    }),
  }),
  route({
    method: 'put',
    path: '/api/v1/staff/accounts/:id/placement',
    tag: 'staff',
    summary: "Set an account's station and district (admin)",
    access: ['admin'],
    params: accountIdParams,
    body: placementBody,
    responses: { 200: { description: 'The account as it is now', schema: accountStateView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: await staff.setPlacement(principal, params.id, body, requestId),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/districts',
    tag: 'staff',
    summary: 'Districts (admin)',
    access: ['admin'],
    responses: { 200: { description: 'Districts', schema: districtListView } },
    handler: async () => ({ body: { items: (await staff.listDistricts()).map(presentDistrict), nextCursor: null } }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/districts',
    tag: 'staff',
    summary: 'Add a district (admin)',
    access: ['admin'],
    body: createDistrictBody,
    responses: { 201: { description: 'The district', schema: districtView } },
    errors: ['VALIDATION_FAILED', 'DISTRICT_CODE_TAKEN', 'FORBIDDEN'],
    handler: async ({ principal, body, requestId }) => ({
      status: 201,
      body: presentDistrict(await staff.createDistrict(principal, body, requestId)),
    }),
  }),
  route({
    method: 'patch',
    path: '/api/v1/staff/districts/:id',
    tag: 'staff',
    summary: "Correct a district's code or name (admin)",
    access: ['admin'],
    params: accountIdParams,
    body: updateDistrictBody,
    responses: { 200: { description: 'The district', schema: districtView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'DISTRICT_CODE_TAKEN', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => ({
      body: presentDistrict(await staff.updateDistrict(principal, params.id, body, requestId)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/stations',
    tag: 'staff',
    summary: 'Add a service station to a district (admin)',
    access: ['admin'],
    body: createStationBody,
    responses: { 201: { description: 'The station', schema: stationView } },
    errors: ['VALIDATION_FAILED', 'STATION_NAME_TAKEN', 'FORBIDDEN'],
    handler: async ({ principal, body, requestId }) => {
      const station = await staff.createStation(principal, body, requestId);
      return { status: 201, body: await presentStation(staff, station) };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/staff/stations/:id',
    tag: 'staff',
    summary: "Correct a station's name, address or phone (admin)",
    access: ['admin'],
    params: accountIdParams,
    body: updateStationBody,
    responses: { 200: { description: 'The station', schema: stationView } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'STATION_NAME_TAKEN', 'FORBIDDEN'],
    handler: async ({ principal, params, body, requestId }) => {
      const station = await staff.updateStation(principal, params.id, body, requestId);
      return { body: await presentStation(staff, station) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/exports/xlsx',
    tag: 'staff',
    summary: 'Write the tables a console screen shows as one Excel workbook, one sheet per table',
    access: ['station_staff', 'district_staff', 'admin'],
    body: xlsxExportBody,
    responses: {
      200: {
        description: 'An Excel workbook',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handler: async ({ body, ctx }) => {
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(body.filename)}.xlsx`);
      return { body: await buildWorkbook(body.sheets) };
    },
  }),
];

const presentDistrict = (d: District) => ({ id: d.id, code: d.code, name: d.name });

async function presentStation(staff: StaffService, s: Station) {
  const district = (await staff.listDistricts()).find((d) => d.id === s.districtId);
  return {
    id: s.id,
    name: s.name,
    district: { id: s.districtId, name: district?.name ?? '' },
    address: s.address,
    phone: s.phone,
  };
}
