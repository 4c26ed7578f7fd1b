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
import { recordAudit, type AuditEntry } from '../staff/audit.service';
import { requiresMfa, type MfaProof, type MfaService } from './mfa.service';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: { id: number; roles: Role[] };
  /** The refresh-token family: one sign-in and its renewals. */
  familyId: string;
  /** A console session: the refresh token goes into a cookie, never into the body. */
  console: boolean;
  /** Shown once, on the sign-in that completed a second-factor enrolment. */
  recoveryCodes?: string[];
}

/** A password that was right, for an account that must still give its second factor. */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  enrolled: boolean;
}

/** Where a sign-in or renewal comes from. */
export interface SignInContext {
  address: string;
  /** The staff console (`X-Client: console`): a cookie session with CSRF protection and an idle limit. */
  console?: boolean;
  requestId?: string;
}

/** The refresh token of a console session as the browser sent it, with both halves of the CSRF check. */
export interface CookieCredentials {
  refreshToken: string;
  csrfHeader: string | undefined;
  csrfCookie: string | undefined;
}

/** A console session that has neither refreshed nor acted for this long is over. */
export const CONSOLE_IDLE_MS = 30 * 60_000;
/** Console activity is written at most this often per session (the idle limit is in minutes). */
const ACTIVITY_WRITE_MS = 60_000;

