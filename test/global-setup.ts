import { execFileSync } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';

/**
 * Builds `dist/` when it is stale (process tests start the compiled server). Before a
 * MariaDB/MySQL run, drops the per-worker test databases so the real migrations build every schema
 * from nothing. SQLite runs need nothing: each context makes its own file.
 */
export default async function globalSetup(): Promise<void> {
  // Process tests run the compiled server, as `npm start` does: build it when the sources moved on.
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'start.js'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  const raw = process.env.DATABASE_URL ?? '';
  if (!raw.startsWith('mysql://')) return;
  const url = new URL(raw);
  const base = url.pathname.replace(/^\//, '') || 'rongyou_test';
  url.pathname = '/';
  const conn = await mysql.createConnection(url.toString());
  try {
    for (let worker = 1; worker <= 8; worker++) await conn.query(`DROP DATABASE IF EXISTS \`${base}_w${worker}\``);
  } finally {
    await conn.end();
  }
}
