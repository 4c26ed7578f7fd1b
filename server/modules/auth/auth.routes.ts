import type { AppContext } from '../../http/context';
import { clientAddressKey, RateLimiter, type RateLimitCounters } from '../../http/rate-limit';
import { route } from '../../http/route';
import { unauthenticated } from '../../lib/errors';
import { presentSession, presentSignIn } from './auth.presenter';
import {
  consoleSessionView,
  mfaChallengeView,
  mfaEnrollBody,
  mfaEnrolmentView,
  mfaVerifyBody,
  passwordLoginBody,
  refreshBody,
  sessionView,
  wechatLoginBody,
} from './auth.schemas';
import type { AuthService, Session } from './auth.service';
import { z } from 'zod';

/** Refreshes and logouts per address, against this many times the login allowance. */
const SESSION_FACTOR = 10;

/** The console's refresh token: script cannot read it, and the browser sends it to the auth paths only. */
export const REFRESH_COOKIE = 'ry_refresh';
/** The console's CSRF token: readable by the console's script, which echoes it in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'ry_csrf';
const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** A request from the staff console, which keeps its refresh token in a cookie. */
const fromConsole = (ctx: AppContext) => ctx.get('x-client').toLowerCase() === 'console';

/**
 * Written by hand rather than with `ctx.cookies`: the cookies are always `Secure` (behind the TLS
 * proxy the process itself may see plain HTTP), and are session cookies (no Max-Age) that end with
 * the browser; the server ends the session itself when it is idle.
 */
function setConsoleCookies(ctx: AppContext, refreshToken: string, csrfToken: string): void {
  ctx.append(
    'Set-Cookie',
    `${REFRESH_COOKIE}=${refreshToken}; Path=${REFRESH_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`,
  );
  ctx.append('Set-Cookie', `${CSRF_COOKIE}=${csrfToken}; Path=/; Secure; SameSite=Strict`);
}

function clearConsoleCookies(ctx: AppContext): void {
  const gone = 'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  ctx.append(
    'Set-Cookie',
    `${REFRESH_COOKIE}=; Path=${REFRESH_COOKIE_PATH}; ${gone}; HttpOnly; Secure; SameSite=Strict`,
  );
  ctx.append('Set-Cookie', `${CSRF_COOKIE}=; Path=/; ${gone}; Secure; SameSite=Strict`);
}

/** Both halves of a console request's CSRF check: the header and the readable cookie. */
const csrfOf = (ctx: AppContext) => ({
  csrfHeader: ctx.get('x-csrf-token') || undefined,
  csrfCookie: ctx.cookies.get(CSRF_COOKIE) || undefined,
});

