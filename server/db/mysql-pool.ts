import mysql2 from 'mysql2';
import type { DbLimits } from '../config';
import { DatabaseUnavailableError } from './errors';

type Callback = (err: Error | null, ...rest: unknown[]) => void;

interface CoreConnection {
  query(sql: unknown, values?: unknown, cb?: unknown): unknown;
  release(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  stream: { destroy(err?: Error): void };
}

interface CorePool {
  getConnection(cb: (err: Error | null, conn?: CoreConnection) => void): void;
  on(event: 'connection', listener: (conn: CoreConnection) => void): unknown;
}

/** mysql2 as TypeORM's `driver` option, with the bounds below, and the switch for query timeouts. */
export interface GuardedMysql {
  driver: unknown;
  /** Off at first so migrations (and the wait for the migration lock) are never cut short. */
  enableQueryTimeouts(): void;
}

/**
 * mysql2 with the bounds its pool lacks, so that a stalled database costs each request a bounded
 * time instead of the whole outage:
 * - every query has a timeout. mysql2's own `timeout` only answers the caller early: the
 *   connection keeps waiting for the old answer and goes back to the pool, and the next caller
 *   stalls behind it. Here the connection's socket is destroyed instead, so every command on it
 *   fails at once, the pool drops it and the server rolls back what it had open;
 * - the wait for a connection (in the queue, or while one opens) is bounded: mysql2 has no such
 *   limit. Its queue limit (`queueLimit`) answers with DB_QUEUE_FULL;
 * - `sessionSql` runs on every new connection before its first query.
 */
export function guardedMysql(limits: DbLimits, sessionSql: string): GuardedMysql {
  let queryTimeoutMs = 0;

  const guardConnection = (conn: CoreConnection) => {
    // The pool's own 'error' listener is a `once`; a dropped connection may report again later,
    // and an 'error' nobody listens to would end the process.
    conn.on('error', () => undefined);
    const query = conn.query.bind(conn);
    conn.query = (sql: unknown, values?: unknown, cb?: unknown) => {
      if (typeof values === 'function') {
        cb = values;
        values = undefined;
      }
      const own =
        typeof sql === 'object' && sql !== null && 'timeout' in sql ? Number((sql as { timeout?: number }).timeout) : 0;
      const ms = own || queryTimeoutMs;
      // A prepared command object (mysql2's pool.query) or a call without a callback passes as it is.
      if (!ms || typeof cb !== 'function' || (typeof sql !== 'string' && (sql as object).constructor !== Object)) {
        return query(sql, values, cb);
      }
      const plain = typeof sql === 'string' ? sql : { ...(sql as object), timeout: undefined };
      const done = cb as Callback;
      const timer = setTimeout(() => {
        conn.stream.destroy(new DatabaseUnavailableError('DB_QUERY_TIMEOUT', `Query took longer than ${ms} ms`));
      }, ms);
      return query(plain, values, (err: Error | null, ...rest: unknown[]) => {
        clearTimeout(timer);
        done(err, ...rest);
      });
    };
    // A connection whose session cannot be set up (wrong time zone, say) is not used at all.
    conn.query(sessionSql, (err: Error | null) => {
      if (err) conn.stream.destroy(err);
    });
  };

  const acquire = (
    getConnection: CorePool['getConnection'],
    cb: (err: Error | null, conn?: CoreConnection) => void,
  ) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      cb(
        new DatabaseUnavailableError(
          'DB_ACQUIRE_TIMEOUT',
          `No database connection within ${limits.acquireTimeoutMs} ms`,
        ),
      );
    }, limits.acquireTimeoutMs);
    getConnection((err, conn) => {
      if (settled) {
        // Too late for the caller that asked: hand it straight to the next one.
        conn?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (err && err.message === 'Queue limit reached.') {
        cb(new DatabaseUnavailableError('DB_QUEUE_FULL', 'Too many requests waiting for a database connection'));
        return;
      }
      cb(err, conn);
    });
  };

  const createPool = (options: mysql2.PoolOptions) => {
    const pool = mysql2.createPool(options) as unknown as CorePool;
    pool.on('connection', guardConnection);
    const getConnection = pool.getConnection.bind(pool);
    pool.getConnection = (cb) => acquire(getConnection, cb);
    return pool;
  };

  return {
    driver: Object.assign(Object.create(mysql2) as object, { createPool }),
    enableQueryTimeouts: () => {
      queryTimeoutMs = limits.queryTimeoutMs;
    },
  };
}

/**
 * `SELECT 1` through the pool within `timeoutMs`, whatever the database does: a stalled
 * connection or a full pool answers with DB_PING_TIMEOUT when the budget is spent.
 */
export function pingPool(pool: unknown, timeoutMs: number): Promise<void> {
  const p = pool as CorePool;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const started = Date.now();
    const timer = setTimeout(
      () =>
        finish(new DatabaseUnavailableError('DB_PING_TIMEOUT', `The database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    p.getConnection((err, conn) => {
      if (err || !conn) return finish(err ?? new Error('No connection'));
      if (settled) return conn.release();
      const left = Math.max(1, timeoutMs - (Date.now() - started));
      conn.query({ sql: 'SELECT 1', timeout: left }, (queryErr: Error | null) => {
        conn.release();
        finish(queryErr);
      });
    });
  });
}
