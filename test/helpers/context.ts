import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createContainer, type Container, type ContainerOverrides } from '../../server/container';
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
}

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
  const clock = new FakeClock(new Date());
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const db = await openTestDatabase(config.database, config.dbLimits);
  const container = await createContainer(config, { ...opts.overrides, clock, logger, db });
  const app = buildApp(container, { isDraining: opts.isDraining });
  return {
    config,
    container,
    clock,
    logs,
    http: request(app.callback()),
    close: async () => {
      await db.close();
      fs.rmSync(storageDir, { recursive: true, force: true });
      if (config.database.type === 'sqlite') fs.rmSync(path.dirname(config.database.file), { recursive: true, force: true });
    },
  };
}
