import net from 'node:net';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import mysqlCallback from 'mysql2';
import request from 'supertest';
import { DEFAULT_DB_LIMITS, loadConfig, ConfigError, type DbLimits } from '../server/config';
import { TRANSACTION_ATTEMPTS } from '../server/db/database';
import { isDatabaseUnavailable, isRetryableTransactionError } from '../server/db/errors';
import { guardedMysql, pingPool } from '../server/db/mysql-pool';
import type { AppState } from '../server/http/context';
import { errorHandler } from '../server/http/middleware';
import { createLogger } from '../server/lib/logger';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { testDatabaseUrl, usingMysql } from './helpers/database';
import { unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';
import { TcpProxy } from './helpers/tcp-proxy';

/**
 * A database that stalls, refuses or keeps colliding must cost each request a bounded time and
 * end in a 503 the client may retry, never hang the server or show a 500.
 */

// Every bound that matters is asserted inside the tests; this only keeps a loaded machine from failing them.
jest.setTimeout(20_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed<T>(work: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that accepts connections and never says a word: a database that hangs. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The real error middleware's answer to an error. */
async function answerTo(err: unknown) {
  const logs: string[] = [];
  const app = new Koa<AppState>();
  app.use(errorHandler(createLogger('debug', (l) => logs.push(l))));
  app.use(() => {
    throw err;
  });
  const res = await request(app.callback()).get('/');
  return { res, logs };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err as Error & { code?: string },
  );

describe('database failures as answers (both databases)', () => {
  it('answers a refused connection with 503 DB_UNAVAILABLE, logging only the code', async () => {
    const port = await closedPort();
    const err = await errorOf(mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 }));
    expect(err?.code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(err)).toBe(true);
    const { res, logs } = await answerTo(err);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后再试' } });
    expect(res.headers['retry-after']).toBe('5');
    expect(logs.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'database unavailable', code: 'ECONNREFUSED' }),
    ]);
  });

  it('answers a deadlock or lock wait outlasting the retries with 503 DB_BUSY, a query bug with 500', async () => {
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    });
    expect(isRetryableTransactionError(deadlock)).toBe(true);
    const busy = await answerTo(deadlock);
    expect(busy.res.body.error.code).toBe('DB_BUSY');
    expect(busy.res.headers['retry-after']).toBe('1');
    expect(busy.logs.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'database busy', code: 'ER_LOCK_DEADLOCK' }),
    ]);
    expect((await answerTo({ driverError: { code: 'ER_LOCK_WAIT_TIMEOUT' } })).res.status).toBe(503);
    const syntax = Object.assign(new Error('You have an error in your SQL syntax'), {
      code: 'ER_PARSE_ERROR',
      errno: 1064,
    });
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect((await answerTo(syntax)).res.status).toBe(500);
  });

  it('bounds the wait for a connection to a database that never answers, and the queue for one', async () => {
    const silent = await silentServer();
    const limits: DbLimits = {
      ...DEFAULT_DB_LIMITS,
      connectTimeoutMs: 300,
      acquireTimeoutMs: 600,
      poolSize: 2,
      queueLimit: 2,
    };
    const guard = guardedMysql(limits, 'SELECT 1');
    const pool = (guard.driver as typeof mysqlCallback).createPool({
      host: '127.0.0.1',
      port: silent.port,
      user: 'root',
      connectionLimit: 2,
      queueLimit: 2,
      connectTimeout: 300,
    }) as unknown as mysqlCallback.Pool;
    try {
      const started = Date.now();
      const outcomes = await Promise.all(
        Array.from(
          { length: 6 },
          () =>
            new Promise<{ code?: string; ms: number }>((resolve) =>
              pool.getConnection((err, conn) => {
                conn?.release();
                resolve({ code: (err as { code?: string } | null)?.code, ms: Date.now() - started });
              }),
            ),
        ),
      );
      // Two connect and time out; two wait in the queue until the wait is over; two are refused at once.
      expect(outcomes.filter((o) => o.code === 'DB_QUEUE_FULL')).toHaveLength(2);
      // Refused at once: before any of the others has even timed out connecting.
      const refused = outcomes.filter((o) => o.code === 'DB_QUEUE_FULL').map((o) => o.ms);
      const waited = outcomes.filter((o) => o.code !== 'DB_QUEUE_FULL').map((o) => o.ms);
      expect(Math.max(...refused)).toBeLessThan(Math.min(...waited));
      for (const o of outcomes) expect(isDatabaseUnavailable(o)).toBe(true);
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(limits.acquireTimeoutMs + 400);

      const ping = await timed(() => errorOf(pingPool(pool, 250)));
      expect(ping.value?.code).toBe('DB_PING_TIMEOUT');
      expect(ping.ms).toBeLessThan(400);
    } finally {
      await new Promise((resolve) => pool.end(resolve));
      await silent.close();
    }
  });

  it('reads the pool and timeout settings, and refuses a lock wait as long as the query timeout', () => {
    expect(loadConfig({}).dbLimits).toEqual(DEFAULT_DB_LIMITS);
    expect(loadConfig({}).limits.uploadTimeoutMs).toBe(120_000);
    const set = loadConfig({
      DB_POOL_SIZE: '8',
      DB_QUEUE_LIMIT: '16',
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_ACQUIRE_TIMEOUT_MS: '3000',
      DB_QUERY_TIMEOUT_MS: '9000',
      DB_LOCK_WAIT_TIMEOUT_SECONDS: '4',
      DB_READY_TIMEOUT_MS: '700',
      UPLOAD_TIMEOUT_MS: '30000',
    });
    expect(set.dbLimits).toEqual({
      poolSize: 8,
      queueLimit: 16,
      connectTimeoutMs: 2000,
      acquireTimeoutMs: 3000,
      queryTimeoutMs: 9000,
      lockWaitTimeoutSeconds: 4,
      readyTimeoutMs: 700,
    });
    expect(set.limits.uploadTimeoutMs).toBe(30_000);
    expect(() => loadConfig({ DB_QUERY_TIMEOUT_MS: '5000', DB_LOCK_WAIT_TIMEOUT_SECONDS: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ DB_QUEUE_LIMIT: '0' })).toThrow(/DB_QUEUE_LIMIT/);
    expect(() => loadConfig({ DB_READY_TIMEOUT_MS: '60000' })).toThrow(/DB_READY_TIMEOUT_MS/);
  });
});

