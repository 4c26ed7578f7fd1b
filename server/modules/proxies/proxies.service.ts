import crypto from 'node:crypto';
import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { maskName } from '../../lib/mask';
import { wechatTime } from '../../lib/notice-template';
import { dbTime } from '../../lib/personal-data';
import type { Principal } from '../../lib/principal';
import { transition, type TransitionActor } from '../../lib/state-machine';
import { placementOf, rolesOf } from '../auth/accounts.service';
import type { ApplicationsService } from '../cards/applications.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { validIdNumber } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import type { StaffService } from '../staff/staff.service';
import { ProxyAction } from './proxy-action.entity';
import { PROXY_LINK_HISTORY, ProxyLinkEvent } from './proxy-link-event.entity';
import { ProxyLink } from './proxy-link.entity';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  INVITATION_HOURS,
  MAX_ACTIVE_PROXIES,
  PROXY_LINK_TRANSITIONS,
  PROXY_SERVICE_WORDS,
  PROXY_SERVICES,
  type ProxyActor,
  type ProxyLinkStatus,
  type ProxyLinkTransition,
  type ProxyRelation,
  type ProxyServiceName,
} from './proxy-link.states';
import { ProxyErrors } from './proxies.errors';
import { deskScopeOf, servesHolder, sideOf, type DeskScope } from './proxies.policy';
import { PROXY_PAGES } from './proxies.pages';

/** The blind-index context of invitation codes (kept apart from every other keyed hash). */
const CODE_CONTEXT = 'proxy.invitation_code';

export interface LinkGrant {
  relation: ProxyRelation;
  services: ProxyServiceName[];
}

/** A link as one side sees it: the other side's name (masked by the presenter) and the status now. */
export interface LinkView {
  link: ProxyLink;
  /** Who reads it: either side, or staff at the desk (who see the family member's name). */
  side: Reader;
  /** `expired` for an invitation past its time, whatever the stored status says. */
  status: ProxyLinkStatus;
  services: ProxyServiceName[];
  /** The other side: the family member for the holder, the holder for the family member; null before redeeming. */
  other: { name: string; phoneLast4: string } | null;
}

/** A request made as a proxy, as the holder reads it. */
export interface ActionView {
  action: ProxyAction;
  what: string;
}

/** Who reads a link. */
export type Reader = 'holder' | 'proxy' | 'staff';

/** The services a link grants, in the table's order. */
export const servicesOf = (link: Pick<ProxyLink, 'services'>): ProxyServiceName[] =>
  PROXY_SERVICES.filter((s) => link.services.split(',').includes(s));

/** The status a link is in now: an invitation past its time is expired even before anyone marks it. */
export const statusNow = (link: ProxyLink, now: Date): ProxyLinkStatus =>
  link.status === 'invited' && link.codeExpiresAt !== null && link.codeExpiresAt <= now ? 'expired' : link.status;

/** A fresh invitation code: 8 characters from an alphabet without look-alikes. */
export function newCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH * 2);
  let out = '';
  for (let i = 0; out.length < CODE_LENGTH; i++) {
    // 248 is the largest multiple of 31 below 256: rejecting above it keeps every character equally likely.
    if (i >= bytes.length) return newCode();
    if (bytes[i] < 248) out += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  }
  return out;
}

/** What a holder types may carry spaces, dashes and lower case: the code itself is upper case. */
export const normalizeCode = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase();

/** A route pattern as the holder reads it in the list of what the family member did. */
export function describeRoute(method: string, route: string): string {
  const m = method.toUpperCase();
  if (route.startsWith('/api/v1/appeals')) return m === 'GET' ? '查看诉求和代办' : '办理诉求和代办';
  if (route.startsWith('/api/v1/card-applications')) return m === 'GET' ? '查看优待证申领' : '办理优待证申领';
  if (route.startsWith('/api/v1/me/card')) return m === 'GET' ? '查看电子优待证' : '办理电子优待证';
  if (route.startsWith('/api/v1/legal-aid')) return m === 'GET' ? '查看法律咨询预约' : '办理法律咨询预约';
  if (route.startsWith('/api/v1/files')) return m === 'GET' ? '查看照片或材料' : '上传照片或材料';
  return m === 'GET' ? '查看' : '办理';
}

