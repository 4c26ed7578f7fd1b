import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** What a column becomes when the row already exists. */
export type OnExisting =
  /** The value given for the insert. */
  | 'inserted'
  /** A SQL expression over the existing row's columns (snake_case names), with `?` parameters. */
  | { sql: string; params?: unknown[] };

/**
 * Inserts a row or, when its unique key already exists, updates that row, in one statement:
 * `INSERT … ON DUPLICATE KEY UPDATE` on MySQL, `INSERT … ON CONFLICT (key) DO UPDATE` on SQLite.
 *
 * Use it instead of "UPDATE, and INSERT if nothing was updated" (or "SELECT, then INSERT"): on
 * MySQL an UPDATE that finds no row takes a gap lock, and concurrent transactions holding the
 * same gap then deadlock on their INSERTs. This statement takes the row lock directly.
 *
 * `values` and `key` use the entity's property names; values are converted as TypeORM would on
 * insert (dates, booleans). In `onExisting` expressions, MySQL evaluates the assignments in
 * order and a later one sees the earlier ones' results: keep them independent of each other.
 */
export async function upsert<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  values: Partial<E>,
  key: Array<keyof E & string>,
  onExisting: Partial<Record<keyof E & string, OnExisting>>,
): Promise<void> {
  const { sql, params } = upsertStatement(em, entity, values, key, onExisting);
  await em.query(sql, params);
}

/**
 * The statement `upsert` runs, for a caller that needs to extend it or read its raw result (a
 * counter that reads its new value back: `RETURNING` on SQLite, `LAST_INSERT_ID(expr)` on MySQL).
 */
export function upsertStatement<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  values: Partial<E>,
  key: Array<keyof E & string>,
  onExisting: Partial<Record<keyof E & string, OnExisting>>,
): { sql: string; params: unknown[] } {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const column = (property: string) => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${meta.name} has no column for "${property}"`);
    return c;
  };
  const q = (name: string) => driver.escape(name);

  const names: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(values)) {
    const c = column(property);
    names.push(q(c.databaseName));
    params.push(driver.preparePersistentValue(value, c));
  }
  const sets: string[] = [];
  for (const [property, how] of Object.entries(onExisting) as Array<[string, OnExisting]>) {
    const c = column(property);
    if (how === 'inserted') {
      sets.push(`${q(c.databaseName)} = ?`);
      params.push(driver.preparePersistentValue((values as Record<string, unknown>)[property], c));
    } else {
      sets.push(`${q(c.databaseName)} = ${how.sql}`);
      params.push(...(how.params ?? []));
    }
  }
  if (sets.length === 0) throw new Error('upsert needs at least one column to set on an existing row');

  const insert = `INSERT INTO ${q(meta.tableName)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  const conflict = key.map((k) => q(column(k).databaseName)).join(', ');
  const sql =
    driver.options.type === 'mysql'
      ? `${insert} ON DUPLICATE KEY UPDATE ${sets.join(', ')}`
      : `${insert} ON CONFLICT (${conflict}) DO UPDATE SET ${sets.join(', ')}`;
  return { sql, params };
}

/**
 * Adds one to a counter row, inserting it at 1 when it does not exist yet, and returns the new
 * count, in one statement that takes the row's exclusive lock at once (concurrent counts add up
 * exactly, from any number of instances). The count comes back in the same round trip: `RETURNING`
 * on SQLite; on MySQL through `LAST_INSERT_ID(expr)` in the OK packet, which means the count only
 * when an existing row was updated (2 affected rows): a fresh row (1) stands for a count of one.
 * `values` names the row by `key` and gives its other columns; `counter` is the counting column.
 */
export async function countUp<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  values: Partial<E>,
  key: Array<keyof E & string>,
  counter: keyof E & string,
): Promise<number> {
  const mysql = em.connection.driver.options.type === 'mysql';
  const column = em.connection.driver.escape(
    em.connection.getMetadata(entity).findColumnWithPropertyName(counter)!.databaseName,
  );
  const { sql, params } = upsertStatement(em, entity, { ...values, [counter]: 1 }, key, {
    [counter]: { sql: mysql ? `LAST_INSERT_ID(${column} + 1)` : `${column} + 1` },
  } as Partial<Record<keyof E & string, OnExisting>>);
  if (mysql) {
    const result = (await em.query(sql, params)) as { affectedRows: number; insertId: number | string };
    return result.affectedRows === 1 ? 1 : Number(result.insertId);
  }
  const rows = (await em.query(`${sql} RETURNING ${column} AS n`, params)) as Array<{ n: number | string }>;
  return Number(rows[0].n);
}
