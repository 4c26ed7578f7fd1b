import type { DataSource, Logger } from 'typeorm';
import type { Database } from '../../server/db/database';

/**
 * Records every SQL statement the server sends while `work` runs, on the writer and (SQLite) the
 * read-only connection: what a hot path costs in round trips, for tests that hold it to a budget.
 * Statements of other requests running at the same time are counted too: run `work` alone.
 */
export async function statementsDuring(db: Database, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const reader = (db as unknown as { options: { reader?: DataSource } }).options.reader;
  const sources = [db.dataSource, ...(reader ? [reader] : [])];
  const restore = sources.map((source) => {
    const logger = source.logger;
    const counting: Logger = Object.create(logger);
    counting.logQuery = (query, parameters, runner) => {
      seen.push(query);
      return logger.logQuery(query, parameters, runner);
    };
    (source as { logger: Logger }).logger = counting;
    return () => {
      (source as { logger: Logger }).logger = logger;
    };
  });
  try {
    await work();
  } finally {
    for (const r of restore) r();
  }
  return seen;
}
