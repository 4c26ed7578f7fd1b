import { maskName, maskPhone } from '../../lib/mask';
import { allowedActions } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import { PROXY_LINK_TRANSITIONS, PROXY_SERVICE_WORDS, PROXY_STATUS_WORDS } from './proxy-link.states';
import type { ActionView, LinkView } from './proxies.service';

/** A link as one side reads it: the other side's name masked, the services in words. */
export function presentLink(v: LinkView) {
  const l = v.link;
  return {
    id: l.id,
    holderAccountId: l.holderAccountId,
    relation: l.relation,
    services: v.services,
    servicesText: v.services.map((s) => PROXY_SERVICE_WORDS[s]).join('、'),
    status: v.status,
    statusText: PROXY_STATUS_WORDS[v.status],
    linkedBy: l.linkedBy,
    name: v.other ? maskName(v.other.name) : null,
    phoneMasked: v.other?.phoneLast4 ? maskPhone(v.other.phoneLast4) : null,
    createdAt: isoTime(l.createdAt),
    activatedAt: l.activatedAt ? isoTime(l.activatedAt) : null,
    endedAt: l.endedAt ? isoTime(l.endedAt) : null,
    expiresAt: v.status === 'invited' && l.codeExpiresAt ? isoTime(l.codeExpiresAt) : null,
    mayRevoke: allowedActions(PROXY_LINK_TRANSITIONS, v.status, v.side).includes('revoke'),
  };
}

/** One request the family member made, in the holder's words. */
export function presentAction(v: ActionView) {
  const a = v.action;
  return {
    id: a.id,
    what: v.what,
    method: a.method,
    route: a.route,
    status: a.status,
    ok: a.status < 400,
    at: isoTime(a.createdAt),
  };
}
