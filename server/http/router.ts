import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { SessionGuard } from '../modules/auth/session-guard.service';
import type { TokenService } from '../modules/auth/tokens';
import { parseBody, readRawBody } from './body';
import type { AppContext, AppState } from './context';
import type { Principal } from '../lib/principal';
import { AppError, forbidden, payloadTooLarge, unauthenticated } from '../lib/errors';
import { requestSignal } from './long-wait';
import { readMultipart } from './multipart';
import type { Limiter } from './rate-limit';
import type { ProxyScope, RouteSpec } from './route';
import { parseInput } from './validate';
import type { UploadedFile } from '../lib/uploaded-file';

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

/** A request made by a family member for a holder, as it is recorded once answered. */
export interface ActingRecord {
  linkId: number;
  proxyAccountId: number;
  holderAccountId: number;
  method: string;
  /** The route's pattern, never the URL. */
  route: string;
  status: number;
}

/**
 * Lets a family member act for a holder (家属代办, header `X-Acting-For: <holder account id>`). The
 * proxies module provides it; the router only asks.
 */
export interface ActingResolver {
  /**
   * The holder's principal, with `actedBy` the caller, when the caller has an active link to that
   * holder granting `scope`; otherwise throws 403 PROXY_NOT_ALLOWED (also for a route that takes no
   * proxy, `scope` undefined).
   */
  actFor(
    caller: Principal,
    holderAccountId: string,
    scope: ProxyScope | readonly ProxyScope[] | undefined,
  ): Promise<{ principal: Principal; linkId: number }>;
  /** Records one request made as a proxy, whatever its answer. */
  recordAction(entry: ActingRecord): Promise<void>;
}

/** A family member acting for a holder in one request. */
interface Acting {
  linkId: number;
  proxyAccountId: number;
  holderAccountId: number;
}

export interface RouterOptions {
  /** How long a multipart body may take to arrive (408 after that). */
  uploadTimeoutMs: number;
  /** Whether an access token's account is still enabled and at the token's version. */
  sessions: SessionGuard;
  /** Counts every authenticated non-GET request against its account (429 when spent). */
  writeLimiter?: Limiter;
  /** The largest JSON (or XML, or raw) body read, in bytes (413 past it). */
  jsonLimitBytes: number;
  /** Aborts when the process starts draining: every handler's `signal` aborts with it. */
  drainSignal?: AbortSignal;
  /** Family members acting for holders; without it `X-Acting-For` is refused. */
  acting?: ActingResolver;
}

/**
 * Registers every route with its declared chain: body (JSON, or the exact bytes and XML where the
 * route asks), rate limit, access, validation, handler. The handler's `signal` aborts on drain.
 */
export function buildRouter(routes: RouteSpec[], tokens: TokenService, opts: RouterOptions): Middleware<AppState> {
  const table = new RouteTable(routes);
  // JSON bodies are parsed per route, so a route that wants the exact bytes gets them unread.
  const json = bodyParser({ enableTypes: ['json'], jsonLimit: opts.jsonLimitBytes, encoding: 'utf-8' });
  for (const spec of routes) {
    const router = table.routerFor(spec.path);
    const ownBody = Boolean(spec.rawBody || spec.accepts?.some((f) => f !== 'json'));
    router[spec.method](spec.path, async (ctx) => {
      const c = ctx as unknown as AppContext;
      let acting: Acting | undefined;
      const answer = async () => {
        c.state.route = spec;
        let rawBody: Buffer | undefined;
        if (spec.multipart) {
          // Read further down, after access is checked.
        } else if (ownBody) {
          if (ctx.method !== 'GET' && ctx.method !== 'DELETE') {
            rawBody = await readRawBody(c, { limitBytes: opts.jsonLimitBytes, timeoutMs: opts.uploadTimeoutMs });
            ctx.request.body = parseBody(rawBody, ctx.get('content-type'), spec.accepts ?? ['json']);
          }
        } else {
          await json(ctx, async () => undefined);
        }
        for (const limiter of spec.rateLimit ?? []) await limiter.hit(c);

        let principal: Principal | undefined;
        if (spec.access !== 'public') {
          principal = await authenticate(c, tokens, opts.sessions);
          c.state.principal = principal;
          if (opts.writeLimiter && spec.method !== 'get') await opts.writeLimiter.hit(c);
          const actingFor = ctx.get('x-acting-for');
          if (actingFor) {
            // From here on the request is the holder's, made by the family member (`actedBy`).
            if (!opts.acting) throw forbidden();
            const proxyAccountId = principal.accountId;
            const resolved = await opts.acting.actFor(principal, actingFor, spec.proxy);
            principal = resolved.principal;
            c.state.principal = principal;
            acting = { linkId: resolved.linkId, proxyAccountId, holderAccountId: principal.accountId };
          }
          if (spec.access !== 'authenticated' && !spec.access.some((r) => principal!.roles.includes(r))) {
            throw forbidden();
          }
        }

        const params = spec.params ? parseInput(spec.params, ctx.params, 'path') : undefined;
        const query = spec.query ? parseInput(spec.query, ctx.query, 'query') : undefined;
        let body: unknown;
        let file: UploadedFile | undefined;
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
        } else if (ownBody) {
          body = ctx.request.body;
        }

        // Made on first use: most handlers never wait.
        let signal: AbortSignal | undefined;
        const result = await spec.handler({
          params,
          query,
          body,
          principal: principal as Principal,
          file,
          rawBody: spec.rawBody ? rawBody : undefined,
          get signal() {
            if (!signal) signal = requestSignal(c, opts.drainSignal);
            return signal;
          },
          requestId: c.state.requestId,
          ctx: c,
        });
        if (result) {
          ctx.status = result.status ?? 200;
          if (result.body !== undefined) ctx.body = result.body;
        }
      };
      const record = (status: number) =>
        opts.acting!.recordAction({ ...acting!, method: ctx.method, route: spec.path, status });
      try {
        await answer();
      } catch (err) {
        // Every request made as a family member is recorded, refused ones too. The error is the
        // answer: a failure to record it must not replace it.
        if (acting) await record(err instanceof AppError ? err.status : 500).catch(() => undefined);
        throw err;
      }
      if (acting) await record(ctx.status);
    });
  }
  return table.middleware();
}

