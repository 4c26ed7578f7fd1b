import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../config';
import { unauthenticated } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { ROLES, type Role } from './roles';

const ISSUER = 'rongyou';
const AUDIENCE = 'rongyou-api';
/** The second-factor step has an audience of its own: neither token passes for the other. */
const MFA_AUDIENCE = 'rongyou-mfa';
/** How long a password sign-in waits for its second factor. */
export const MFA_TOKEN_TTL_SECONDS = 300;

/** What a valid second-factor token speaks for: the account that passed its password. */
export interface VerifiedMfa {
  accountId: number;
  tokenVersion: number;
}

/** A validly signed access token: who it speaks for, and the account token version it was issued at. */
export interface VerifiedAccess {
  principal: Principal;
  tokenVersion: number;
}

/**
 * Access tokens: short-lived HS256 JWTs. The key object is built once: verifying against a raw
 * string secret re-derives it on every call and costs an order of magnitude more.
 */
export class TokenService {
  private readonly key: crypto.KeyObject;
  private activity?: (sessionId: string, accountId: number) => void;

  constructor(
    private readonly config: Config['jwt'],
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(Buffer.from(config.secret, 'utf8'));
  }

  /**
   * Called with the session id of every verified access token that carries one (console sessions),
   * so their idle time counts from the last request, not only from the last refresh.
   */
  onSessionActivity(listener: (sessionId: string, accountId: number) => void): void {
    this.activity = listener;
  }

  /**
   * `tokenVersion` is the account's current one: a later bump makes this token void. `sessionId`
   * (the refresh-token family) is carried by console sessions' tokens, whose activity is recorded.
   */
  signAccess(principal: Principal, tokenVersion: number, sessionId?: string): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.config.accessTtlSeconds;
    const claims = {
      roles: principal.roles,
      ver: tokenVersion,
      typ: 'access',
      iat,
      exp,
      ...(sessionId ? { sid: sessionId } : {}),
    };
    const token = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      subject: String(principal.accountId),
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * Returns the principal of a validly signed access token and the account's token version it
   * carries (the caller checks that version is still current); any defect is 401 without saying which.
   */
  verifyAccess(token: string): VerifiedAccess {
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      }) as jwt.JwtPayload;
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw unauthenticated('登录已过期，请重新登录');
      throw unauthenticated('登录凭证无效，请重新登录');
    }
    const accountId = Number(payload.sub);
    const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    const tokenVersion = payload.ver;
    if (
      payload.typ !== 'access' ||
      !Number.isInteger(accountId) ||
      accountId <= 0 ||
      !Number.isInteger(tokenVersion) ||
      (tokenVersion as number) < 0 ||
      !roles.every((r) => (ROLES as readonly string[]).includes(r))
    ) {
      throw unauthenticated('登录凭证无效，请重新登录');
    }
    if (typeof payload.sid === 'string' && this.activity) this.activity(payload.sid, accountId);
    return { principal: { accountId, roles: roles as Role[] }, tokenVersion: tokenVersion as number };
  }

  /** A short-lived token for the second-factor step only, for the account that passed its password. */
  signMfa(accountId: number, tokenVersion: number): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ ver: tokenVersion, typ: 'mfa', iat, exp: iat + MFA_TOKEN_TTL_SECONDS }, this.key, {
      algorithm: 'HS256',
      subject: String(accountId),
      issuer: ISSUER,
      audience: MFA_AUDIENCE,
    });
  }

  /** The account of a valid second-factor token; anything else (an access token too) is 401. */
  verifyMfa(token: string): VerifiedMfa {
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: MFA_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      }) as jwt.JwtPayload;
    } catch {
      throw unauthenticated('登录步骤已过期，请重新输入用户名和密码');
    }
    const accountId = Number(payload.sub);
    if (payload.typ !== 'mfa' || !Number.isInteger(accountId) || accountId <= 0 || !Number.isInteger(payload.ver)) {
      throw unauthenticated('登录步骤已过期，请重新输入用户名和密码');
    }
    return { accountId, tokenVersion: payload.ver as number };
  }

  /**
   * The CSRF token of a console session: a keyed hash of its refresh-token family, so it is
   * checked against the session itself and not only against the cookie the browser sent.
   */
  csrfFor(familyId: string): string {
    return crypto.createHmac('sha256', this.key).update(`csrf\u0000${familyId}`).digest('base64url');
  }

  /** A new opaque refresh token and the hash that is stored in its place. */
  newRefreshToken(): { token: string; hash: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export const hashRefreshToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');