interface SignInAudit {
  action: string;
  account: Account | null;
  detail?: Record<string, unknown>;
  requestId?: string;
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
    private readonly mfa: MfaService,
  ) {
    tokens.onSessionActivity((sessionId, accountId) => this.noteActivity(sessionId, accountId));
  }

  /** Console sessions whose activity was written lately, with when: writes are spaced out per session. */
  private readonly activityWritten = new Map<string, number>();

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
   * 5. Admin and district accounts get a second-factor token instead of a session; everyone else
   *    starts a new refresh-token family.
   * Every outcome is written to the audit log.
   */
  async passwordLogin(username: string, password: string, from: SignInContext): Promise<Session | MfaChallenge> {
    const client = from.console ? 'console' : 'api';
    let attempt: Awaited<ReturnType<LoginThrottle['begin']>>;
    // Looked up first so that a refused attempt is audited against the account it aimed at.
    const account = await this.db.manager.findOne(Account, { where: { username } });
    try {
      attempt = await this.loginThrottle.begin(from.address, username);
      await attempt.againstAccount(account?.id);
    } catch (err) {
      if ((err as { code?: string }).code === 'RATE_LIMITED') {
        await this.audit({ action: 'auth.login_locked', account, detail: { client }, requestId: from.requestId });
      }
      throw err;
    }
    // Check a decoy hash for unknown names so response time does not reveal which names exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyPasswordHash()));
    if (!account || !account.passwordHash || !ok) {
      await this.audit({ action: 'auth.password_failed', account, detail: { client }, requestId: from.requestId });
      throw AuthErrors.invalidCredentials();
    }
    await attempt.succeeded();
    if (account.disabled) {
      await this.audit({
        action: 'auth.password_failed',
        account,
        detail: { client, disabled: true },
        requestId: from.requestId,
      });
      throw AuthErrors.staffDisabled();
    }
    const signedIn = account;
    const roles = await rolesOf(this.db.manager, signedIn.id);
    if (requiresMfa(roles)) {
      const enrolled = await this.mfa.isEnrolled(signedIn.id);
      await this.audit({
        action: 'auth.password_ok',
        account: signedIn,
        detail: { client, mfa: true },
        requestId: from.requestId,
      });
      return { mfaRequired: true, mfaToken: this.tokens.signMfa(signedIn.id, Number(signedIn.tokenVersion)), enrolled };
    }
    return this.db.transaction(async (em) => {
      await this.auditIn(em, {
        action: 'auth.password_ok',
        account: signedIn,
        detail: { client, mfa: false },
        requestId: from.requestId,
      });
      return this.startSession(em, signedIn.id, undefined, Boolean(from.console));
    });
  }

  /** Starts a second-factor enrolment for the account of a valid second-factor token that has none yet. */
  async beginMfaEnrolment(mfaToken: string, from: SignInContext): Promise<{ secret: string; otpauthUrl: string }> {
    const account = await this.accountOfMfaToken(mfaToken);
    const enrolment = await this.mfa.beginEnrolment(
      account.id,
      account.username ?? String(account.id),
      this.clock.now(),
    );
    await this.audit({
      action: 'auth.mfa_enrolment_started',
      account,
      detail: { client: from.console ? 'console' : 'api' },
      requestId: from.requestId,
    });
    return enrolment;
  }

  /**
   * The second step of an admin's or district's sign-in:
   * 1. the second-factor token must be valid and its account unchanged since the password step;
   * 2. the code (or recovery code) is checked, and the outcome recorded, in one transaction that
   *    also starts the session on success and writes the audit entry either way;
   * 3. a failure is answered after that transaction commits, so failures are counted.
   */
  async verifyMfa(mfaToken: string, proof: MfaProof, from: SignInContext): Promise<Session> {
    const account = await this.accountOfMfaToken(mfaToken);
    const client = from.console ? 'console' : 'api';
    const outcome = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const check = await this.mfa.check(em, account.id, proof, now);
      if (!check.ok) {
        const action = check.reason === 'locked' ? 'auth.mfa_locked' : 'auth.mfa_failed';
        await this.auditIn(em, {
          action,
          account,
          detail: { client, reason: check.reason },
          requestId: from.requestId,
        });
        return { check } as const;
      }
      await this.auditIn(em, {
        action: 'auth.mfa_ok',
        account,
        detail: { client, method: check.method, firstEnrolment: check.firstEnrolment },
        requestId: from.requestId,
      });
      const session = await this.startSession(em, account.id, undefined, Boolean(from.console));
      return { check, session } as const;
    });
    const { check } = outcome;
    if (check.ok && outcome.session) {
      return check.recoveryCodes ? { ...outcome.session, recoveryCodes: check.recoveryCodes } : outcome.session;
    }
    if (!check.ok && check.reason === 'locked') throw AuthErrors.mfaLocked(check.retryAfterSeconds);
    if (!check.ok && check.reason === 'not_enrolled') throw AuthErrors.mfaNotEnrolled();
    throw AuthErrors.mfaCodeInvalid();
  }

  /**
   * The second-factor token's account, as long as it is enabled and at the token version it had
   * at the password step (a logout or role change in between voids the token).
   */
  private async accountOfMfaToken(mfaToken: string): Promise<Account> {
    const { accountId, tokenVersion } = this.tokens.verifyMfa(mfaToken);
    const account = await this.db.manager.findOneBy(Account, { id: accountId });
    if (!account || account.disabled || Number(account.tokenVersion) !== tokenVersion) {
      throw unauthenticated('登录步骤已过期，请重新输入用户名和密码');
    }
    return account;
  }

  /**
   * Rotates a refresh token. Exactly one caller can use a token (guarded update); a token that
   * was already used is evidence of theft, so its whole family is revoked and the caller gets 401.
   * A console session's token comes from its cookie (`cookie` given) and must come with the
   * session's CSRF token in both the header and the readable cookie; it is over once idle for
   * 30 minutes. A console token in a body, or a body token in the cookie, is refused.
   */
  async refresh(refreshToken: string, cookie?: Omit<CookieCredentials, 'refreshToken'>): Promise<Session> {
    const hash = hashRefreshToken(refreshToken);
    const presented = await this.db.manager.findOne(RefreshToken, { where: { tokenHash: hash } });
    if (!presented || presented.console !== Boolean(cookie)) throw unauthenticated('登录状态已失效，请重新登录');
    if (cookie) {
      this.assertCsrf(presented.familyId, cookie);
      const lastActive = Math.max(presented.createdAt.getTime(), presented.lastActiveAt?.getTime() ?? 0);
      if (!presented.usedAt && !presented.revokedAt && this.clock.now().getTime() - lastActive > CONSOLE_IDLE_MS) {
        await this.revokeFamily(presented.familyId);
        throw AuthErrors.sessionIdle();
      }
    }
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
        return { kind: 'ok' as const, session: await this.startSession(em, row.accountId, row.familyId, row.console) };
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
   * A console session's logout needs its CSRF token like a refresh does.
   */
  async logout(refreshToken: string, cookie?: Omit<CookieCredentials, 'refreshToken'>): Promise<void> {
    const row = await this.db.manager.findOne(RefreshToken, { where: { tokenHash: hashRefreshToken(refreshToken) } });
    if (!row) return;
    if (cookie) this.assertCsrf(row.familyId, cookie);
    if (row.console !== Boolean(cookie)) return;
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

  /** The CSRF token a console session's cookie was issued with (set beside the refresh cookie). */
  csrfTokenOf(session: Session): string {
    return this.tokens.csrfFor(session.familyId);
  }

  /** Header and readable cookie must both carry the session's own CSRF token. */
  private assertCsrf(familyId: string, cookie: Omit<CookieCredentials, 'refreshToken'>): void {
    const expected = Buffer.from(this.tokens.csrfFor(familyId));
    const header = Buffer.from(cookie.csrfHeader ?? '');
    const readable = Buffer.from(cookie.csrfCookie ?? '');
    const same = (b: Buffer) => b.length === expected.length && crypto.timingSafeEqual(b, expected);
    if (!same(header) || !same(readable)) throw AuthErrors.csrfInvalid();
  }

  /**
   * A console session acted (an authenticated request): its current refresh token's
   * `last_active_at` moves, at most once a minute per session. Written after the request's own
   * work, outside it; a failed write only shortens the session.
   */
  private noteActivity(sessionId: string, accountId: number): void {
    const now = this.clock.now().getTime();
    const last = this.activityWritten.get(sessionId);
    if (last !== undefined && now - last < ACTIVITY_WRITE_MS && now >= last) return;
    this.activityWritten.set(sessionId, now);
    if (this.activityWritten.size > 10_000) {
      for (const [key, at] of this.activityWritten) if (now - at >= ACTIVITY_WRITE_MS) this.activityWritten.delete(key);
    }
    this.db
      .transaction((em) =>
        em
          .createQueryBuilder()
          .update(RefreshToken)
          .set({ lastActiveAt: new Date(now) })
          .where('family_id = :sessionId AND account_id = :accountId AND used_at IS NULL AND revoked_at IS NULL', {
            sessionId,
            accountId,
          })
          .execute(),
      )
      .catch((err: unknown) => this.logger.warn('console activity not recorded', { accountId, err }));
  }

  /** Writes a sign-in audit entry in a transaction of its own. */
  private async audit(entry: SignInAudit): Promise<void> {
    await this.db.transaction((em) => this.auditIn(em, entry));
  }

  /**
   * Sign-in entries are filed under `sign_in` with the account as target and no actor: nobody is
   * signed in yet when they are written (and an unknown username has no account at all).
   */
  private async auditIn(em: EntityManager, entry: SignInAudit): Promise<void> {
    const record: AuditEntry = {
      actorAccountId: null,
      action: entry.action,
      targetType: 'sign_in',
      targetId: entry.account?.id ?? null,
      detail: entry.detail,
      requestId: entry.requestId,
    };
    await recordAudit(em, record, this.clock.now());
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
    console = false,
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
      console,
      lastActiveAt: console ? now : null,
      createdAt: now,
    });
    await em.update(Account, { id: accountId }, { lastLoginAt: now, updatedAt: now });
    const access = this.tokens.signAccess({ accountId, roles }, Number(tokenVersion), console ? familyId : undefined);
    if (console) this.activityWritten.set(familyId, now.getTime());
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      user: { id: accountId, roles },
      familyId,
      console,
    };
  }
}