/** The API's prefix: the segment after it picks a route's group. */
const API_PREFIX = '/api/v1/';
/** A group with more routes than this is split again by its next segment, where none of them has a parameter there. */
const GROUP_MAX = 40;

/**
 * The routes in groups by their first segments after `/api/v1/` (`me`, `legal-aid`, `staff/appeals`),
 * each group a router of its own: a request is matched against its group's few patterns instead of
 * all of them in turn. Paths (case-insensitive, as the patterns are) whose group is unknown go to an
 * empty router, so that unknown paths and methods are answered as before (404, 405 and 501).
 */
class RouteTable {
  private readonly groups = new Map<string, Router<AppState>>();
  /** First segments whose routes are grouped by their second segment too. */
  private readonly deep = new Set<string>();
  private readonly rest = new Router<AppState>();

  constructor(routes: readonly RouteSpec[]) {
    const bySegment = new Map<string, string[][]>();
    for (const r of routes) {
      const segments = apiSegments(r.path);
      if (!segments?.[0]) continue;
      if (/[:*(]/.test(segments[0]))
        throw new Error(`${r.path}: the first segment after ${API_PREFIX} is the route's group, not a parameter`);
      const list = bySegment.get(segments[0]) ?? [];
      list.push(segments);
      bySegment.set(segments[0], list);
    }
    for (const [first, paths] of bySegment) {
      if (paths.length > GROUP_MAX && paths.every((s) => s[1] && !/[:*(]/.test(s[1]))) this.deep.add(first);
    }
  }

  /** The router a route is registered on. */
  routerFor(path: string): Router<AppState> {
    const key = this.keyOf(path);
    if (key === undefined) return this.rest;
    let router = this.groups.get(key);
    if (!router) {
      router = new Router<AppState>();
      this.groups.set(key, router);
    }
    return router;
  }

  middleware(): Middleware<AppState> {
    const dispatch = new Map<Router<AppState>, Middleware<AppState>>();
    const chainOf = (router: Router<AppState>) => {
      let chain = dispatch.get(router);
      if (!chain) {
        // What app.use(router.routes()) then app.use(router.allowedMethods()) would run.
        const routes = router.routes() as unknown as Middleware<AppState>;
        const allowed = router.allowedMethods() as unknown as Middleware<AppState>;
        chain = (ctx, next) => routes(ctx, () => allowed(ctx, next));
        dispatch.set(router, chain);
      }
      return chain;
    };
    for (const router of [...this.groups.values(), this.rest]) chainOf(router);
    return (ctx, next) => {
      const key = this.keyOf(ctx.path);
      const router = (key !== undefined && this.groups.get(key)) || this.rest;
      return chainOf(router)(ctx, next);
    };
  }

  private keyOf(path: string): string | undefined {
    const segments = apiSegments(path.toLowerCase());
    if (!segments?.[0]) return undefined;
    return this.deep.has(segments[0]) ? `${segments[0]}/${segments[1] ?? ''}` : segments[0];
  }
}

/** The first two segments of a path under `/api/v1/`, or undefined for a path outside it. */
function apiSegments(path: string): string[] | undefined {
  if (!path.startsWith(API_PREFIX)) return undefined;
  return path.slice(API_PREFIX.length).split('/', 2);
}
