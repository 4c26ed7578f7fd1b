import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { idRef, queryIdRef } from '../../http/bounds';
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
