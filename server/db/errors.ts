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
