import type { AppContext } from '../../http/context';
import { RateLimiter } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { Clock } from '../../lib/clock';
import { presentSession } from './auth.presenter';
import { passwordLoginBody, refreshBody, sessionView, wechatLoginBody } from './auth.schemas';
import type { AuthService } from './auth.service';

export const authRoutes = (auth: AuthService, opts: { loginPerMinute: number; clock: Clock }) => {
  const perIp = new RateLimiter('login-ip', opts.loginPerMinute, 60_000, (ctx) => ctx.ip, opts.clock);
  // Many addresses guessing one staff password are slowed down too.
  const perUsername = new RateLimiter(
    'login-username',
    opts.loginPerMinute,
    60_000,
    (ctx: AppContext) => {
      const u = (ctx.request.body as { username?: unknown } | undefined)?.username;
      return typeof u === 'string' ? u.trim().toLowerCase() : undefined;
    },
    opts.clock,
  );
  const session = { 200: { description: 'A new session', schema: sessionView } };

  return [
    route({
      method: 'post',
      path: '/api/v1/auth/wechat-login',
      tag: 'auth',
      summary: 'Log in with the code from wx.login',
      access: 'public',
      rateLimit: [perIp],
      body: wechatLoginBody,
      responses: session,
      errors: ['WECHAT_CODE_INVALID', 'WECHAT_UNAVAILABLE', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      handler: async ({ body }) => ({ body: presentSession(await auth.wechatLogin(body.code)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/password-login',
      tag: 'auth',
      summary: 'Log in with a username and password (accounts created by staff)',
      access: 'public',
      rateLimit: [perIp, perUsername],
      body: passwordLoginBody,
      responses: session,
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      handler: async ({ body }) => ({ body: presentSession(await auth.passwordLogin(body.username, body.password)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/refresh',
      tag: 'auth',
      summary: 'Trade a refresh token for a new pair; a reused token revokes its whole family',
      access: 'public',
      rateLimit: [perIp],
      body: refreshBody,
      responses: session,
      errors: ['UNAUTHENTICATED'],
      handler: async ({ body }) => ({ body: presentSession(await auth.refresh(body.refreshToken)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      tag: 'auth',
      summary: 'End the session of a refresh token',
      access: 'public',
      body: refreshBody,
      responses: { 204: { description: 'Logged out' } },
      handler: async ({ body }) => {
        await auth.logout(body.refreshToken);
        return { status: 204 };
      },
    }),
  ];
};
