import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Container } from './container';
import type { AppState } from './http/context';
import { connectionErrorLog, errorHandler, methodOverride, requestId, requestLog, securityHeaders } from './http/middleware';
import { buildOpenApi } from './http/openapi';
import { RateLimiter } from './http/rate-limit';
import type { RouteSpec } from './http/route';
import { buildRouter } from './http/router';
import { JOBS } from './jobs';
import { jobsRoutes } from './jobs/jobs.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { cardsRoutes } from './modules/cards/cards.routes';
import { staffCardsRoutes } from './modules/cards/staff-cards.routes';
import { filesRoutes } from './modules/files/files.routes';
import { healthRoutes } from './modules/health/health.routes';
import { deskRoutes } from './modules/legal-aid/desk.routes';
import { legalAidRoutes } from './modules/legal-aid/legal-aid.routes';
import { merchantPortalRoutes } from './modules/merchants/merchant-portal.routes';
import { merchantsRoutes } from './modules/merchants/merchants.routes';
import { staffMerchantsRoutes } from './modules/merchants/staff-merchants.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { identityChangeRoutes } from './modules/people/identity-change.routes';
import { peopleRoutes } from './modules/people/people.routes';
import { staffRoutes } from './modules/staff/staff.routes';

export interface AppOptions {
  /** True while the process drains for shutdown: readiness then answers 503. */
  isDraining?: () => boolean;
}

/** Builds the Koa application from its dependencies. It does not listen: main.ts and tests do. */
export function buildApp(c: Container, opts: AppOptions = {}): Koa<AppState> {
  const { config, services } = c;
  let openApi: unknown;
  const routes: RouteSpec[] = [
    ...healthRoutes(c.db, opts.isDraining ?? (() => false), () => openApi),
    ...authRoutes(services.auth, { loginPerMinute: config.limits.loginPerMinute, clock: c.clock }),
    ...peopleRoutes(services.people),
    ...identityChangeRoutes(services.identityChanges),
    ...filesRoutes(services.files, config.limits.uploadMb * 1024 * 1024),
    ...staffRoutes(services.staff),
    ...notificationsRoutes(services.notifications),
    ...cardsRoutes(services.applications, services.cards),
    ...staffCardsRoutes(services.review, services.batches, services.cardStats, c.clock),
    ...merchantsRoutes(services.merchants, services.browse, services.redemptions, services.complaints),
    ...merchantPortalRoutes(services.merchants, services.offers, services.redemptions),
    ...staffMerchantsRoutes(services.merchants, services.complaints, services.redemptions),
    ...legalAidRoutes(services.providers, services.booking, c.clock),
    ...deskRoutes(services.providers, services.serving),
    ...jobsRoutes(c.db, JOBS),
  ];
  openApi = buildOpenApi(routes, { title: '戎友 API', version: '1' });

  const app = new Koa<AppState>({ proxy: config.trustProxy });
  // Replaces Koa's default listener, which prints to stderr.
  app.on('error', connectionErrorLog(c.logger));
  // Every authenticated write counts against its account, whatever the route.
  const writeLimiter = new RateLimiter(
    'writes-account',
    config.limits.writesPerMinute,
    60_000,
    (ctx) => (ctx.state.principal ? String(ctx.state.principal.accountId) : undefined),
    c.clock,
  );
  const router = buildRouter(routes, c.tokens, { uploadTimeoutMs: config.limits.uploadTimeoutMs, sessions: c.sessions, writeLimiter });
  app.use(requestId());
  app.use(methodOverride());
  if (opts.isDraining) {
    const draining = opts.isDraining;
    // While shutting down, answer what is in flight and close each connection after its response.
    app.use(async (ctx, next) => {
      await next();
      if (draining()) ctx.set('Connection', 'close');
    });
  }
  app.use(requestLog(c.logger));
  app.use(errorHandler(c.logger));
  app.use(securityHeaders(config.env === 'production'));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: `${config.limits.jsonBodyKb}kb`, encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
