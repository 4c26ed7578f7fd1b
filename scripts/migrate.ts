import 'reflect-metadata';
import { loadConfigOrExit } from '../server/config';
import { openDatabase } from '../server/db/data-source';

/**
 * `npm run migrate`: brings the configured database's schema up to date and exits (the server also
 * does this at start).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = await openDatabase(config.database);
  await db.close();
  process.stdout.write(`${JSON.stringify({ migrated: config.database.type })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