/**
 * Family members acting for holders (家属代办): the holder invites with a one-time code, or staff
 * link them at the desk after checking the relation on paper; the family member then acts with
 * the holder's rights on the services granted, every request recorded; either side revokes.
 * It also answers the router's question of who may act for whom (`actFor`, `recordAction`).
 */
export class ProxiesService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly applications: ApplicationsService,
    private readonly staff: StaffService,
    private readonly notifications: NotificationsService,
    private readonly fieldCrypto: FieldCrypto,
    private readonly clock: Clock,
  ) {}

  /**
   * The holder invites a family member: a link waiting for them and its one-time code, valid for
   * 24 hours and kept only as its keyed hash (the answer is the only time it is shown).
   * 1. The holder has a bound identity (409 IDENTITY_REQUIRED).
   * 2. In one transaction: invitations of theirs past their time are marked expired; with the
   *    limit of active family members reached, 409 PROXY_LIMIT_REACHED; the link and its first
   *    history row are written.
   */
  async invite(principal: Principal, grant: LinkGrant): Promise<{ view: LinkView; code: string }> {
    const person = await this.people.identityOf(principal.accountId);
    if (!person) throw ProxyErrors.identityRequired();
    const code = newCode();
    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      await this.expireInvitations(em, principal.accountId, now);
      const active = await em.countBy(ProxyLink, { holderAccountId: principal.accountId, status: 'active' });
      if (active >= MAX_ACTIVE_PROXIES) throw ProxyErrors.limitReached(MAX_ACTIVE_PROXIES);
      const r = await em.insert(ProxyLink, {
        holderAccountId: principal.accountId,
        holderPersonId: person.id,
        proxyAccountId: null,
        relation: grant.relation,
        services: joinServices(grant.services),
        status: 'invited',
        linkedBy: 'holder',
        linkedByAccountId: principal.accountId,
        codeHash: this.codeHash(code),
        codeExpiresAt: new Date(now.getTime() + INVITATION_HOURS * 3600_000),
        pairKey: null,
        slotKey: null,
        activatedAt: null,
        endedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const linkId = Number(r.identifiers[0].id);
      await this.record(em, linkId, 'invite', null, 'invited', { accountId: principal.accountId, role: 'holder' }, now);
      return linkId;
    });
    return { view: await this.viewOf(await this.db.manager.findOneByOrFail(ProxyLink, { id }), 'holder'), code };
  }

  /**
   * A family member redeems an invitation code: the link becomes active and the holder is told.
   * 1. The caller has a bound identity (409 IDENTITY_REQUIRED).
   * 2. The code: unknown 404 PROXY_CODE_INVALID; past its time 409 PROXY_CODE_EXPIRED; redeemed or
   *    revoked 409 PROXY_CODE_USED; the holder's own 409 PROXY_SELF.
   * 3. In one transaction: no active link between the two already (409 PROXY_EXISTS), one of the
   *    holder's places free (409 PROXY_LIMIT_REACHED), the guarded move invited → active.
   */
  async accept(principal: Principal, rawCode: string): Promise<LinkView> {
    const person = await this.people.identityOf(principal.accountId);
    if (!person) throw ProxyErrors.identityRequired();
    const codeHash = this.codeHash(normalizeCode(rawCode));
    const found = await this.db.manager.findOneBy(ProxyLink, { codeHash });
    if (!found) throw ProxyErrors.codeInvalid();
    const now = this.clock.now();
    if (statusNow(found, now) === 'expired') throw ProxyErrors.codeExpired();
    if (found.status !== 'invited') throw ProxyErrors.codeUsed();
    if (found.holderAccountId === principal.accountId) throw ProxyErrors.self();

    await this.db.transaction(async (em) => {
      const at = this.clock.now();
      const moved = await this.activate(em, found, principal.accountId, (set) =>
        transition(em, {
          entity: ProxyLink,
          id: found.id,
          table: PROXY_LINK_TRANSITIONS,
          action: 'accept',
          actor: { accountId: principal.accountId, role: 'proxy' },
          at,
          set: { ...set, proxyAccountId: principal.accountId, activatedAt: at, updatedAt: at },
          history: PROXY_LINK_HISTORY,
          guard: { where: 'code_expires_at > :at', params: { at: dbTime(em, at) } },
          moved: ProxyErrors.codeUsed,
        }).then((t) => t.eventId),
      );
      const proxyName = maskName(person.name);
      await this.notifications.notify(em, {
        recipient: found.holderAccountId,
        templateKey: 'service_notice',
        data: {
          title: '家人已可以为您代办',
          remark: `${proxyName}（${found.relation}）`.slice(0, 20),
          time: wechatTime(at),
          detail: `${proxyName}（${found.relation}）已输入您的邀请码，可以为您办理：${describeServices(found)}。如不是您本人邀请，请在“我的—家属代办”中撤销。`,
        },
        page: PROXY_PAGES.proxies,
        idempotencyKey: `proxy:${found.id}:${moved}`,
      });
    });
    return this.viewOf(await this.db.manager.findOneByOrFail(ProxyLink, { id: found.id }), 'proxy');
  }

  /** Both lists of the caller: who acts for them, and whom they act for; newest first. */
  async mine(principal: Principal): Promise<{ asHolder: LinkView[]; asProxy: LinkView[] }> {
    const em = this.db.manager;
    const [asHolder, asProxy] = await Promise.all([
      em.find(ProxyLink, { where: { holderAccountId: principal.accountId }, order: { id: 'DESC' }, take: 30 }),
      em.find(ProxyLink, { where: { proxyAccountId: principal.accountId }, order: { id: 'DESC' }, take: 30 }),
    ]);
    return { asHolder: await this.viewsOf(asHolder, 'holder'), asProxy: await this.viewsOf(asProxy, 'proxy') };
  }

  /**
   * Either side ends a link (an invitation not yet redeemed, or an active link): it stops at once,
   * the history records who. Anyone else's link is 404; an ended one 409 INVALID_TRANSITION.
   */
  async revoke(principal: Principal, id: number): Promise<LinkView> {
    const side = await this.db.transaction(async (em) => {
      const link = await em.findOneBy(ProxyLink, { id });
      const role = link ? sideOf(link, principal.accountId) : null;
      if (!link || !role) throw notFound('没有找到这条代办关系');
      const now = this.clock.now();
      await this.move(em, link, 'revoke', { accountId: principal.accountId, role }, now);
      if (role === 'proxy') {
        await this.notifications.notify(em, {
          recipient: link.holderAccountId,
          templateKey: 'service_notice',
          data: {
            title: '家人已结束为您代办',
            remark: `关系：${link.relation}`,
            time: wechatTime(now),
            detail: `您的家人（${link.relation}）已结束为您代办，之后不能再为您办理业务。`,
          },
          page: PROXY_PAGES.proxies,
          idempotencyKey: `proxy:${link.id}:revoke`,
        });
      }
      return role;
    });
    return this.viewOf(await this.db.manager.findOneByOrFail(ProxyLink, { id }), side);
  }

  /** What the family member did through a link, newest first: for either side of it. */
  async actions(
    principal: Principal,
    linkId: number,
    page: { beforeId?: number; limit: number },
  ): Promise<ActionView[]> {
    const link = await this.db.manager.findOneBy(ProxyLink, { id: linkId });
    if (!link || !sideOf(link, principal.accountId)) throw notFound('没有找到这条代办关系');
    const where: FindOptionsWhere<ProxyAction> = { linkId };
    if (page.beforeId) where.id = LessThan(page.beforeId);
    const rows = await this.db.manager.find(ProxyAction, { where, order: { id: 'DESC' }, take: page.limit });
    return rows.map((action) => ({ action, what: describeRoute(action.method, action.route) }));
  }

  /**
   * Staff link a family member at the desk, the relation checked on paper: active at once.
   * 1. The holder is a person with a login, of the caller's station (their latest card
   *    application's) or district; anyone else is 404.
   * 2. The family member is found by the ID number's blind index and must have bound it to a login
   *    (409 PROXY_ACCOUNT_MISSING); not the holder (409 PROXY_SELF).
   * 3. In one transaction: the pair and the limit as for an invitation, the link, its history, the
   *    audit entry and the holder's notice.
   */
  async staffLink(
    principal: Principal,
    input: LinkGrant & { holderPersonId: number; proxyIdNumber: string },
    requestId: string,
  ): Promise<LinkView> {
    const desk = await this.deskScope(principal);
    const holder = await this.holderFor(desk, input.holderPersonId);
    const normalized = validIdNumber(input.proxyIdNumber, this.clock.now()).normalized;
    const hash = this.people.blindIndexIdNumber(normalized);
    const proxy = (await this.people.findByIdNumberHashes([hash])).get(hash);
    if (!proxy?.accountId) throw ProxyErrors.proxyAccountMissing();
    if (proxy.accountId === holder.accountId) throw ProxyErrors.self();
    const proxyAccountId = proxy.accountId;

    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const base = {
        holderAccountId: holder.accountId,
        holderPersonId: holder.personId,
        proxyAccountId,
        relation: input.relation,
        services: joinServices(input.services),
        status: 'active' as const,
        linkedBy: 'staff' as const,
        linkedByAccountId: principal.accountId,
        codeHash: null,
        codeExpiresAt: null,
        activatedAt: now,
        endedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      let linkId = 0;
      await this.activate(em, base, proxyAccountId, async (set) => {
        const r = await em.insert(ProxyLink, { ...base, ...set });
        linkId = Number(r.identifiers[0].id);
        return this.record(em, linkId, 'link', null, 'active', { accountId: principal.accountId, role: 'staff' }, now);
      });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'proxy.link',
          targetType: 'proxy_link',
          targetId: linkId,
          detail: { holderPersonId: holder.personId, relation: input.relation, services: input.services },
          requestId,
        },
        now,
      );
      await this.notifications.notify(em, {
        recipient: holder.accountId,
        templateKey: 'service_notice',
        data: {
          title: '家人已可以为您代办',
          remark: `关系：${input.relation}`,
          time: wechatTime(now),
          detail: `服务站已为您登记家属代办（${input.relation}），可以为您办理：${describeServices(base)}。如有疑问，请在“我的—家属代办”中查看或撤销。`,
        },
        page: PROXY_PAGES.proxies,
        idempotencyKey: `proxy:${linkId}:link`,
      });
      return linkId;
    });
    return this.viewOf(await this.db.manager.findOneByOrFail(ProxyLink, { id }), 'staff');
  }

  /**
   * Staff end a link at the desk (a family member no longer to be trusted, say): staff of the
   * holder's station or district only (anyone else 404); audited, the holder told.
   */
  async staffRevoke(principal: Principal, id: number, requestId: string): Promise<LinkView> {
    const desk = await this.deskScope(principal);
    const found = await this.db.manager.findOneBy(ProxyLink, { id });
    if (!found) throw notFound('没有找到这条代办关系');
    await this.holderFor(desk, found.holderPersonId);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const eventId = await this.move(em, found, 'revoke', { accountId: principal.accountId, role: 'staff' }, now);
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'proxy.revoke',
          targetType: 'proxy_link',
          targetId: id,
          detail: { holderPersonId: found.holderPersonId, from: found.status },
          requestId,
        },
        now,
      );
      await this.notifications.notify(em, {
        recipient: found.holderAccountId,
        templateKey: 'service_notice',
        data: {
          title: '家属代办已撤销',
          remark: `关系：${found.relation}`,
          time: wechatTime(now),
          detail: `服务站已撤销您的家属代办（${found.relation}），这位家人之后不能再为您办理业务。`,
        },
        page: PROXY_PAGES.proxies,
        idempotencyKey: `proxy:${id}:${eventId}`,
      });
    });
    return this.viewOf(await this.db.manager.findOneByOrFail(ProxyLink, { id }), 'staff');
  }

  /** A person's links for staff of their station or district (anyone else 404); the read is audited. */
  async staffList(principal: Principal, holderPersonId: number, requestId: string): Promise<LinkView[]> {
    const desk = await this.deskScope(principal);
    const holder = await this.holderFor(desk, holderPersonId);
    const rows = await this.db.manager.find(ProxyLink, {
      where: { holderPersonId: holder.personId },
      order: { id: 'DESC' },
      take: 50,
    });
    await this.db.transaction((em) =>
      recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'proxy.list_read',
          targetType: 'person',
          targetId: holder.personId,
          detail: { links: rows.length },
          requestId,
        },
        this.clock.now(),
      ),
    );
    return this.viewsOf(rows, 'staff');
  }

  /**
   * The router's question: may `caller` act for the holder named by `X-Acting-For` on a route of
   * `scope`? Yes with an active link between them granting it, the holder's login still enabled:
   * then the request is the holder's (their account and roles) with `actedBy` the caller.
   * Anything else is 403 PROXY_NOT_ALLOWED, read fresh on every request, so a revoked link stops
   * at once.
   */
  async actFor(
    caller: Principal,
    holderAccountId: string,
    scope: ProxyServiceName | readonly ProxyServiceName[] | undefined,
  ): Promise<{ principal: Principal; linkId: number }> {
    const wanted: readonly ProxyServiceName[] = scope === undefined ? [] : typeof scope === 'string' ? [scope] : scope;
    if (wanted.length === 0 || !/^[1-9]\d{0,9}$/.test(holderAccountId)) throw ProxyErrors.notAllowed();
    const holderId = Number(holderAccountId);
    const em = this.db.manager;
    const link = await em.findOneBy(ProxyLink, {
      holderAccountId: holderId,
      proxyAccountId: caller.accountId,
      status: 'active',
    });
    if (!link || !wanted.some((s) => servicesOf(link).includes(s))) throw ProxyErrors.notAllowed();
    const [place, roles] = await Promise.all([placementOf(em, holderId), rolesOf(em, holderId)]);
    if (!place || place.disabled) throw ProxyErrors.notAllowed();
    return { principal: { accountId: holderId, roles, actedBy: caller.accountId }, linkId: link.id };
  }

  /** Records one request made as a proxy, once answered. */
  async recordAction(entry: {
    linkId: number;
    proxyAccountId: number;
    holderAccountId: number;
    method: string;
    route: string;
    status: number;
  }): Promise<void> {
    await this.db.transaction((em) =>
      em.insert(ProxyAction, {
        linkId: entry.linkId,
        proxyAccountId: entry.proxyAccountId,
        holderAccountId: entry.holderAccountId,
        method: entry.method.slice(0, 8),
        route: entry.route.slice(0, 200),
        status: entry.status,
        createdAt: this.clock.now(),
      }),
    );
  }

  /**
   * Ends every link an account is on, either side, as it is deleted (inside the deletion's
   * transaction): the family member's rights stop with it.
   */
  async revokeAllOf(em: EntityManager, accountId: number, now: Date): Promise<void> {
    const links = await em.find(ProxyLink, {
      where: [
        { holderAccountId: accountId, status: In(['invited', 'active']) },
        { proxyAccountId: accountId, status: In(['invited', 'active']) },
      ],
    });
    for (const link of links) await this.move(em, link, 'revoke', { accountId: null, role: 'system' }, now);
  }

  /**
   * Takes one of the holder's numbered places (`<holder>:<n>`) and the pair's key for a link
   * becoming active, through `write` (which sets them): the unique keys settle two links racing
   * for the same place or pair. Returns what `write` returns.
   */
  private async activate<T>(
    em: EntityManager,
    link: Pick<ProxyLink, 'holderAccountId'>,
    proxyAccountId: number,
    write: (set: { pairKey: string; slotKey: string }) => Promise<T>,
  ): Promise<T> {
    const pairKey = `${link.holderAccountId}:${proxyAccountId}`;
    if (await em.existsBy(ProxyLink, { pairKey })) throw ProxyErrors.exists();
    for (let n = 1; n <= MAX_ACTIVE_PROXIES; n++) {
      const slotKey = `${link.holderAccountId}:${n}`;
      if (await em.existsBy(ProxyLink, { slotKey })) continue;
      try {
        return await write({ pairKey, slotKey });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (await em.existsBy(ProxyLink, { pairKey })) throw ProxyErrors.exists();
      }
    }
    throw ProxyErrors.limitReached(MAX_ACTIVE_PROXIES);
  }

  /** Marks the holder's invitations past their time as expired (housekeeping before a new one). */
  private async expireInvitations(em: EntityManager, holderAccountId: number, now: Date): Promise<void> {
    const stale = await em.find(ProxyLink, {
      where: { holderAccountId, status: 'invited', codeExpiresAt: LessThan(now) },
    });
    for (const link of stale) await this.move(em, link, 'expire', { accountId: null, role: 'system' }, now);
  }

  private async move(
    em: EntityManager,
    link: ProxyLink,
    action: ProxyLinkTransition,
    actor: TransitionActor,
    now: Date,
  ): Promise<number> {
    const ends = action === 'revoke' || action === 'expire';
    const moved = await transition(em, {
      entity: ProxyLink,
      id: link.id,
      table: PROXY_LINK_TRANSITIONS,
      action,
      actor,
      at: now,
      set: { updatedAt: now, ...(ends ? { pairKey: null, slotKey: null, endedAt: now } : {}) },
      history: PROXY_LINK_HISTORY,
    });
    return moved.eventId;
  }

  private async record(
    em: EntityManager,
    linkId: number,
    action: ProxyLinkEvent['action'],
    from: ProxyLinkStatus | null,
    to: ProxyLinkStatus,
    actor: TransitionActor,
    at: Date,
  ): Promise<number> {
    const r = await em.insert(ProxyLinkEvent, {
      linkId,
      action,
      fromStatus: from,
      toStatus: to,
      actorAccountId: actor.accountId,
      actorRole: actor.role as ProxyActor,
      reason: null,
      createdAt: at,
    });
    return Number(r.identifiers[0].id);
  }

  private codeHash(code: string): string {
    return this.fieldCrypto.blindIndex(code, CODE_CONTEXT);
  }

  private async deskScope(principal: Principal): Promise<DeskScope> {
    const member = (await this.staff.findStaffMembers([principal.accountId])).get(principal.accountId);
    return deskScopeOf(principal.accountId, member);
  }

  /**
   * The holder as staff at this desk may serve them: a person with a login, of the desk's station
   * or district by their latest card application; a holder without one only at district level.
   */
  private async holderFor(desk: DeskScope, personId: number): Promise<{ personId: number; accountId: number }> {
    const person = await this.people.personById(personId);
    const accountId = person?.accountId;
    if (!person || !accountId) throw notFound('没有找到这位持证人');
    const place = await this.applications.placeOf(this.db.manager, accountId);
    if (!servesHolder(desk, place)) throw notFound('没有找到这位持证人');
    return { personId: person.id, accountId };
  }

  private async viewOf(link: ProxyLink, side: Reader): Promise<LinkView> {
    return (await this.viewsOf([link], side))[0];
  }

  /** Links with the other side's name: for the holder the family member, for the family member the holder. */
  private async viewsOf(links: ProxyLink[], side: Reader): Promise<LinkView[]> {
    const otherOf = (l: ProxyLink) => (side === 'proxy' ? l.holderAccountId : l.proxyAccountId);
    const ids = links.map(otherOf).filter((x): x is number => x !== null);
    const identities = await this.people.identitiesOf(ids);
    const now = this.clock.now();
    return links.map((link) => {
      const other = otherOf(link);
      const who = other === null ? undefined : identities.get(other);
      return {
        link,
        side,
        status: statusNow(link, now),
        services: servicesOf(link),
        other: who ? { name: who.name, phoneLast4: who.phoneLast4 } : null,
      };
    });
  }
}

const joinServices = (services: readonly ProxyServiceName[]) =>
  PROXY_SERVICES.filter((s) => services.includes(s)).join(',');

const describeServices = (link: Pick<ProxyLink, 'services'>) =>
  servicesOf(link)
    .map((s) => PROXY_SERVICE_WORDS[s])
    .join('、');
