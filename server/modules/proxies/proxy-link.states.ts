import type { TransitionTable } from '../../lib/state-machine';

/**
 * A proxy link (家属代办): a family member acts for a holder on the services the link names.
 * invited (the holder made a one-time code) → active when the family member redeems it; a link
 * staff make at the desk is active at once; either side (or staff) revokes it; an invitation
 * nobody redeemed in time is expired.
 */
export const PROXY_LINK_STATUSES = ['invited', 'active', 'revoked', 'expired'] as const;
export type ProxyLinkStatus = (typeof PROXY_LINK_STATUSES)[number];

/** Who moves a link: the holder, the family member acting for them, bureau staff, the system. */
export type ProxyActor = 'holder' | 'proxy' | 'staff' | 'system';

export const PROXY_LINK_TRANSITIONS = {
  accept: { from: ['invited'], to: 'active', actors: ['proxy'] },
  revoke: { from: ['invited', 'active'], to: 'revoked', actors: ['holder', 'proxy', 'staff', 'system'] },
  expire: { from: ['invited'], to: 'expired', actors: ['system'] },
} as const satisfies TransitionTable<string, ProxyLinkStatus, ProxyActor>;

export type ProxyLinkTransition = keyof typeof PROXY_LINK_TRANSITIONS;

/** Every history row's action: the transitions, the invitation and the desk's link (which start a link). */
export type ProxyLinkAction = ProxyLinkTransition | 'invite' | 'link';

/** The services a family member may be granted, as routes name them (`RouteSpec.proxy`). */
export const PROXY_SERVICES = ['card', 'appeals', 'legal_aid'] as const;
export type ProxyServiceName = (typeof PROXY_SERVICES)[number];

export const PROXY_SERVICE_WORDS: Record<ProxyServiceName, string> = {
  card: '优待证申领和电子证',
  appeals: '诉求和代办',
  legal_aid: '法律咨询预约',
};

/** How the family member is related to the holder (checked on paper at the desk). */
export const PROXY_RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属'] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];

/** Who made the link. */
export type LinkedBy = 'holder' | 'staff';

/** Active family members one holder may have at once. */
export const MAX_ACTIVE_PROXIES = 3;

/** How long an invitation code may be redeemed. */
export const INVITATION_HOURS = 24;

/** The invitation code: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** Redeeming attempts one account may make per window (wrong codes included). */
export const ACCEPT_ATTEMPTS = 10;
export const ACCEPT_WINDOW_MS = 15 * 60_000;

export const PROXY_STATUS_WORDS: Record<ProxyLinkStatus, string> = {
  invited: '等待家人输入邀请码',
  active: '代办中',
  revoked: '已撤销',
  expired: '邀请码已过期',
};
