import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../config';
import { unauthenticated } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { ROLES, type Role } from './roles';

const ISSUER = 'rongyou';
const AUDIENCE = 'rongyou-api';

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

  constructor(
    private readonly config: Config['jwt'],
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(Buffer.from(config.secret, 'utf8'));
  }

  /** `tokenVersion` is the account's current one: a later bump makes this token void. */
  signAccess(principal: Principal, tokenVersion: number): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.config.accessTtlSeconds;
    const token = jwt.sign({ roles: principal.roles, ver: tokenVersion, typ: 'access', iat, exp }, this.key, {
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
    return { principal: { accountId, roles: roles as Role[] }, tokenVersion: tokenVersion as number };
  }

  /** A new opaque refresh token and the hash that is stored in its place. */
  newRefreshToken(): { token: string; hash: string } {
    const token = crypto.randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token) };
  }
}

export const hashRefreshToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');
