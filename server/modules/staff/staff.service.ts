import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { AccountRole } from '../auth/account-role.entity';
import { Account } from '../auth/account.entity';
import { bumpTokenVersion, disableAccount, insertAccount, rolesOf } from '../auth/accounts.service';
import { hashPassword } from '../../lib/password';
import type { Role } from '../../lib/principal';
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
    if (input.roles.includes('station_staff') && stationId === null) {
      throw validationFailed('stationId', '服务站工作人员须指定所属服务站');
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
      if (wanted.includes('station_staff') && account.stationId === null) {
        throw validationFailed('roles', '服务站工作人员须属于某个服务站');
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

  /** The audit trail, newest first; `beforeId` continues a previous page. */
  async findAuditEntries(filter: {
    targetType?: string;
    targetId?: string;
    actorAccountId?: number;
    beforeId?: number;
    limit: number;
  }): Promise<AuditLog[]> {
    const where: FindOptionsWhere<AuditLog> = {};
    if (filter.targetType) where.targetType = filter.targetType;
    if (filter.targetId) where.targetId = filter.targetId;
    if (filter.actorAccountId) where.actorAccountId = filter.actorAccountId;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.db.manager.find(AuditLog, { where, order: { id: 'DESC' }, take: filter.limit });
  }
}
