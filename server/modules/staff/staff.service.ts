import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { AccountRole } from '../auth/account-role.entity';
import { Account } from '../auth/account.entity';
import {
  bumpTokenVersion,
  disableAccount,
  insertAccount,
  revokeRefreshTokens,
  rolesOf,
} from '../auth/accounts.service';
import { hashPassword } from '../../lib/password';
import type { Role } from '../../lib/principal';
import type { MfaService } from '../auth/mfa.service';
import type { SessionGuard } from '../auth/session-guard.service';
import { AuditLog } from './audit-log.entity';
import { recordAudit } from './audit.service';
import { District } from './district.entity';
import { StaffErrors } from './staff.errors';
import { Station } from './station.entity';

export interface NewStaffAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Exclude<Role, 'holder'>[];
  stationId?: number;
  districtId?: number;
}

/** Roles that belong to one service station (their accounts need one). */
const STATION_ROLES: readonly Role[] = ['station_staff', 'errand_runner'];

/** An account as the admin endpoints answer it. */
export interface AccountState {
  id: number;
  username: string | null;
  disabled: boolean;
  roles: Role[];
}

/** A staff member as other modules see them: name, placement, roles, whether they may still log in. */
export interface StaffMember {
  id: number;
  displayName: string;
  stationId: number | null;
  districtId: number | null;
  roles: Role[];
  disabled: boolean;
}

