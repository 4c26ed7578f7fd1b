/**
 * The id of the first row an INSERT wrote, from the raw result of a query-builder insert made with
 * `updateEntity(false)` (so TypeORM reads nothing back): MySQL's OK packet carries the first row's
 * id, SQLite's driver returns the last row's. Rows of one INSERT get consecutive ids: SQLite has
 * one writer, and InnoDB gives a simple insert its whole block of values at once (with the default
 * auto_increment_increment of 1, as TypeORM itself assumes for multi-row inserts).
 */
export function firstInsertedId(raw: unknown, rows = 1): number {
  if (raw !== null && typeof raw === 'object' && 'insertId' in raw) return Number(raw.insertId);
  return Number(raw) - rows + 1;
}
