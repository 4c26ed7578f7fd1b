import { clientAddressKey, RateLimiter, type RateLimitCounters } from '../../http/rate-limit';
import { route } from '../../http/route';
import { presentSession } from './auth.presenter';
import { passwordLoginBody, refreshBody, sessionView, wechatLoginBody } from './auth.schemas';
import type { AuthService } from './auth.service';

/** Refreshes and logouts per address, against this many times the login allowance. */
const SESSION_FACTOR = 10;

/**
 * Password logins are limited inside `AuthService.passwordLogin` (failures per username, per
 * account and per address). A WeChat code cannot be guessed, so WeChat logins count per address
 * only. Refresh and logout have an allowance of their own, well above the login one: every
 * client behind one address renews its session every quarter hour, and that must not lock
 * anyone out of logging in.
 */
export const authRoutes = (auth: AuthService, opts: { loginPerMinute: number; counters: RateLimitCounters }) => {
  const wechatPerAddress = new RateLimiter(opts.counters, {
    name: 'wechat-login-address',
    max: opts.loginPerMinute,
    windowMs: 60_000,
    keyOf: (ctx) => clientAddressKey(ctx.ip),
  });
  const sessionPerAddress = new RateLimiter(opts.counters, {
    name: 'session-address',
    max: opts.loginPerMinute * SESSION_FACTOR,
    windowMs: 60_000,
    keyOf: (ctx) => clientAddressKey(ctx.ip),
  });
  const session = { 200: { description: 'A new session', schema: sessionView } };

  return [
    route({
      method: 'post',
      path: '/api/v1/auth/wechat-login',
      tag: 'auth',
      summary: 'Log in with the code from wx.login',
      access: 'public',
      rateLimit: [wechatPerAddress],
      body: wechatLoginBody,
      responses: session,
      errors: ['WECHAT_CODE_INVALID', 'WECHAT_USER_BLOCKED', 'WECHAT_UNAVAILABLE', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      handler: async ({ body }) => ({ body: presentSession(await auth.wechatLogin(body.code)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/password-login',
      tag: 'auth',
      summary: 'Log in with a username and password (accounts created by staff)',
      access: 'public',
      body: passwordLoginBody,
      responses: session,
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      handler: async ({ body, ctx }) => ({
        body: presentSession(await auth.passwordLogin(body.username, body.password, { address: ctx.ip })),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/refresh',
      tag: 'auth',
      summary: 'Trade a refresh token for a new pair; a reused token revokes its whole family',
      access: 'public',
      rateLimit: [sessionPerAddress],
      body: refreshBody,
      responses: session,
      errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
      handler: async ({ body }) => ({ body: presentSession(await auth.refresh(body.refreshToken)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      tag: 'auth',
      summary: 'End the session of a refresh token',
      access: 'public',
      rateLimit: [sessionPerAddress],
      body: refreshBody,
      responses: { 204: { description: 'Logged out' } },
      errors: ['RATE_LIMITED'],
      handler: async ({ body }) => {
        await auth.logout(body.refreshToken);
        return { status: 204 };
      },
    }),
  ];
};
