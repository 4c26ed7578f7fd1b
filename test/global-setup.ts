import mysql from 'mysql2/promise';

/**
 * Before a MariaDB/MySQL run, drops the per-worker test databases so the real migrations build
 * every schema from nothing. SQLite runs need nothing: each context makes its own file.
 */
export default async function globalSetup(): Promise<void> {
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
