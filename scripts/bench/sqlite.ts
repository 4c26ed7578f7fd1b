/**
 * The part of better-sqlite3 the benchmark uses, typed here: the project reaches it only through
 * TypeORM and carries no type package for it.
 */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  inTransaction: boolean;
  close(): void;
}

export const openSqliteFile = (file: string): SqliteDatabase => {
  const Database = require('better-sqlite3') as new (file: string) => SqliteDatabase;
  return new Database(file);
};
