import Koa from 'koa';
import type { Container } from './container';
import type { RouteHooks } from './module';
import type { AppState } from './http/context';
import {
  connectionErrorLog,
  errorHandler,
  methodOverride,
  requestId,
  requestLog,
  securityHeaders,
} from './http/middleware';
import { buildOpenApi } from './http/openapi';
import { responseCheck, type ResponseMismatch } from './http/response-check';
import { RateLimiter } from './http/rate-limit';
import type { RouteSpec } from './http/route';
import { buildRouter } from './http/router';
import { JOBS } from './jobs';
import { jobsRoutes } from './jobs/jobs.routes';
import { MODULES } from './modules';
import { ConsoleSite } from './modules/console/console-site.service';
import { consoleStatic } from './modules/console/console.routes';

export interface AppOptions {
  /** True while the process drains for shutdown: readiness then answers 503. */
  isDraining?: () => boolean;
  /**
   * Aborts when the process starts draining: handlers that wait (long polls) end early with their
   * ordinary answer. With it alone, draining is read from it.
   */
  drainSignal?: AbortSignal;
  /** Routes added to the API's own, with the same chain (the HTTP edge's tests bring theirs). */
  extraRoutes?: RouteSpec[];
  /** Checks every answer against its route's declared responses and reports each mismatch (tests). */
  checkResponses?: (mismatch: ResponseMismatch) => void;
  /** The built console's folder, instead of the project's `console/dist` (tests). */
  consoleDir?: string;
}

/** The API's title and version in its OpenAPI document. */
export const API_INFO = { title: '戎友 API', version: '1' };

/**
 * Every route of the API, built from the container's services. Building them calls no service:
 * the OpenAPI document can be made from them without a database.
 */
export function apiRoutes(c: Container, hooks: RouteHooks): RouteSpec[] {
  const services = c.services as Record<string, unknown>;
  return [
    ...MODULES.flatMap((m) => (m.routes ? m.routes(services as never, c, hooks) : [])),
    ...jobsRoutes(c.db, JOBS),
  ];
}

/** Builds the Koa application from its dependencies. It does not listen: main.ts and tests do. */
export function buildApp(c: Container, opts: AppOptions = {}): Koa<AppState> {
  const { config } = c;
  const drainSignal = opts.drainSignal;
  const isDraining = opts.isDraining ?? (drainSignal ? () => drainSignal.aborted : undefined);
  let openApi: unknown;
  const routes = [
    ...apiRoutes(c, { isDraining: isDraining ?? (() => false), openApi: () => openApi }),
    ...(opts.extraRoutes ?? []),
  ];
  openApi = buildOpenApi(routes, API_INFO);

  // Behind a proxy, the client address is the entry that many hops from the right of
  // X-Forwarded-For (the one the outermost trusted proxy wrote); without one, the header is ignored.
  const app = new Koa<AppState>({
    proxy: config.trustProxy,
    maxIpsCount: config.trustProxy ? config.trustProxyHops : 0,
  });
  // Replaces Koa's default listener, which prints to stderr.
  app.on('error', connectionErrorLog(c.logger));
  // Every authenticated write counts against its account, whatever the route.
  const writeLimiter = new RateLimiter(c.rateLimits, {
    name: 'writes-account',
    max: config.limits.writesPerMinute,
    windowMs: 60_000,
    keyOf: (ctx) => (ctx.state.principal ? String(ctx.state.principal.accountId) : undefined),
  });
  const router = buildRouter(routes, c.tokens, {
    uploadTimeoutMs: config.limits.uploadTimeoutMs,
    sessions: c.sessions,
    writeLimiter,
    jsonLimitBytes: config.limits.jsonBodyKb * 1024,
    drainSignal,
    // Family members acting for holders (X-Acting-For): the proxies module answers who may.
    acting: c.services.proxies,
  });
  app.use(requestId());
  app.use(methodOverride());
  if (isDraining) {
    const draining = isDraining;
    // While shutting down, answer what is in flight and close each connection after its response.
    app.use(async (ctx, next) => {
      await next();
      if (draining()) ctx.set('Connection', 'close');
    });
  }
  app.use(requestLog(c.logger));
  // Outside the error handler, so it sees error answers as they leave.
  if (opts.checkResponses) app.use(responseCheck(opts.checkResponses));
  app.use(errorHandler(c.logger));
  app.use(securityHeaders(config.env === 'production'));
  app.use(consoleStatic(opts.consoleDir ? new ConsoleSite(opts.consoleDir) : c.services.consoleSite));
  app.use(router);
  return app;
}
