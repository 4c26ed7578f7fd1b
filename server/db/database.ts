import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { isRetryableTransactionError, isSqliteBusy } from './errors';

export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * The database as the services see it: the DataSource plus the transaction helper.
 *
 * better-sqlite3 gives TypeORM a single shared connection, so two overlapping
 * `dataSource.transaction` calls would collide ("cannot start a transaction within a transaction").
 * On SQLite transactions are therefore queued and run one at a time; on MySQL they are real,
 * concurrent transactions, retried from the start on a deadlock.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {}

  /** For reads outside a transaction. Writes belong in `transaction`. */
  get manager(): EntityManager {
    return this.dataSource.manager;
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
      const result = this.queue.then(attempt, attempt);
      this.queue = result.catch(() => undefined);
      return result;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (attempt >= 3 || !isRetryableTransactionError(err)) throw err;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }

  /**
   * One write statement that is atomic on its own (a guarded UPDATE, say). On MySQL it runs in
   * autocommit, saving the BEGIN and COMMIT round trips; on SQLite it takes its turn in the queue
   * so it never lands inside another caller's open transaction.
   */
  async statement<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite' || this.inTransaction.getStore()) return this.transaction(work);
    return work(this.dataSource.manager);
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
