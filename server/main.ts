import 'reflect-metadata';
import http from 'node:http';
import { buildApp } from './app';
import { loadConfigOrExit } from './config';
import { createContainer } from './container';
import { JOBS } from './jobs';
import { JobRunner } from './jobs/runner';
import { Scheduler } from './jobs/scheduler';
import { createLogger } from './lib/logger';
import { demoBanner, seedDemo } from './seed/demo';
import { findDemoLeftovers } from './seed/demo-leftovers';

/**
 * The process: config → database (migrated; in live mode, refused if it holds demo data) →
 * first admin and demo data → HTTP and scheduler.
 * Shutdown stops accepting, lets requests and job runs under way finish, then closes the pool.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();

  const c = await createContainer(config);
  const log = c.logger;
  if (config.wechat.mode === 'dev') log.warn('WeChat in dev mode: code "dev-<name>" logs in as openid "dev-<name>"');
  if (config.encryption.usingDevKeys) log.warn('using development encryption keys; set ENCRYPTION_KEYS for real data');

  if (config.live.length > 0) {
    const leftovers = await findDemoLeftovers(c.db, config.admin);
    if (leftovers.length > 0) {
      process.stderr.write(
        `Live mode refuses a database that holds demo data:\n${leftovers.map((f) => `  - ${f}`).join('\n')}\n` +
          'Start live on a database that was never seeded with demo data.\n',
      );
      await c.db.close();
      process.exit(78);
    }
  }

  if (config.admin && (await c.services.auth.ensureAdmin(config.admin))) {
    log.info('first admin created', { username: config.admin.username });
  }
  if (config.seedDemo) {
    const created = await seedDemo(c);
    if (created.length > 0) process.stdout.write(demoBanner(created));
  }

  let draining = false;
  // Aborted when shutdown begins: waiting requests (long polls) answer at once instead of holding it up.
  const drain = new AbortController();
  const app = buildApp(c, { isDraining: () => draining, drainSignal: drain.signal });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const scheduler = new Scheduler(new JobRunner(c, config.scheduler.instanceId), log);
  if (config.scheduler.enabled) scheduler.start(JOBS);
  const address = server.address();
  log.info('listening', {
    port: typeof address === 'object' && address ? address.port : config.port,
    database: config.database.type,
  });

  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    drain.abort();
    log.info('shutting down', { signal });
    // Stop accepting; idle keep-alive sockets are closed now, busy ones after their response.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      log.warn('in-flight requests did not finish in time; closing connections');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    timer.unref();
    await Promise.all([closed, scheduler.stop()]);
    clearTimeout(timer);
    await c.db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  createLogger('error').error('failed to start', { err });
  process.exit(1);
});
