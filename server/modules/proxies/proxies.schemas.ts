import { z } from 'zod';
import { idRef, queryIdRef } from '../../http/bounds';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { PROXY_LINK_STATUSES, PROXY_RELATIONS, PROXY_SERVICES } from './proxy-link.states';

export const idParams = z.object({ id: idParam });
export const idCursor = z.object({ id: z.number().int().positive() });

const services = z
  .array(z.enum(PROXY_SERVICES))
  .min(1, '请至少选择一项可以代办的业务')
  .max(PROXY_SERVICES.length)
  .refine((s) => new Set(s).size === s.length, '代办业务不能重复');

export const grantBody = z.strictObject({
  relation: z.enum(PROXY_RELATIONS),
  services,
});

export const acceptBody = z.strictObject({
  /** The invitation code as typed: spaces, dashes and lower case are forgiven. */
  code: z.string().trim().min(1, '请输入邀请码').max(20),
});

export const staffLinkBody = z.strictObject({
  holderPersonId: idRef(),
  proxyIdNumber: z.string().trim().min(1).max(32),
  relation: z.enum(PROXY_RELATIONS),
  services,
});

export const staffListQuery = z.object({ holderPersonId: queryIdRef() });

export const actionsQuery = pageQuery;

const at = z.string();

export const linkView = z.object({
  id: z.number().int(),
  /** The holder's login: what the family member sends as `X-Acting-For`. */
  holderAccountId: z.number().int(),
  relation: z.enum(PROXY_RELATIONS),
  services: z.array(z.enum(PROXY_SERVICES)),
  servicesText: z.string(),
  status: z.enum(PROXY_LINK_STATUSES),
  statusText: z.string(),
  linkedBy: z.enum(['holder', 'staff']),
  /** The other side's name, masked (张*): the family member for the holder, the holder for the family member. */
  name: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  createdAt: at,
  activatedAt: at.nullable(),
  endedAt: at.nullable(),
  /** Until when an invitation's code may be redeemed. */
  expiresAt: at.nullable(),
  /** Whether the reader may revoke it now. */
  mayRevoke: z.boolean(),
});

export const invitationView = z.object({
  link: linkView,
  /** The one-time code: shown this once, kept only as its hash. */
  code: z.string(),
  expiresAt: at,
});

export const mineView = z.object({ asHolder: z.array(linkView), asProxy: z.array(linkView) });

export const staffLinksView = z.object({ items: z.array(linkView) });

export const actionView = z.object({
  id: z.number().int(),
  what: z.string(),
  method: z.string(),
  route: z.string(),
  status: z.number().int(),
  ok: z.boolean(),
  at,
});

export const actionPageView = pageView(actionView);
