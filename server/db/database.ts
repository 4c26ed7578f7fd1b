import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { DEFAULT_DB_LIMITS } from '../config';
import { isRetryableTransactionError, isSqliteBusy } from './errors';
import { pingPool } from './mysql-pool';

export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * How many times a MySQL transaction (or single statement) runs when it keeps failing with a
 * deadlock or a lock-wait timeout; after the last the error goes to the caller (503 DB_BUSY).
 */
export const TRANSACTION_ATTEMPTS = 5;

export interface DatabaseOptions {
  /** Budget of `ping`, the readiness check. */
  readyTimeoutMs?: number;
  /**
   * SQLite file: a second, read-only DataSource on the same file, for reads outside a
   * transaction. Without one (an in-memory database, which cannot be opened twice) those reads
   * take their turn in the transaction queue instead.
   */
  reader?: DataSource;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The database as the services see it: the DataSource plus the transaction helper.
 *
 * better-sqlite3 gives TypeORM a single shared connection, so two overlapping
 * `dataSource.transaction` calls would collide ("cannot start a transaction within a transaction").
 * On SQLite transactions are therefore queued and run one at a time; on MySQL they are real,
 * concurrent transactions, retried from the start on a deadlock or a lock-wait timeout, at most
 * TRANSACTION_ATTEMPTS times with a growing, jittered pause between attempts.
 *
 * Reads outside a transaction (`manager`) must not see another request's uncommitted writes. On
 * MySQL each read takes a pooled connection of its own. On SQLite the shared connection is inside
 * whatever transaction is open, so reads go to a second, read-only connection (WAL lets it read
 * the last committed state while the writer works); an in-memory database has no second
 * connection, and there each read waits its turn in the transaction queue.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private readonly readManager: EntityManager;
  /** Runs repeated after a deadlock or lock-wait timeout since start: contention worth a look when it climbs. */
  retries = 0;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
    private readonly options: DatabaseOptions = {},
  ) {
    if (kind === 'mysql') this.readManager = dataSource.manager;
    else if (options.reader) this.readManager = options.reader.manager;
    else {
      const runner = new QueuedReadRunner(dataSource.driver as BetterSqlite3Driver, (work) =>
        this.inTransaction.getStore() ? work() : this.inTurn(work),
      );
      this.readManager = dataSource.createEntityManager(runner);
    }
  }

  /**
   * For reads outside a transaction: they see committed data only. Writes belong in
   * `transaction` (on an SQLite file this manager refuses them); a read inside a transaction
   * uses the transaction's own EntityManager, which sees its writes and holds its locks.
   */
  get manager(): EntityManager {
    return this.readManager;
  }

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) {
      throw new Error('Nested transaction: pass the EntityManager down instead of opening another transaction');
    }
    const run = () => this.inTransaction.run(true, () => this.dataSource.transaction((em) => work(em)));
    if (this.kind === 'sqlite') {
      const attempt = async () => {
        for (let n = 1; ; n++) {
          try {
            return await run();
          } catch (err) {
            // The file is locked by another connection: wait on a timer (up to ~5 s) and start over.
            if (n >= 200 || !isSqliteBusy(err)) throw err;
            await new Promise((r) => setTimeout(r, Math.min(25, n * 2)));
          }
        }
      };
      return this.inTurn(attempt);
    }
    return this.retried(run);
  }

  /** Runs `work` once everything queued before it has settled (SQLite's one shared connection). */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs `work` again from the start while MySQL reports a deadlock or a lock-wait timeout. */
  private async retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(err)) throw err;
        this.retries += 1;
        // Growing and jittered, so the transactions that collided do not meet again in step.
        const base = 10 * 2 ** (attempt - 1);
        await sleep(base + Math.random() * base);
      }
    }
  }

  /**
   * One write statement that is atomic on its own (a guarded UPDATE, say). On MySQL it runs in
   * autocommit, saving the BEGIN and COMMIT round trips; on SQLite it takes its turn in the queue
   * so it never lands inside another caller's open transaction. A statement that MySQL picks as
   * a deadlock victim (or that waits too long for a row lock) runs again, as a transaction would.
   */
  async statement<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite' || this.inTransaction.getStore()) return this.transaction(work);
    return this.retried(() => work(this.dataSource.manager));
  }

  /**
   * Resolves when the database answers a trivial query; on MySQL rejects once the readiness
   * budget is spent, however the connection or the pool behaves.
   */
  async ping(): Promise<void> {
    if (this.kind === 'mysql') {
      const pool = (this.dataSource.driver as unknown as { pool: unknown }).pool;
      return pingPool(pool, this.options.readyTimeoutMs ?? DEFAULT_DB_LIMITS.readyTimeoutMs);
    }
    await this.dataSource.query('SELECT 1');
  }

  /** Closes the reader before the writer, so the writer (the last connection) can fold the WAL back into the file. */
  async close(): Promise<void> {
    const reader = this.options.reader;
    if (reader?.isInitialized) await reader.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * A query runner on the shared better-sqlite3 connection whose every query waits its turn in the
 * transaction queue, so it never runs inside another caller's open transaction. For an in-memory
 * database, which cannot have a second connection. A query made from inside a transaction's own
 * work runs at once (waiting for its own transaction would never end).
 */
class QueuedReadRunner extends BetterSqlite3QueryRunner {
  constructor(
    driver: BetterSqlite3Driver,
    private readonly turn: <T>(work: () => Promise<T>) => Promise<T>,
  ) {
    super(driver);
  }

  override query(query: string, parameters?: unknown[], useStructuredResult?: boolean): Promise<any> {
    return this.turn(() => super.query(query, parameters, useStructuredResult));
  }
}
