import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { businessDay, idRef, queryIdRef } from '../../http/bounds';
import { ROLES } from '../../lib/principal';

const ASSIGNABLE = ROLES.filter((r) => r !== 'holder') as Exclude<(typeof ROLES)[number], 'holder'>[];

export const createAccountBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符'),
  password: z.string().min(10, '密码至少 10 位').max(128),
  displayName: z.string().trim().min(1).max(64),
  roles: z
    .array(z.enum(ASSIGNABLE as [string, ...string[]]))
    .min(1)
    .max(6),
  stationId: idRef().optional(),
  districtId: idRef().optional(),
});

export const createdView = z.object({ id: z.number().int() });

export const stationView = z.object({
  id: z.number().int(),
  name: z.string(),
  district: z.object({ id: z.number().int(), name: z.string() }),
  address: z.string(),
  phone: z.string().nullable(),
});

export const stationListView = z.object({ items: z.array(stationView), nextCursor: z.null() });

export const auditQuery = pageQuery.extend({
  targetType: z.string().max(32).optional(),
  targetId: z.string().max(64).optional(),
  actorAccountId: queryIdRef().optional(),
  /** An action name, or its family with a trailing dot (`account.` finds every account action). */
  action: z.string().max(64).optional(),
  /** Beijing calendar days, both ends included. */
  from: businessDay().optional(),
  to: businessDay().optional(),
});

export const auditCursor = z.object({ id: idRef() });

export const auditEntryView = z.object({
  id: z.number().int(),
  actorAccountId: z.number().int().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  at: z.string(),
  /** The actor's username and name, when the actor is an account that still exists. */
  actor: z.object({ username: z.string().nullable(), displayName: z.string() }).nullable(),
  /** The account an entry is about (account changes, sign-ins), when it still exists. */
  targetAccount: z.object({ username: z.string().nullable(), displayName: z.string() }).nullable(),
});

export const auditPageView = pageView(auditEntryView);

export const accountIdParams = z.object({ id: idParam });

/** The roles an account should have from now on ('holder' is never granted here, and kept if held). */
export const setRolesBody = z.strictObject({
  roles: z.array(z.enum(ASSIGNABLE as [string, ...string[]])).max(6),
});

export const accountStateView = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  disabled: z.boolean(),
  roles: z.array(z.enum(ROLES)),
});

const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');

export const accountListQuery = pageQuery.extend({
  /** Part of the username or display name. */
  q: z.string().trim().max(64).optional(),
  role: z.enum(ASSIGNABLE as [string, ...string[]]).optional(),
  stationId: queryIdRef().optional(),
  districtId: queryIdRef().optional(),
  disabled: yesNo.optional(),
});

export const accountCursor = z.object({ id: idRef() });

export const accountView = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  stationId: z.number().int().nullable(),
  districtId: z.number().int().nullable(),
  disabled: z.boolean(),
  /** Whether a second factor is enrolled (admin and district accounts need one). */
  mfaEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const accountPageView = pageView(accountView);

export const resetPasswordBody = z.strictObject({
  password: z.string().min(10, '密码至少 10 位').max(128),
});

/** Where the account works from now on; a station places it in that station's district. */
export const placementBody = z.strictObject({
  stationId: idRef().nullable(),
  districtId: idRef().nullable(),
});

export const districtView = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export const districtListView = z.object({ items: z.array(districtView), nextCursor: z.null() });

export const createDistrictBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '区划代码为 6 位数字'),
  name: z.string().trim().min(1).max(64),
});

export const updateDistrictBody = createDistrictBody.partial();

const phoneText = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9+\-() ]*$/, '电话只能包含数字、空格和 +-()');

export const createStationBody = z.strictObject({
  districtId: idRef(),
  name: z.string().trim().min(1).max(64),
  address: z.string().trim().min(1).max(255),
  phone: phoneText.nullable().optional(),
});

export const updateStationBody = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  address: z.string().trim().min(1).max(255).optional(),
  phone: phoneText.nullable().optional(),
});

const cellValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

/** Tables the console shows, to be written as one workbook (one sheet per table). */
export const xlsxExportBody = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\\/:*?"<>|\r\n]+$/, '文件名不能包含 \\ / : * ? " < > |'),
  sheets: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(31),
        columns: z.array(z.string().max(64)).min(1).max(50),
        rows: z.array(z.array(cellValue).max(50)).max(5000),
      }),
    )
    .min(1)
    .max(20),
});