describe('counters made and bumped by many at once (both databases)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lets exactly the daily limit of six simultaneous uses through, with no transaction retried', async () => {
    const bureau = await createBureau(t);
    const h = await readyHolder(t);
    await issuedCard(
      t,
      bureau,
      await submittedApplication(t, h, bureau.stationId),
      unique('RY')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 24)
        .padEnd(8, '0'),
    );
    const { owner } = await approvedMerchant(t);
    const offerId = await createOffer(t, owner, { title: '每日三次', perPersonDailyLimit: 3 });
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++)
      tokens.push((await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200)).body.token);

    const retriesBefore = t.container.db.retries;
    // Today's counter does not exist yet: every use tries to make it at the same moment.
    const results = await Promise.all(
      tokens.map((qrToken) => t.http.post('/api/v1/merchant/redemptions').set(owner.auth).send({ qrToken, offerId })),
    );
    const outcomes = results.map((r) => `${r.status} ${r.body?.error?.code ?? ''}`.trim()).sort();
    expect(outcomes).toEqual(['201', '201', '201', '409 LIMIT_REACHED', '409 LIMIT_REACHED', '409 LIMIT_REACHED']);
    // Not one deadlock to retry: the counter row is made and locked in one statement.
    expect(t.container.db.retries).toBe(retriesBefore);
  });
});

const describeMysql = usingMysql() ? describe : describe.skip;

/** Where the real database listens, from DATABASE_URL. */
const databaseAddress = () => {
  const url = new URL(process.env.DATABASE_URL ?? 'mysql://127.0.0.1:3306');
  return { host: url.hostname, port: Number(url.port || 3306) };
};

