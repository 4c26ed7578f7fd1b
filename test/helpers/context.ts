import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createContainer, type Container, type ContainerOverrides } from '../../server/container';
import type { ResponseMismatch } from '../../server/http/response-check';
import type { RouteSpec } from '../../server/http/route';
import { FakeClock } from '../../server/lib/clock';
import { createLogger } from '../../server/lib/logger';
import { openTestDatabase, testDatabaseUrl } from './database';

export interface TestContext {
  config: Config;
  container: Container;
  clock: FakeClock;
  /** Every log line the server wrote, to check that none carries personal data. */
  logs: string[];
  http: TestAgent;
  close(): Promise<void>;
}

export interface TestContextOptions {
  env?: Record<string, string>;
  overrides?: Omit<ContainerOverrides, 'clock' | 'logger' | 'db'>;
  isDraining?: () => boolean;
  /** Aborts when the app should start draining (long waits end early). */
  drainSignal?: AbortSignal;
  /** Routes of the test's own, added to the app's with the same chain. */
  extraRoutes?: RouteSpec[];
  /** Check every answer against its route's declared responses (default true). */
  checkResponses?: boolean;
}

/**
 * Answers that did not match what their route declares, not yet reported. Every test fails while
 * one is left (the hooks below); a test that provokes one on purpose takes it with
 * `takeResponseMismatches()`.
 */
const responseMismatches: ResponseMismatch[] = [];

/** The mismatches found since the last call, and forgets them. */
export function takeResponseMismatches(): ResponseMismatch[] {
  return responseMismatches.splice(0);
}

function failOnResponseMismatches(): void {
  const found = takeResponseMismatches();
  if (found.length === 0) return;
  const lines = found.map((m) => `${m.method} ${m.route} → ${m.status}\n    ${m.problems.join('\n    ')}`);
  throw new Error(`Answers that do not match their route's declared response schema:\n  ${lines.join('\n  ')}`);
}

// Top-level hooks of a helper every server test imports: they apply to every test of the file.
if (typeof afterEach === 'function') afterEach(failOnResponseMismatches);
if (typeof afterAll === 'function') afterAll(failOnResponseMismatches);

/**
 * Where every test context's clock starts: a fixed weekday morning in Asia/Shanghai (Wednesday
 * 2027-03-10, 09:30), so a run does not depend on the day or hour it happens on. Tests move it
 * with `clock.set` / `clock.advance`.
 */
export const TEST_CLOCK_START = '2027-03-10T01:30:00Z';

/** The real app, in process, against a real database, with a fake clock and captured logs. */
export async function createTestContext(opts: TestContextOptions = {}): Promise<TestContext> {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATABASE_URL: testDatabaseUrl(),
    FILE_STORAGE_DIR: storageDir,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Races and flows write fast from one account: limits are tested on their own, set low there.
    WRITE_RATE_LIMIT_PER_MINUTE: '100000',
    UPLOAD_DAILY_COUNT: '100000',
    UPLOAD_DAILY_MB: '2000',
    ...opts.env,
  });
  const clock = new FakeClock(TEST_CLOCK_START);
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const db = await openTestDatabase(config.database, config.dbLimits);
  const container = await createContainer(config, { ...opts.overrides, clock, logger, db });
  const app = buildApp(container, {
    isDraining: opts.isDraining,
    drainSignal: opts.drainSignal,
    extraRoutes: opts.extraRoutes,
    checkResponses: opts.checkResponses === false ? undefined : (m) => responseMismatches.push(m),
  });
  return {
    config,
    container,
    clock,
    logs,
    http: request(app.callback()),
    close: async () => {
      await db.close();
      fs.rmSync(storageDir, { recursive: true, force: true });
      if (config.database.type === 'sqlite')
        fs.rmSync(path.dirname(config.database.file), { recursive: true, force: true });
    },
  };
}
