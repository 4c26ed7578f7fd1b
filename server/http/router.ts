import Router from '@koa/router';
import type { SessionGuard } from '../modules/auth/session-guard';
import type { TokenService } from '../modules/auth/tokens';
import type { AppContext, AppState, Principal } from './context';
import { forbidden, payloadTooLarge, unauthenticated } from './errors';
import { readMultipart } from './multipart';
import type { Limiter } from './rate-limit';
import type { RouteSpec } from './route';
import { parseInput } from './validate';

/**
 * Reads and verifies `Authorization: Bearer <token>`, then checks that the account is enabled and
 * the token carries its current token version (logout, disabling and role changes bump it).
 */
export async function authenticate(ctx: AppContext, tokens: TokenService, sessions: SessionGuard): Promise<Principal> {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated();
  const { principal, tokenVersion } = tokens.verifyAccess(match[1]);
  await sessions.assertCurrent(principal.accountId, tokenVersion);
  return principal;
}

export interface RouterOptions {
  /** How long a multipart body may take to arrive (408 after that). */
  uploadTimeoutMs: number;
  /** Whether an access token's account is still enabled and at the token's version. */
  sessions: SessionGuard;
  /** Counts every authenticated non-GET request against its account (429 when spent). */
  writeLimiter?: Limiter;
}

/** Registers every route with its declared chain: rate limit, access, validation, handler. */
export function buildRouter(routes: RouteSpec[], tokens: TokenService, opts: RouterOptions): Router<AppState> {
  const router = new Router<AppState>();
  for (const spec of routes) {
    router[spec.method](spec.path, async (ctx) => {
      const c = ctx as unknown as AppContext;
      for (const limiter of spec.rateLimit ?? []) limiter.hit(c);

      let principal: Principal | undefined;
      if (spec.access !== 'public') {
        principal = await authenticate(c, tokens, opts.sessions);
        c.state.principal = principal;
        if (opts.writeLimiter && spec.method !== 'get') await opts.writeLimiter.hit(c);
        if (spec.access !== 'authenticated' && !spec.access.some((r) => principal!.roles.includes(r))) {
          throw forbidden();
        }
      }

      const params = spec.params ? parseInput(spec.params, ctx.params, 'path') : undefined;
      const query = spec.query ? parseInput(spec.query, ctx.query, 'query') : undefined;
      let body: unknown;
      let file;
      if (spec.multipart) {
        const declared = Number(ctx.get('content-length') || 0);
        if (declared > spec.multipart.maxBytes + 64 * 1024) {
          // Answer before reading, and close rather than read the whole body to keep the connection.
          ctx.set('Connection', 'close');
          throw payloadTooLarge();
        }
        const form = await readMultipart(c, spec.multipart, { timeoutMs: opts.uploadTimeoutMs });
        file = form.file;
        body = spec.body ? parseInput(spec.body, form.fields, 'body') : form.fields;
      } else if (spec.body) {
        body = parseInput(spec.body, ctx.request.body ?? {}, 'body');
      }

      const result = await spec.handler({
        params,
        query,
        body,
        principal: principal as Principal,
        file,
        requestId: c.state.requestId,
        ctx: c,
      });
      if (result) {
        ctx.status = result.status ?? 200;
        if (result.body !== undefined) ctx.body = result.body;
      }
    });
  }
  return router;
}
