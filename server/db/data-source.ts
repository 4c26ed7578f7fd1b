import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { DEFAULT_DB_LIMITS, type Config, type DbLimits } from '../config';
import { Database } from './database';
import { entities } from './entities';
import { guardedMysql, type GuardedMysql } from './mysql-pool';

/**
 * Builds (but does not open) the DataSource for the configured database. On MySQL, `guard` adds
 * the timeouts and bounds of `limits` to the pool (see mysql-pool.ts).
 */
export function createDataSource(
  database: Config['database'],
  limits: DbLimits = DEFAULT_DB_LIMITS,
  guard: GuardedMysql = guardedMysql(limits, sessionSql(limits)),
): DataSource {
  if (database.type === 'sqlite') {
    return bindingIntegers(
      new DataSource({
        type: 'better-sqlite3',
        database: database.file,
        entities,
        migrations,
        synchronize: false,
        migrationsRun: false,
        enableWAL: database.file !== ':memory:',
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          // No waiting inside SQLite: better-sqlite3 would wait synchronously and freeze the event
          // loop (and deadlock against a second connection in the same process). The transaction
          // helper retries on a timer instead.
          db.pragma('busy_timeout = 0');
          db.pragma('foreign_keys = ON');
        },
      }),
    );
  }
  return new DataSource({
    type: 'mysql',
    url: database.url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    charset: 'utf8mb4_unicode_ci',
    // Store and read UTC; convert to Asia/Shanghai only at the edge.
    timezone: 'Z',
    dateStrings: false,
    driver: guard.driver,
    connectTimeout: limits.connectTimeoutMs,
    poolSize: limits.poolSize,
    extra: {
      connectionLimit: limits.poolSize,
      waitForConnections: true,
      queueLimit: limits.queueLimit,
      // mysql2 captures a stack trace for every query to decorate its errors; errors keep their code
      // and message without it, and every query pays for it.
      trace: false,
    },
  });
}

/**
 * The reads' own connection to an SQLite file, opened read-only once the writer has put the file
 * in WAL mode: it reads the last committed state, never the rows of a transaction still open on
 * the writer, and neither waits for the writer nor makes it wait. Each query is its own read
 * transaction (better-sqlite3 steps every statement to the end), so a commit is visible to the
 * next read at once.
 */
export function createReadDataSource(file: string): DataSource {
  return bindingIntegers(
    new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities,
      readonly: true,
      fileMustExist: true,
      synchronize: false,
      migrationsRun: false,
      // The journal mode belongs to the file; the writer has set it.
      enableWAL: false,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        // As on the writer: never wait synchronously inside SQLite. In WAL mode the writer does not block a reader.
        db.pragma('busy_timeout = 0');
      },
    }),
  );
}

/**
 * TypeORM's SQLite driver writes a number parameter into the SQL text itself (`WHERE id = 42`), so
 * every id makes another statement: better-sqlite3 prepares it anew, its statement cache (100 per
 * connection) turns over on every request, and each statement it lets go holds its native memory
 * until V8 happens to collect the small object in front of it. Under load the process grew past
 * 450 MB that way (the C heap, not the JS heap). Integers are bound instead, as 64-bit integers
 * (a BigInt binds as INTEGER, as the literal was; a plain number would bind as REAL), so one
 * query shape is one statement whatever its ids. Other numbers are left to the driver.
 */
function bindingIntegers(source: DataSource): DataSource {
  const driver = source.driver as { escapeQueryWithParameters(sql: string, parameters: object): [string, unknown[]] };
  const inline = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters) => {
    if (!parameters) return inline(sql, parameters);
    const bound: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters)) {
      bound[key] = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
    }
    return inline(sql, bound);
  };
  return source;
}

/**
 * Every pooled connection: session time zone UTC, so DB-side defaults agree with the values the
 * server writes; row-lock waits shorter than the query timeout, so they end as a retryable error.
 */
function sessionSql(limits: DbLimits): string {
  return `SET time_zone = '+00:00', innodb_lock_wait_timeout = ${Math.floor(limits.lockWaitTimeoutSeconds)}`;
}

/**
 * Opens the database and brings its schema up to date. On MySQL an advisory lock keeps several
 * instances starting together from running the same migration twice.
 */
export async function openDatabase(
  database: Config['database'],
  limits: DbLimits = DEFAULT_DB_LIMITS,
): Promise<Database> {
  if (database.type === 'sqlite' && database.file !== ':memory:') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true });
  }
  const guard = guardedMysql(limits, sessionSql(limits));
  const dataSource = createDataSource(database, limits, guard);
  await dataSource.initialize();
  let reader: DataSource | undefined;
  try {
    if (database.type === 'mysql') {
      await runMigrationsLocked(dataSource);
      guard.enableQueryTimeouts();
    } else {
      await dataSource.runMigrations({ transaction: 'each' });
      // An in-memory database cannot be opened a second time: its reads queue instead (see Database).
      if (database.file !== ':memory:') reader = await createReadDataSource(database.file).initialize();
    }
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return new Database(dataSource, database.type, { readyTimeoutMs: limits.readyTimeoutMs, reader });
}

async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query("SELECT GET_LOCK('rongyou_migrations', 60) AS got");
    if (Number(row?.got) !== 1) throw new Error('Timed out waiting for the migration lock');
    try {
      await dataSource.runMigrations({ transaction: 'none' });
    } finally {
      await runner.query("SELECT RELEASE_LOCK('rongyou_migrations')");
    }
  } finally {
    await runner.release();
  }
}
