import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccountRole } from './account-role.entity';
import { Account } from './account.entity';
import { RefreshToken } from './refresh-token.entity';
import type { Role } from './roles';

/** Account reads and writes shared by login, staff administration and later modules (roles granted on approval). */

/**
 * An account's id and display name with its roles, one row per role (`id`, `displayName`, `role`,
 * a null role for an account with none), as a query a caller may join more of its own onto: the
 * account's alias is `a`.
 */
export function accountWithRolesQuery(em: EntityManager, accountId: number): SelectQueryBuilder<Account> {
  return em
    .createQueryBuilder(Account, 'a')
    .leftJoin(AccountRole, 'r', 'r.account_id = a.id')
    .select('a.id', 'id')
    .addSelect('a.display_name', 'displayName')
    .addSelect('r.role', 'role')
    .where('a.id = :accountId', { accountId });
}

export async function rolesOf(em: EntityManager, accountId: number): Promise<Role[]> {
  const rows = await em.find(AccountRole, { where: { accountId }, order: { role: 'ASC' } });
  return rows.map((r) => r.role);
}

/** Where an account works (staff's station and district) and whether it may still act; null when unknown. */
export async function placementOf(
  em: EntityManager,
  accountId: number,
): Promise<{ displayName: string; stationId: number | null; districtId: number | null; disabled: boolean } | null> {
  const a = await em.findOne(Account, {
    where: { id: accountId },
    select: { id: true, displayName: true, stationId: true, districtId: true, disabled: true },
  });
  return a
    ? { displayName: a.displayName, stationId: a.stationId, districtId: a.districtId, disabled: a.disabled }
    : null;
}

/** The WeChat openid an account signed in with (what WeChat Pay names the payer by); null for password accounts. */
export async function openidOf(em: EntityManager, accountId: number): Promise<string | null> {
  const a = await em.findOne(Account, { where: { id: accountId }, select: { id: true, openid: true } });
  return a?.openid ?? null;
}

/** Grants a role; granting one the account already has is a no-op. */
export async function grantRole(em: EntityManager, accountId: number, role: Role, now: Date): Promise<void> {
  const existing = await em.findOne(AccountRole, { where: { accountId, role } });
  if (existing) return;
  await em.insert(AccountRole, { accountId, role, createdAt: now });
}

export interface NewAccount {
  openid?: string;
  unionid?: string;
  username?: string;
  passwordHash?: string;
  displayName: string;
  stationId?: number | null;
  districtId?: number | null;
  roles: Role[];
}

/** Inserts an account with its roles. A unique violation (openid, username) propagates to the caller. */
export async function insertAccount(em: EntityManager, input: NewAccount, now: Date): Promise<Account> {
  const result = await em.insert(Account, {
    openid: input.openid ?? null,
    unionid: input.unionid ?? null,
    username: input.username ?? null,
    passwordHash: input.passwordHash ?? null,
    displayName: input.displayName,
    stationId: input.stationId ?? null,
    districtId: input.districtId ?? null,
    disabled: false,
    tokenVersion: 0,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const id = Number(result.identifiers[0].id);
  for (const role of new Set(input.roles)) await em.insert(AccountRole, { accountId: id, role, createdAt: now });
  return em.findOneByOrFail(Account, { id });
}

/**
 * Ends every access token the account holds now: raises its token version, which each request
 * checks. After the commit, tell this instance's SessionGuard (`invalidate`) so it does not wait
 * for its cache to expire.
 */
export async function bumpTokenVersion(em: EntityManager, accountId: number, now: Date): Promise<void> {
  await em
    .createQueryBuilder()
    .update(Account)
    .set({ tokenVersion: () => 'token_version + 1', updatedAt: now })
    .where('id = :id', { id: accountId })
    .execute();
}

/** Revokes every refresh token of the account still usable, so no session can be renewed. */
export async function revokeRefreshTokens(em: EntityManager, accountId: number, now: Date): Promise<void> {
  await em
    .createQueryBuilder()
    .update(RefreshToken)
    .set({ revokedAt: now })
    .where('account_id = :id AND revoked_at IS NULL', { id: accountId })
    .execute();
}

/**
 * Disables the account and ends every session it has: access tokens (token version) and refresh
 * tokens. After the commit, tell this instance's SessionGuard (`invalidate`).
 */
export async function disableAccount(em: EntityManager, accountId: number, now: Date): Promise<void> {
  await em.update(Account, { id: accountId }, { disabled: true, updatedAt: now });
  await bumpTokenVersion(em, accountId, now);
  await revokeRefreshTokens(em, accountId, now);
}