describeMysql('a database that stalls or refuses (MariaDB, through a TCP proxy)', () => {
  const LIMITS = {
    DB_POOL_SIZE: '4',
    DB_QUEUE_LIMIT: '4',
    DB_CONNECT_TIMEOUT_MS: '1000',
    DB_ACQUIRE_TIMEOUT_MS: '1000',
    DB_QUERY_TIMEOUT_MS: '1500',
    DB_LOCK_WAIT_TIMEOUT_SECONDS: '1',
    DB_READY_TIMEOUT_MS: '500',
  };
  let proxy: TcpProxy;
  let t: TestContext;

  beforeAll(async () => {
    proxy = await TcpProxy.start(databaseAddress());
    const url = new URL(testDatabaseUrl());
    url.hostname = proxy.address.host;
    url.port = String(proxy.address.port);
    t = await createTestContext({ env: { DATABASE_URL: url.toString(), ...LIMITS } });
  });

  afterEach(async () => {
    await proxy.heal();
  });

  afterAll(async () => {
    await proxy.heal();
    await t.close();
    await proxy.close();
  });

  const ready = () => timed(() => t.http.get('/api/v1/ready'));
  const stations = () => timed(() => t.http.get('/api/v1/stations'));

  /** Time from now until `probe` first answers `status`, asking again at once after each answer. */
  async function timeUntil(
    status: number,
    probe: () => Promise<{ value: { status: number } }>,
    giveUpMs = 5000,
  ): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < giveUpMs) {
      if ((await probe()).value.status === status) return Date.now() - started;
      await sleep(20);
    }
    return Infinity;
  }

  const unavailableCodes = () =>
    t.logs
      .map((l) => JSON.parse(l) as { msg: string; code?: string })
      .filter((l) => l.msg === 'database unavailable')
      .map((l) => l.code);

  it('answers /ready with 503 within a second of a stall, and with 200 within a second of healing', async () => {
    expect((await ready()).value.status).toBe(200);
    proxy.stall();
    for (let i = 0; i < 3; i++) {
      const r = await ready();
      expect(r.value.status).toBe(503);
      expect(r.value.body.error.code).toBe('NOT_READY');
      expect(r.ms).toBeLessThan(1000);
    }
    // Probes arriving together while the pool is stuck are answered in time as well.
    const together = await Promise.all(Array.from({ length: 8 }, ready));
    for (const r of together) {
      expect(r.value.status).toBe(503);
      expect(r.ms).toBeLessThan(1000);
    }
    await proxy.heal();
    expect(await timeUntil(200, ready)).toBeLessThan(1000);
  });

  it('ends requests in a stall with 503 DB_UNAVAILABLE in bounded time, refusing at once past the queue', async () => {
    expect((await stations()).value.status).toBe(200);
    proxy.stall();
    const stalled = await Promise.all(Array.from({ length: 24 }, stations));
    for (const r of stalled) {
      expect(r.value.status).toBe(503);
      expect(r.value.body.error.code).toBe('DB_UNAVAILABLE');
      expect(r.value.headers['retry-after']).toBe('5');
    }
    // Nothing waits for the outage: at most a connect or acquire wait plus one query timeout.
    expect(Math.max(...stalled.map((r) => r.ms))).toBeLessThan(1000 + 1500 + 1000);
    // Four hold connections and four wait in the queue; the rest are refused without waiting.
    expect(stalled.filter((r) => r.ms < 300).length).toBeGreaterThanOrEqual(24 - 4 - 4 - 2);
    expect(unavailableCodes()).toEqual(expect.arrayContaining(['DB_QUEUE_FULL']));
    expect(
      unavailableCodes().some((c) => c === 'DB_QUERY_TIMEOUT' || c === 'ETIMEDOUT' || c === 'DB_ACQUIRE_TIMEOUT'),
    ).toBe(true);

    // A write (a first login) is answered the same way.
    const login = await timed(() => t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-during-stall' }));
    expect(login.value.status).toBe(503);
    expect(login.value.body.error.code).toBe('DB_UNAVAILABLE');
    expect(login.ms).toBeLessThan(3500);

    await proxy.heal();
    expect(await timeUntil(200, stations)).toBeLessThan(1500);
    await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-after-stall' }).expect(200);
  });

  it('answers 503, not 500, while connections are refused, and recovers when the database is back', async () => {
    await t.http.get('/api/v1/stations').expect(200);
    await proxy.refuse();
    await sleep(50);
    const r = await stations();
    expect(r.value.status).toBe(503);
    expect(r.value.body.error.code).toBe('DB_UNAVAILABLE');
    expect(r.ms).toBeLessThan(1000);
    expect(unavailableCodes()).toContain('ECONNREFUSED');
    const notReady = await ready();
    expect(notReady.value.status).toBe(503);
    expect(notReady.ms).toBeLessThan(1000);
    await t.http.get('/api/v1/health').expect(200);

    await proxy.heal();
    expect(await timeUntil(200, stations)).toBeLessThan(1000);
    expect((await ready()).value.status).toBe(200);
  });

  it('drops a connection whose query outlives the query timeout, instead of handing it on', async () => {
    const slow = await timed(() => errorOf(t.container.db.transaction((em) => em.query('SELECT SLEEP(5)'))));
    expect(slow.value?.code ?? (slow.value as { driverError?: { code?: string } })?.driverError?.code).toBe(
      'DB_QUERY_TIMEOUT',
    );
    expect(isDatabaseUnavailable(slow.value)).toBe(true);
    expect(slow.ms).toBeGreaterThanOrEqual(1400);
    expect(slow.ms).toBeLessThan(2500);
    // Every connection of the pool answers at once: none is still waiting on the sleeping query.
    const quick = await timed(() =>
      Promise.all(Array.from({ length: 4 }, () => t.container.db.manager.query('SELECT 1 AS one'))),
    );
    expect(quick.ms).toBeLessThan(500);
  });
});

