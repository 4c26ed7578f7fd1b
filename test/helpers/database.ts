import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Config, DbLimits } from '../../server/config';
import { openDatabase } from '../../server/db/data-source';
import type { Database } from '../../server/db/database';

/**
 * Test databases. By default a fresh SQLite file per context. With DATABASE_URL=mysql://… each
 * jest worker gets its own database (`<name>_w<worker>`), migrated by the real migrations and
 * emptied before each context, so test files never see each other's rows.
 */
export const usingMysql = () => (process.env.DATABASE_URL ?? '').startsWith('mysql://');

export function testDatabaseUrl(): string {
  if (!usingMysql()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-test-'));
    return `sqlite:${path.join(dir, 'test.sqlite')}`;
  }
  const url = new URL(process.env.DATABASE_URL!);
  const base = url.pathname.replace(/^\//, '') || 'rongyou_test';
  url.pathname = `/${base}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  return url.toString();
}

async function ensureMysqlDatabase(urlString: string): Promise<void> {
  const url = new URL(urlString);
  const name = url.pathname.replace(/^\//, '');
  url.pathname = '/';
  const conn = await mysql.createConnection(url.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/** Opens (creating and migrating if needed) and empties the test database. */
export async function openTestDatabase(database: Config['database'], limits?: DbLimits): Promise<Database> {
  if (database.type === 'mysql') await ensureMysqlDatabase(database.url);
  const db = await openDatabase(database, limits);
  if (database.type === 'mysql') await emptyMysql(db);
  return db;
}

async function emptyMysql(db: Database): Promise<void> {
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Reference data the migrations load (merchant categories) stays, as on a fresh SQLite file.
    const tables: Array<{ name: string }> = await runner.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = DATABASE() AND table_name NOT IN ('migrations', 'merchant_category')`,
    );
    await runner.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await runner.query(`TRUNCATE TABLE \`${t.name}\``);
    await runner.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await runner.release();
  }
}
