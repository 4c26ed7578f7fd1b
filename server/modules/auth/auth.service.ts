import crypto from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { unauthenticated, type AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { Account } from './account.entity';
import { AuthErrors } from './auth.errors';
import type { LoginThrottle } from './login-throttle';
import { bumpTokenVersion, insertAccount, rolesOf } from './accounts.service';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../lib/password';
import { RefreshToken } from './refresh-token.entity';
import type { Role } from './roles';
import type { SessionGuard } from './session-guard.service';
import { hashRefreshToken, type TokenService } from './tokens';
import { WeChatLoginError, type WeChatLoginPort } from './wechat-login.port';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: { id: number; roles: Role[] };
}

const WECHAT_FAILURES: Record<WeChatLoginError['kind'], () => AppError> = {
  invalid_code: AuthErrors.wechatCodeInvalid,
  rate_limited: AuthErrors.wechatRateLimited,
  blocked: AuthErrors.wechatUserBlocked,
  unavailable: AuthErrors.wechatUnavailable,
  misconfigured: AuthErrors.wechatUnavailable,
};

/** Logins and sessions: WeChat and password logins, refresh-token rotation with reuse detection. */
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly wechat: WeChatLoginPort,
    private readonly config: Config['jwt'],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly sessions: SessionGuard,
    private readonly loginThrottle: LoginThrottle,
  ) {}

  /**
   * 1. Trade the code with WeChat (outside any transaction).
   * 2. Find or create the holder account for the openid.
   * 3. Start a new refresh-token family.
   */
  async wechatLogin(code: string): Promise<Session> {
    let identity: { openid: string; unionid?: string };
    try {
      identity = await this.wechat.code2Session(code);
    } catch (err) {
      if (err instanceof WeChatLoginError) {
        if (err.kind === 'misconfigured') this.logger.error('wechat login misconfigured', { errcode: err.errcode });
        throw WECHAT_FAILURES[err.kind]();
      }
      throw err;
    }
    const account = await this.findOrCreateWeChatAccount(identity.openid, identity.unionid);
    if (account.disabled) throw AuthErrors.holderDisabled();
    return this.db.transaction((em) => this.startSession(em, account.id));
  }

  /**
   * 1. Count the attempt against the client address and the username (429 once either is spent).
   * 2. Find the account and count the attempt against it too.
   * 3. Check the password; a failure stays counted.
   * 4. A success gives the attempt back: only failures use up an allowance.
   * 5. Start a new refresh-token family.
   */
  async passwordLogin(username: string, password: string, from: { address: string }): Promise<Session> {
    const attempt = await this.loginThrottle.begin(from.address, username);
    const account = await this.db.manager.findOne(Account, { where: { username } });
    await attempt.againstAccount(account?.id);
    // Check a decoy hash for unknown names so response time does not reveal which names exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyPasswordHash()));
    if (!account || !account.passwordHash || !ok) throw AuthErrors.invalidCredentials();
    await attempt.succeeded();
    if (account.disabled) throw AuthErrors.staffDisabled();
    return this.db.transaction((em) => this.startSession(em, account.id));
  }

  /**
   * Rotates a refresh token. Exactly one caller can use a token (guarded update); a token that
   * was already used is evidence of theft, so its whole family is revoked and the caller gets 401.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const hash = hashRefreshToken(refreshToken);
    const outcome = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const claimed = await em
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ usedAt: now })
        .where('token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now', { hash, now })
        .execute();
      const row = await em.findOne(RefreshToken, { where: { tokenHash: hash } });
      if (claimed.affected === 1 && row) {
        const account = await em.findOneBy(Account, { id: row.accountId });
        if (!account || account.disabled) return { kind: 'rejected' as const };
        return { kind: 'ok' as const, session: await this.startSession(em, row.accountId, row.familyId) };
      }
      if (row && row.usedAt && !row.revokedAt)
        return { kind: 'reused' as const, familyId: row.familyId, accountId: row.accountId };
      return { kind: 'rejected' as const };
    });
    if (outcome.kind === 'ok') return outcome.session;
    if (outcome.kind === 'reused') {
      await this.revokeFamily(outcome.familyId);
      this.logger.warn('refresh token reused; family revoked', { accountId: outcome.accountId });
      throw unauthenticated('登录状态已失效，请重新登录');
    }
    throw unauthenticated('登录状态已失效，请重新登录');
  }

  /**
   * Ends the session the refresh token belongs to (all tokens of its family) and, when that
   * session was still alive, raises the account's token version: every access token it holds
   * stops working at once. The account's other sessions renew theirs with their refresh tokens.
   */
  async logout(refreshToken: string): Promise<void> {
    const row = await this.db.manager.findOne(RefreshToken, { where: { tokenHash: hashRefreshToken(refreshToken) } });
    if (!row) return;
    const ended = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const revoked = await em
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: now })
        .where('family_id = :familyId AND revoked_at IS NULL', { familyId: row.familyId })
        .execute();
      // A session already ended (a replayed logout) changes nothing.
      if (!revoked.affected) return false;
      await bumpTokenVersion(em, row.accountId, now);
      return true;
    });
    if (ended) this.sessions.invalidate(row.accountId);
  }

  /** Creates the first admin from configuration when no account has that username yet. */
  async ensureAdmin(admin: { username: string; password: string }): Promise<boolean> {
    const exists = await this.db.manager.findOne(Account, { where: { username: admin.username } });
    if (exists) return false;
    const passwordHash = await hashPassword(admin.password);
    try {
      await this.db.transaction((em) =>
        insertAccount(
          em,
          { username: admin.username, passwordHash, displayName: '系统管理员', roles: ['admin'] },
          this.clock.now(),
        ),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false; // another instance created it first
      throw err;
    }
  }

  /**
   * The holder account of an openid WeChat vouched for outside a login (a signed customer-service
   * push), made as the first WeChat login would make it: the holder's later login finds the same
   * account, and with it the same conversation.
   */
  async holderForOpenid(openid: string): Promise<{ id: number; disabled: boolean }> {
    const account = await this.findOrCreateWeChatAccount(openid);
    return { id: account.id, disabled: account.disabled };
  }

  /** The openids of these accounts (those that have one), for messages sent back through WeChat. */
  async openidsOf(accountIds: number[]): Promise<Map<number, string>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db.manager.find(Account, {
      where: { id: In([...new Set(accountIds)]) },
      select: { id: true, openid: true },
    });
    return new Map(rows.filter((a) => a.openid).map((a) => [a.id, a.openid as string]));
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ revokedAt: this.clock.now() })
        .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
        .execute(),
    );
  }

  /**
   * Runs outside a transaction on purpose: on MySQL a concurrent first login that loses the race
   * must see the winner's committed row, which a repeatable-read snapshot would hide.
   */
  private async findOrCreateWeChatAccount(openid: string, unionid?: string): Promise<Account> {
    const existing = await this.db.manager.findOne(Account, { where: { openid } });
    if (existing) return existing;
    try {
      return await this.db.transaction((em) =>
        insertAccount(em, { openid, unionid, displayName: '微信用户', roles: ['holder'] }, this.clock.now()),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.db.manager.findOneOrFail(Account, { where: { openid } });
    }
  }

  private async startSession(
    em: EntityManager,
    accountId: number,
    familyId: string = crypto.randomUUID(),
  ): Promise<Session> {
    const now = this.clock.now();
    const roles = await rolesOf(em, accountId);
    const { tokenVersion } = await em.findOneOrFail(Account, {
      select: { id: true, tokenVersion: true },
      where: { id: accountId },
    });
    const refresh = this.tokens.newRefreshToken();
    await em.insert(RefreshToken, {
      accountId,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: new Date(now.getTime() + this.config.refreshTtlDays * 86_400_000),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    await em.update(Account, { id: accountId }, { lastLoginAt: now, updatedAt: now });
    const access = this.tokens.signAccess({ accountId, roles }, Number(tokenVersion));
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      user: { id: accountId, roles },
    };
  }
}
