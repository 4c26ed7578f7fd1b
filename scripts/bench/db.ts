import mysql from 'mysql2/promise';
import { openSqliteFile } from './sqlite';

/** Values as both drivers take them. */
export type Value = string | number | null;

/**
 * The benchmark's own connection to the database under test (seeding, resets, counters), kept
 * apart from the two servers' connections so their statement counts stay theirs.
 */
export interface BenchDb {
  kind: 'mysql' | 'sqlite';
  query<T = Record<string, unknown>>(sql: string, params?: Value[]): Promise<T[]>;
  run(sql: string, params?: Value[]): Promise<void>;
  /** Multi-row inserts in chunks: the seed is not what is measured, so it goes the fastest way. */
  insertMany(table: string, columns: string[], rows: Value[][]): Promise<void>;
  /** A datetime literal as the server's driver writes it (UTC). */
  time(d: Date): string;
  close(): Promise<void>;
}

const iso = (d: Date) => d.toISOString().replace('T', ' ');

export async function openMysql(url: string): Promise<BenchDb> {
  const pool = mysql.createPool({ uri: url, connectionLimit: 4, timezone: 'Z', charset: 'utf8mb4' });
  return {
    kind: 'mysql',
    async query<T>(sql: string, params: Value[] = []) {
      const [rows] = await pool.query(sql, params);
      return rows as T[];
    },
    async run(sql, params = []) {
      await pool.query(sql, params);
    },
    async insertMany(table, columns, rows) {
      for (let i = 0; i < rows.length; i += 2000) {
        await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + 2000)]);
      }
    },
    time: (d) => iso(d).slice(0, 19),
    close: () => pool.end(),
  };
}

export function openSqlite(file: string): BenchDb {
  const db = openSqliteFile(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  return {
    kind: 'sqlite',
    async query<T>(sql: string, params: Value[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async run(sql, params = []) {
      db.prepare(sql).run(...params);
    },
    async insertMany(table, columns, rows) {
      if (rows.length === 0) return;
      const insert = db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      db.transaction((all: Value[][]) => {
        for (const r of all) insert.run(...r);
      })(rows);
    },
    // TypeORM's better-sqlite3 driver stores UTC with milliseconds; the same text compares in order.
    time: (d) => iso(d).slice(0, 23),
    close: async () => db.close(),
  };
}