describeMysql('transactions that collide (MariaDB)', () => {
  let t: TestContext;
  let other: mysql.Connection;
  let watcher: mysql.Connection;

  beforeAll(async () => {
    t = await createTestContext({ env: { DB_LOCK_WAIT_TIMEOUT_SECONDS: '1' } });
    const url = t.config.database.url;
    other = await mysql.createConnection(url);
    watcher = await mysql.createConnection(url);
    await other.query('DROP TABLE IF EXISTS retry_probe');
    await other.query('CREATE TABLE retry_probe (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB');
  });

  beforeEach(async () => {
    await other.query('DELETE FROM retry_probe');
    await other.query(
      `INSERT INTO retry_probe (id, v) VALUES ${Array.from({ length: 40 }, (_, i) => `(${i + 1}, 0)`).join(', ')}`,
    );
  });

  afterAll(async () => {
    await other.query('DROP TABLE IF EXISTS retry_probe');
    await other.end();
    await watcher.end();
    await t.close();
  });

  afterEach(async () => {
    // Whatever a test left open on the other connection, it holds no lock into the next one.
    await other.query('ROLLBACK');
  });

  /** Resolves once some statement on retry_probe waits for a row lock. */
  async function someoneWaits(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const [rows] = await watcher.query(
        `SELECT COUNT(*) AS n FROM information_schema.innodb_trx
         WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE '%retry_probe%'`,
      );
      if (Number((rows as Array<{ n: number }>)[0].n) > 0) return;
      await sleep(10);
    }
    throw new Error('nobody waited for a lock');
  }

  /**
   * Inside `em`'s transaction, takes row 1 and then asks for row 2 while the other connection holds
   * rows 2..40 and asks for row 1: a deadlock in which `em`'s lighter transaction is the victim.
   */
  async function deadlock(em: { query(sql: string): Promise<unknown> }): Promise<void> {
    await other.query('BEGIN');
    await other.query('UPDATE retry_probe SET v = v + 1 WHERE id BETWEEN 2 AND 40');
    await em.query('UPDATE retry_probe SET v = v + 1 WHERE id = 1');
    const blocked = other.query('UPDATE retry_probe SET v = v + 1 WHERE id = 1');
    await someoneWaits();
    try {
      await em.query('UPDATE retry_probe SET v = v + 1 WHERE id = 2');
    } finally {
      const otherFailed = await blocked.then(
        () => undefined,
        (err: Error) => err,
      );
      await other.query('COMMIT');
      // biome-ignore lint/correctness/noUnsafeFinally: the test must fail loudly when the wrong side was the victim.
      if (otherFailed) throw new Error(`the other transaction was picked as the victim: ${otherFailed.message}`);
    }
  }

  const probeValue = async (id: number) => {
    const [rows] = await watcher.query('SELECT v FROM retry_probe WHERE id = ?', [id]);
    return Number((rows as Array<{ v: number }>)[0].v);
  };

  it('never hands out a connection whose session could not be set up', async () => {
    const guard = guardedMysql(DEFAULT_DB_LIMITS, "SET time_zone = 'Nowhere/Atlantis'");
    const pool = (guard.driver as typeof mysqlCallback).createPool({
      uri: t.config.database.url,
      connectionLimit: 1,
    }) as unknown as mysqlCallback.Pool;
    try {
      const err = await new Promise<{ code?: string } | null>((resolve) =>
        pool.getConnection((e, conn) => {
          if (e) return resolve(e as { code?: string });
          conn.query('SELECT 1', (queryErr) => {
            conn.release();
            resolve(queryErr as { code?: string } | null);
          });
        }),
      );
      expect(err?.code).toBe('ER_UNKNOWN_TIME_ZONE');
    } finally {
      await new Promise((resolve) => pool.end(resolve));
    }
  });

  it('runs a transaction again when MariaDB picks it as a deadlock victim', async () => {
    let attempts = 0;
    const result = await t.container.db.transaction(async (em) => {
      attempts += 1;
      if (attempts === 1) await deadlock(em);
      await em.query('UPDATE retry_probe SET v = v + 100 WHERE id = 1');
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(2);
    // The other side's one increment, and the retried transaction's hundred; nothing of the victim.
    expect(await probeValue(1)).toBe(101);
    expect(await probeValue(2)).toBe(1);
  });

  it('gives up after a bounded number of attempts, with the deadlock error (503 DB_BUSY)', async () => {
    let attempts = 0;
    const err = await errorOf(
      t.container.db.transaction(async (em) => {
        attempts += 1;
        await deadlock(em);
      }),
    );
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(isRetryableTransactionError(err)).toBe(true);
    const { res } = await answerTo(err);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('DB_BUSY');
    expect(await probeValue(1)).toBe(TRANSACTION_ATTEMPTS);
  });

  it('runs a single statement again when it is a deadlock victim', async () => {
    await other.query('BEGIN');
    await other.query('UPDATE retry_probe SET v = v + 1 WHERE id BETWEEN 2 AND 40');
    let attempts = 0;
    await t.container.db.statement(async (em) => {
      attempts += 1;
      const mine = em.query('UPDATE retry_probe SET v = v + 10 WHERE id IN (1, 2) ORDER BY id');
      if (attempts === 1) {
        await someoneWaits();
        const blocked = other.query('UPDATE retry_probe SET v = v + 1 WHERE id = 1');
        try {
          await mine;
        } finally {
          await blocked;
          await other.query('COMMIT');
        }
      }
      return mine;
    });
    expect(attempts).toBe(2);
    expect([await probeValue(1), await probeValue(2)]).toEqual([11, 11]);
  });

  it('runs a transaction again after a lock wait longer than DB_LOCK_WAIT_TIMEOUT_SECONDS', async () => {
    await other.query('BEGIN');
    await other.query('UPDATE retry_probe SET v = v + 1 WHERE id = 1');
    let attempts = 0;
    const run = await timed(() =>
      t.container.db.transaction(async (em) => {
        attempts += 1;
        try {
          await em.query('UPDATE retry_probe SET v = v + 10 WHERE id = 1');
        } catch (err) {
          if (attempts === 1) await other.query('COMMIT');
          throw err;
        }
      }),
    );
    expect(attempts).toBe(2);
    // The session's lock wait is the configured second, not InnoDB's default fifty.
    expect(run.ms).toBeGreaterThanOrEqual(900);
    expect(run.ms).toBeLessThan(5000);
    expect(await probeValue(1)).toBe(11);
  });
});