/** Bureau organisation (districts, stations) and the accounts staff create. */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessions: SessionGuard,
    private readonly mfa: MfaService,
  ) {}

  async listStations(): Promise<Array<Station & { district: District }>> {
    const em = this.db.manager;
    const [stations, districts] = await Promise.all([
      em.find(Station, { order: { districtId: 'ASC', id: 'ASC' } }),
      em.find(District),
    ]);
    const byId = new Map(districts.map((d) => [d.id, d]));
    return stations.map((s) => Object.assign(s, { district: byId.get(s.districtId)! }));
  }

  /**
   * Creates a staff, lawyer or merchant account (admin only).
   * 1. Place it: station staff need a station; district staff a district (or a station in it).
   * 2. Hash the password (outside the transaction: it is slow on purpose).
   * 3. Insert account, roles and the audit entry together.
   */
  async createAccount(actor: Principal, input: NewStaffAccount, requestId: string): Promise<{ id: number }> {
    const em = this.db.manager;
    let stationId: number | null = null;
    let districtId: number | null = input.districtId ?? null;
    if (input.stationId !== undefined) {
      const station = await em.findOneBy(Station, { id: input.stationId });
      if (!station) throw validationFailed('stationId', '服务站不存在');
      if (districtId !== null && districtId !== station.districtId) {
        throw validationFailed('districtId', '服务站不属于该区');
      }
      stationId = station.id;
      districtId = station.districtId;
    } else if (districtId !== null && !(await em.findOneBy(District, { id: districtId }))) {
      throw validationFailed('districtId', '区不存在');
    }
    if (input.roles.some((r) => STATION_ROLES.includes(r)) && stationId === null) {
      throw validationFailed('stationId', '服务站工作人员和代办员须指定所属服务站');
    }
    if (input.roles.includes('district_staff') && districtId === null) {
      throw validationFailed('districtId', '区级工作人员须指定所属区');
    }

    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const account = await onUniqueViolation(
        () =>
          insertAccount(
            tx,
            {
              username: input.username,
              passwordHash,
              displayName: input.displayName,
              stationId,
              districtId,
              roles: input.roles,
            },
            now,
          ),
        StaffErrors.usernameTaken,
      );
      await recordAudit(
        tx,
        {
          actorAccountId: actor.accountId,
          action: 'account.create',
          targetType: 'account',
          targetId: account.id,
          detail: { username: input.username, roles: input.roles, stationId, districtId },
          requestId,
        },
        now,
      );
      return { id: account.id };
    });
  }

  /**
   * Disables an account (admin). It can no longer log in; in the same transaction its refresh
   * tokens are revoked and its token version raised, so its access tokens stop working at once.
   * Disabling one's own account is refused; an account already disabled is left as it is.
   */
  async disableAccount(actor: Principal, accountId: number, requestId: string): Promise<AccountState> {
    if (accountId === actor.accountId) throw StaffErrors.cannotDisableSelf();
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account) throw notFound('账号不存在');
      if (!account.disabled) {
        const now = this.clock.now();
        await disableAccount(em, accountId, now);
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'account.disable',
            targetType: 'account',
            targetId: accountId,
            requestId,
          },
          now,
        );
      }
      return this.stateOf(em, accountId);
    });
    this.sessions.invalidate(accountId);
    return state;
  }

  /** Enables a disabled account again (admin). Its old sessions stay ended: it logs in afresh. */
  async enableAccount(actor: Principal, accountId: number, requestId: string): Promise<AccountState> {
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account) throw notFound('账号不存在');
      if (account.disabled) {
        const now = this.clock.now();
        await em.update(Account, { id: accountId }, { disabled: false, updatedAt: now });
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'account.enable',
            targetType: 'account',
            targetId: accountId,
            requestId,
          },
          now,
        );
      }
      return this.stateOf(em, accountId);
    });
    this.sessions.invalidate(accountId);
    return state;
  }

  /**
   * Sets an account's roles (admin). 'holder' is neither granted nor taken here. When the roles
   * change, the token version is raised: access tokens with the old roles stop working at once,
   * and the next refresh issues one with the new roles.
   * 1. Refuse taking one's own admin role, and staff roles without the placement they need.
   * 2. Delete the roles taken, insert the roles given, bump, audit, in one transaction.
   */
  async setRoles(
    actor: Principal,
    accountId: number,
    wanted: Exclude<Role, 'holder'>[],
    requestId: string,
  ): Promise<AccountState> {
    if (accountId === actor.accountId && !wanted.includes('admin')) throw StaffErrors.cannotDropOwnAdmin();
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account) throw notFound('账号不存在');
      if (wanted.some((r) => STATION_ROLES.includes(r)) && account.stationId === null) {
        throw validationFailed('roles', '服务站工作人员和代办员须属于某个服务站');
      }
      if (wanted.includes('district_staff') && account.districtId === null) {
        throw validationFailed('roles', '区级工作人员须属于某个区');
      }
      const before = await rolesOf(em, accountId);
      const after = new Set<Role>(wanted);
      if (before.includes('holder')) after.add('holder');
      const taken = before.filter((r) => !after.has(r));
      const given = [...after].filter((r) => !before.includes(r));
      if (taken.length > 0 || given.length > 0) {
        const now = this.clock.now();
        for (const role of taken) await em.delete(AccountRole, { accountId, role });
        for (const role of given) await em.insert(AccountRole, { accountId, role, createdAt: now });
        await bumpTokenVersion(em, accountId, now);
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'account.roles',
            targetType: 'account',
            targetId: accountId,
            detail: { before, after: [...after].sort() },
            requestId,
          },
          now,
        );
      }
      return this.stateOf(em, accountId);
    });
    this.sessions.invalidate(accountId);
    return state;
  }

  private async stateOf(em: EntityManager, accountId: number): Promise<AccountState> {
    const account = await em.findOneByOrFail(Account, { id: accountId });
    return {
      id: account.id,
      username: account.username,
      disabled: Boolean(account.disabled),
      roles: await rolesOf(em, accountId),
    };
  }

  /** Staff members by account id (accounts that are not found are left out). */
  /** The enabled accounts of a station holding one of `roles`, by name. */
  async membersOfStation(stationId: number, roles: readonly Role[]): Promise<StaffMember[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Account, 'a')
      .innerJoin(AccountRole, 'r', 'r.account_id = a.id AND r.role IN (:...roles)', { roles })
      .where('a.station_id = :stationId', { stationId })
      .andWhere('a.disabled = :no', { no: false })
      .select(['a.id AS id', 'a.display_name AS display_name', 'r.role AS role'])
      .orderBy('a.display_name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getRawMany<{ id: number | string; display_name: string; role: Role }>();
    const byId = new Map<number, StaffMember>();
    for (const r of rows) {
      const id = Number(r.id);
      const m = byId.get(id) ?? {
        id,
        displayName: r.display_name,
        stationId,
        districtId: null,
        roles: [],
        disabled: false,
      };
      m.roles.push(r.role);
      byId.set(id, m);
    }
    return [...byId.values()];
  }

  async findStaffMembers(ids: readonly number[]): Promise<Map<number, StaffMember>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const em = this.db.manager;
    const accounts = await em.findBy(Account, { id: In(unique) });
    const out = new Map<number, StaffMember>();
    for (const a of accounts) {
      out.set(a.id, {
        id: a.id,
        displayName: a.displayName,
        stationId: a.stationId,
        districtId: a.districtId,
        roles: await rolesOf(em, a.id),
        disabled: Boolean(a.disabled),
      });
    }
    return out;
  }

  /**
   * The audit trail, newest first; `beforeId` continues a previous page. `action` ending in a dot
   * matches the whole family (`account.`); `from`/`to` are Beijing calendar days, both included;
   * `actorAccountId` finds what the account did and its own sign-ins.
   */
  async findAuditEntries(filter: {
    targetType?: string;
    targetId?: string;
    actorAccountId?: number;
    action?: string;
    from?: string;
    to?: string;
    beforeId?: number;
    limit: number;
  }): Promise<AuditLog[]> {
    const q = this.db.manager.createQueryBuilder(AuditLog, 'l');
    if (filter.targetType) q.andWhere('l.target_type = :tt', { tt: filter.targetType });
    if (filter.targetId) q.andWhere('l.target_id = :tid', { tid: filter.targetId });
    // An account's own sign-ins have no actor yet: they are entries about it as a sign-in target.
    if (filter.actorAccountId) {
      q.andWhere("(l.actor_account_id = :actor OR (l.target_type = 'sign_in' AND l.target_id = :actorText))", {
        actor: filter.actorAccountId,
        actorText: String(filter.actorAccountId),
      });
    }
    if (filter.action?.endsWith('.')) {
      q.andWhere("l.action LIKE :family ESCAPE '!'", { family: filter.action.replace(/[!%_]/g, '!$&') + '%' });
    } else if (filter.action) q.andWhere('l.action = :action', { action: filter.action });
    if (filter.from) q.andWhere('l.created_at >= :from', { from: beijingDayStart(filter.from) });
    if (filter.to) q.andWhere('l.created_at < :to', { to: new Date(beijingDayStart(filter.to).getTime() + DAY) });
    if (filter.beforeId) q.andWhere('l.id < :before', { before: filter.beforeId });
    return q.orderBy('l.id', 'DESC').take(filter.limit).getMany();
  }

  /** Accounts with a username (staff, lawyers, merchants), newest first, for the admin's list. */
  async listAccounts(filter: {
    q?: string;
    role?: string;
    stationId?: number;
    districtId?: number;
    disabled?: boolean;
    beforeId?: number;
    limit: number;
  }): Promise<AccountRow[]> {
    const em = this.db.manager;
    const q = em.createQueryBuilder(Account, 'a').where('a.username IS NOT NULL');
    if (filter.q) {
      const like = '%' + filter.q.toLowerCase().replace(/[!%_]/g, '!$&') + '%';
      q.andWhere("(LOWER(a.username) LIKE :like ESCAPE '!' OR LOWER(a.display_name) LIKE :like ESCAPE '!')", { like });
    }
    if (filter.role) {
      q.andWhere('EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role = :role)', {
        role: filter.role,
      });
    }
    if (filter.stationId) q.andWhere('a.station_id = :sid', { sid: filter.stationId });
    if (filter.districtId) q.andWhere('a.district_id = :did', { did: filter.districtId });
    if (filter.disabled !== undefined) q.andWhere('a.disabled = :dis', { dis: filter.disabled });
    if (filter.beforeId) q.andWhere('a.id < :before', { before: filter.beforeId });
    const accounts = await q.orderBy('a.id', 'DESC').take(filter.limit).getMany();
    if (accounts.length === 0) return [];
    const ids = accounts.map((a) => a.id);
    const [roleRows, enrolled] = await Promise.all([
      em.findBy(AccountRole, { accountId: In(ids) }),
      this.mfa.enrolledAmong(em, ids),
    ]);
    return accounts.map((a) => ({
      account: a,
      roles: roleRows
        .filter((r) => r.accountId === a.id)
        .map((r) => r.role as Role)
        .sort(),
      mfaEnrolled: enrolled.has(a.id),
    }));
  }

  /**
   * Sets a new password for an account (admin), for a staff member who lost theirs. Its sessions
   * end at once (token version, refresh tokens): whoever knew the old password is out.
   */
  async resetPassword(actor: Principal, accountId: number, password: string, requestId: string): Promise<AccountState> {
    const passwordHash = await hashPassword(password);
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account || account.username === null) throw notFound('账号不存在');
      const now = this.clock.now();
      await em.update(Account, { id: accountId }, { passwordHash, updatedAt: now });
      if (accountId !== actor.accountId) {
        await bumpTokenVersion(em, accountId, now);
        await revokeRefreshTokens(em, accountId, now);
      }
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'account.password_reset',
          targetType: 'account',
          targetId: accountId,
          requestId,
        },
        now,
      );
      return this.stateOf(em, accountId);
    });
    if (accountId !== actor.accountId) this.sessions.invalidate(accountId);
    return state;
  }

  /**
   * Removes an account's second factor and its recovery codes (admin), for a staff member who lost
   * their phone: the next sign-in enrols again. Its sessions end at once. One's own is refused.
   */
  async resetMfa(actor: Principal, accountId: number, requestId: string): Promise<AccountState> {
    if (accountId === actor.accountId) throw StaffErrors.cannotResetOwnMfa();
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account || account.username === null) throw notFound('账号不存在');
      const now = this.clock.now();
      const wasEnrolled = await this.mfa.remove(em, accountId);
      await bumpTokenVersion(em, accountId, now);
      await revokeRefreshTokens(em, accountId, now);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'account.mfa_reset',
          targetType: 'account',
          targetId: accountId,
          detail: { wasEnrolled },
          requestId,
        },
        now,
      );
      return this.stateOf(em, accountId);
    });
    this.sessions.invalidate(accountId);
    return state;
  }

  /**
   * Moves an account to another station or district (admin). A station places it in that station's
   * district; its staff roles must still have the placement they need. The placement is read on
   * each request, so it applies at once without ending the account's sessions.
   */
  async setPlacement(
    actor: Principal,
    accountId: number,
    place: { stationId: number | null; districtId: number | null },
    requestId: string,
  ): Promise<AccountState> {
    const state = await this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { id: accountId });
      if (!account) throw notFound('账号不存在');
      let { stationId, districtId } = place;
      if (stationId !== null) {
        const station = await em.findOneBy(Station, { id: stationId });
        if (!station) throw validationFailed('stationId', '服务站不存在');
        if (districtId !== null && districtId !== station.districtId) {
          throw validationFailed('districtId', '服务站不属于该区');
        }
        districtId = station.districtId;
      } else if (districtId !== null && !(await em.findOneBy(District, { id: districtId }))) {
        throw validationFailed('districtId', '区不存在');
      }
      const roles = await rolesOf(em, accountId);
      if (roles.some((r) => STATION_ROLES.includes(r)) && stationId === null) {
        throw validationFailed('stationId', '服务站工作人员和代办员须指定所属服务站');
      }
      if (roles.includes('district_staff') && districtId === null) {
        throw validationFailed('districtId', '区级工作人员须指定所属区');
      }
      if (stationId !== account.stationId || districtId !== account.districtId) {
        const now = this.clock.now();
        await em.update(Account, { id: accountId }, { stationId, districtId, updatedAt: now });
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'account.placement',
            targetType: 'account',
            targetId: accountId,
            detail: {
              before: { stationId: account.stationId, districtId: account.districtId },
              after: { stationId, districtId },
            },
            requestId,
          },
          now,
        );
      }
      return this.stateOf(em, accountId);
    });
    this.sessions.invalidate(accountId);
    return state;
  }

  listDistricts(): Promise<District[]> {
    return this.db.manager.find(District, { order: { id: 'ASC' } });
  }

  /** Adds a district (admin); its six-digit division code is unique. */
  async createDistrict(actor: Principal, input: { code: string; name: string }, requestId: string): Promise<District> {
    return this.db.transaction(async (em) => {
      if (await em.existsBy(District, { code: input.code })) throw StaffErrors.districtCodeTaken();
      const now = this.clock.now();
      const res = await em.insert(District, { code: input.code, name: input.name, createdAt: now });
      const id = Number(res.identifiers[0].id);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'district.create',
          targetType: 'district',
          targetId: id,
          detail: input,
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(District, { id });
    });
  }

  /** Renames a district or corrects its code (admin). */
  async updateDistrict(
    actor: Principal,
    id: number,
    input: { code?: string; name?: string },
    requestId: string,
  ): Promise<District> {
    return this.db.transaction(async (em) => {
      const district = await em.findOneBy(District, { id });
      if (!district) throw notFound('区不存在');
      if (input.code && input.code !== district.code && (await em.existsBy(District, { code: input.code }))) {
        throw StaffErrors.districtCodeTaken();
      }
      const changed = changes(district, input);
      if (Object.keys(changed).length > 0) {
        const now = this.clock.now();
        await em.update(District, { id }, changed);
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'district.update',
            targetType: 'district',
            targetId: id,
            detail: changed,
            requestId,
          },
          now,
        );
      }
      return em.findOneByOrFail(District, { id });
    });
  }

  /** Adds a service station to a district (admin); names are unique within a district. */
  async createStation(
    actor: Principal,
    input: { districtId: number; name: string; address: string; phone?: string | null },
    requestId: string,
  ): Promise<Station> {
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(District, { id: input.districtId }))) throw validationFailed('districtId', '区不存在');
      if (await em.existsBy(Station, { districtId: input.districtId, name: input.name })) {
        throw StaffErrors.stationNameTaken();
      }
      const now = this.clock.now();
      const res = await em.insert(Station, {
        districtId: input.districtId,
        name: input.name,
        address: input.address,
        phone: input.phone || null,
        createdAt: now,
      });
      const id = Number(res.identifiers[0].id);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'station.create',
          targetType: 'station',
          targetId: id,
          detail: { districtId: input.districtId, name: input.name },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(Station, { id });
    });
  }

  /** Corrects a station's name, address or phone (admin). */
  async updateStation(
    actor: Principal,
    id: number,
    input: { name?: string; address?: string; phone?: string | null },
    requestId: string,
  ): Promise<Station> {
    return this.db.transaction(async (em) => {
      const station = await em.findOneBy(Station, { id });
      if (!station) throw notFound('服务站不存在');
      if (
        input.name &&
        input.name !== station.name &&
        (await em.existsBy(Station, { districtId: station.districtId, name: input.name }))
      ) {
        throw StaffErrors.stationNameTaken();
      }
      const changed = changes(station, {
        ...input,
        ...(input.phone !== undefined ? { phone: input.phone || null } : {}),
      });
      if (Object.keys(changed).length > 0) {
        const now = this.clock.now();
        await em.update(Station, { id }, changed);
        await recordAudit(
          em,
          {
            actorAccountId: actor.accountId,
            action: 'station.update',
            targetType: 'station',
            targetId: id,
            detail: changed,
            requestId,
          },
          now,
        );
      }
      return em.findOneByOrFail(Station, { id });
    });
  }

  /** Display names and usernames of accounts, for the audit trail's readers. */
  async accountNames(ids: readonly number[]): Promise<Map<number, { username: string | null; displayName: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Account, {
      where: { id: In(unique) },
      select: { id: true, username: true, displayName: true },
    });
    return new Map(rows.map((a) => [a.id, { username: a.username, displayName: a.displayName }]));
  }
}

/** An account as the admin's list shows it. */
export interface AccountRow {
  account: Account;
  roles: Role[];
  mfaEnrolled: boolean;
}

const DAY = 86_400_000;

/** The instant a Beijing calendar day (UTC+8, no daylight saving) begins. */
export const beijingDayStart = (day: string): Date => new Date(day + 'T00:00:00+08:00');

/** The fields of `input` whose values differ from `current`'s. */
function changes<T extends object>(current: T, input: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(input) as Array<[keyof T, T[keyof T]]>) {
    if (v !== undefined && current[k] !== v) out[k] = v;
  }
  return out;
}
