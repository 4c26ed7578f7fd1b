/**
 * The one place that knows how each driver reports a unique-key violation.
 * mysql2: `ER_DUP_ENTRY` (errno 1062); better-sqlite3: `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  const errno = e.driverError?.errno ?? e.errno;
  return (
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** MySQL deadlock or lock-wait timeout: the transaction may be retried from the start. */
export function isRetryableTransactionError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * The server's own ways of saying the database cannot be reached in time: no free connection
 * within the wait, the pool's queue full, a query past its timeout, readiness out of budget.
 */
export type DatabaseUnavailableCode = 'DB_ACQUIRE_TIMEOUT' | 'DB_QUEUE_FULL' | 'DB_QUERY_TIMEOUT' | 'DB_PING_TIMEOUT';

export class DatabaseUnavailableError extends Error {
  /** Like the driver's connection-level errors: the connection it happened on is not reused. */
  readonly fatal = true;

  constructor(
    readonly code: DatabaseUnavailableCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Network and connection-level failures, as mysql2 and the operating system name them. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'DB_ACQUIRE_TIMEOUT',
  'DB_QUEUE_FULL',
  'DB_QUERY_TIMEOUT',
  'DB_PING_TIMEOUT',
]);

/**
 * The database could not be reached, or not in time: refused, reset, stalled past a timeout, or
 * the pool full. The request may succeed later (503), unlike a bug in the query (500).
 * mysql2 marks connection-level failures `fatal`; TypeORM wraps query errors with `driverError`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as {
    code?: string;
    fatal?: boolean;
    message?: string;
    driverError?: { code?: string; fatal?: boolean; message?: string };
  } | null;
  if (!e || typeof e !== 'object') return false;
  const inner = e.driverError ?? e;
  if (inner.code && UNAVAILABLE_CODES.has(inner.code)) return true;
  if (inner.fatal === true) return true;
  // mysql2's pool reports these without a code.
  return inner.message === 'Pool is closed.' || inner.message === 'Queue limit reached.';
}

/** The driver's code for an error, for logs (never the message: it can quote parameters). */
export function databaseErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** SQLite could not take the lock now (another connection, usually another process, holds it). */
export function isSqliteBusy(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return String(e?.driverError?.code ?? e?.code ?? '').startsWith('SQLITE_BUSY');
}

/**
 * Runs `work` and turns a unique violation into the domain error the caller names,
 * e.g. `onUniqueViolation(() => repo.insert(row), () => conflict('ID_NUMBER_TAKEN', …))`.
 */
export async function onUniqueViolation<T>(work: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw toError();
    throw err;
  }
}