/**
 * Password logins are limited inside `AuthService.passwordLogin` (failures per username, per
 * account and per address). A WeChat code cannot be guessed, so WeChat logins count per address
 * only. Refresh and logout have an allowance of their own, well above the login one: every
 * client behind one address renews its session every quarter hour, and that must not lock
 * anyone out of logging in.
 *
 * The staff console (`X-Client: console`) gets its refresh token as an HttpOnly cookie scoped to
 * these paths, never in the body, with a readable CSRF cookie it must echo in `X-CSRF-Token` to
 * refresh or log out.
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
  // The second factor is limited per account inside the service (5 wrong codes lock it); per
  // address it shares the login allowance's order of magnitude.
  const mfaPerAddress = new RateLimiter(opts.counters, {
    name: 'mfa-address',
    max: opts.loginPerMinute * SESSION_FACTOR,
    windowMs: 60_000,
    keyOf: (ctx) => clientAddressKey(ctx.ip),
  });
  const session = { 200: { description: 'A new session', schema: sessionView } };
  /** The answer of a sign-in that started a session, in the body or (console) the cookies. */
  const answer = (ctx: AppContext, s: Session) => {
    if (s.console) setConsoleCookies(ctx, s.refreshToken, auth.csrfTokenOf(s));
    return { body: presentSession(s) };
  };
  const signIn = (ctx: AppContext, requestId: string) => ({ address: ctx.ip, console: fromConsole(ctx), requestId });

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
      summary:
        'Log in with a username and password (accounts created by staff). Admin and district accounts get ' +
        '`{ mfaRequired, mfaToken, enrolled }` and continue at /auth/mfa/verify (after /auth/mfa/enroll when ' +
        'not enrolled). With `X-Client: console` the refresh token is set as the `ry_refresh` cookie instead',
      access: 'public',
      body: passwordLoginBody,
      responses: {
        200: {
          description: 'A new session, or the second-factor step',
          schema: z.union([sessionView, consoleSessionView, mfaChallengeView]),
        },
      },
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      handler: async ({ body, ctx, requestId }) => {
        const result = await auth.passwordLogin(body.username, body.password, signIn(ctx, requestId));
        return 'mfaRequired' in result ? { body: presentSignIn(result) } : answer(ctx, result);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/mfa/enroll',
      tag: 'auth',
      summary: 'Start enrolling an authenticator app (TOTP, SHA-1, 6 digits, 30 s): the secret and its otpauth URL',
      access: 'public',
      rateLimit: [mfaPerAddress],
      body: mfaEnrollBody,
      responses: { 200: { description: 'The secret to show as a QR code', schema: mfaEnrolmentView } },
      errors: ['UNAUTHENTICATED', 'MFA_ALREADY_ENROLLED', 'RATE_LIMITED'],
      handler: async ({ body, ctx, requestId }) => ({
        body: await auth.beginMfaEnrolment(body.mfaToken, signIn(ctx, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/mfa/verify',
      tag: 'auth',
      summary:
        'Complete the sign-in with a code from the authenticator app or a recovery code; the first code after ' +
        'an enrolment also returns the recovery codes (once)',
      access: 'public',
      rateLimit: [mfaPerAddress],
      body: mfaVerifyBody,
      responses: {
        200: { description: 'A new session', schema: z.union([sessionView, consoleSessionView]) },
      },
      errors: ['UNAUTHENTICATED', 'MFA_CODE_INVALID', 'MFA_LOCKED', 'MFA_NOT_ENROLLED', 'RATE_LIMITED'],
      handler: async ({ body, ctx, requestId }) => {
        const proof = 'code' in body ? { code: body.code } : { recoveryCode: body.recoveryCode };
        return answer(ctx, await auth.verifyMfa(body.mfaToken, proof, signIn(ctx, requestId)));
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/refresh',
      tag: 'auth',
      summary:
        'Trade a refresh token for a new pair; a reused token revokes its whole family. The console sends no body: ' +
        'its `ry_refresh` cookie, with `X-CSRF-Token` equal to the `ry_csrf` cookie',
      access: 'public',
      rateLimit: [sessionPerAddress],
      body: refreshBody,
      responses: {
        200: { description: 'A new session', schema: z.union([sessionView, consoleSessionView]) },
      },
      errors: ['UNAUTHENTICATED', 'CSRF_INVALID', 'SESSION_IDLE', 'RATE_LIMITED'],
      handler: async ({ body, ctx }) => {
        if (body.refreshToken) return answer(ctx, await auth.refresh(body.refreshToken));
        const cookie = ctx.cookies.get(REFRESH_COOKIE);
        if (!cookie) throw unauthenticated('登录状态已失效，请重新登录');
        try {
          return answer(ctx, await auth.refresh(cookie, csrfOf(ctx)));
        } catch (err) {
          // A session that is over takes its cookies with it; a failed CSRF check leaves them be.
          if ((err as { status?: number }).status === 401) clearConsoleCookies(ctx);
          throw err;
        }
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      tag: 'auth',
      summary:
        'End the session of a refresh token (the body’s, or the console’s cookie with `X-CSRF-Token`); ' +
        'the console’s cookies are cleared',
      access: 'public',
      rateLimit: [sessionPerAddress],
      body: refreshBody,
      responses: { 204: { description: 'Logged out' } },
      errors: ['CSRF_INVALID', 'RATE_LIMITED'],
      handler: async ({ body, ctx }) => {
        if (body.refreshToken) {
          await auth.logout(body.refreshToken);
          return { status: 204 };
        }
        const cookie = ctx.cookies.get(REFRESH_COOKIE);
        if (cookie) await auth.logout(cookie, csrfOf(ctx));
        clearConsoleCookies(ctx);
        return { status: 204 };
      },
    }),
  ];
};
