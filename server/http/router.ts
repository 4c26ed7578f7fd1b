import Router from '@koa/router';
import type { TokenService } from '../modules/auth/tokens';
import type { AppContext, AppState, Principal } from './context';
import { forbidden, payloadTooLarge, unauthenticated } from './errors';
import { readMultipart } from './multipart';
import type { RouteSpec } from './route';
import { parseInput } from './validate';

/** Reads and verifies `Authorization: Bearer <token>`. */
export function authenticate(ctx: AppContext, tokens: TokenService): Principal {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated();
  return tokens.verifyAccess(match[1]);
}

/** Registers every route with its declared chain: rate limit, access, validation, handler. */
export function buildRouter(routes: RouteSpec[], tokens: TokenService): Router<AppState> {
  const router = new Router<AppState>();
  for (const spec of routes) {
    router[spec.method](spec.path, async (ctx) => {
      const c = ctx as unknown as AppContext;
      for (const limiter of spec.rateLimit ?? []) limiter.hit(c);

      let principal: Principal | undefined;
      if (spec.access !== 'public') {
        principal = authenticate(c, tokens);
        c.state.principal = principal;
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
        if (declared > spec.multipart.maxBytes + 64 * 1024) throw payloadTooLarge();
        const form = await readMultipart(c, spec.multipart);
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
