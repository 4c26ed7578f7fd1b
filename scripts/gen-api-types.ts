/**
 * The mini-program's API types, generated from the OpenAPI document the server publishes at
 * `GET /api/v1/openapi.json`. The document is built in process from the route specs: no server,
 * no database.
 *
 *   npm run gen:api-types     writes miniprogram/types/api.d.ts
 *   npm run check:api-types   exits 1 when the checked-in file is not what the server declares now
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { API_INFO, apiRoutes } from '../server/app';
import { loadConfig } from '../server/config';
import { createContainer } from '../server/container';
import type { Database } from '../server/db/database';
import { buildOpenApi } from '../server/http/openapi';
import { createLogger } from '../server/lib/logger';

export const API_TYPES_FILE = path.join(__dirname, '..', 'miniprogram', 'types', 'api.d.ts');

const HEADER = `/**
 * The server's API as the mini-program sees it: generated from GET /api/v1/openapi.json by
 * scripts/gen-api-types.ts. Do not edit; run \`npm run gen:api-types\` after changing a route's schemas.
 */
`;

/** The OpenAPI document exactly as the server serves it, built from the route specs alone. */
export async function buildApiDocument(): Promise<ReturnType<typeof buildOpenApi>> {
  // The defaults describe the same routes as any deployment: configuration changes no schema.
  const config = loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'false', LOG_LEVEL: 'error' });
  // Building the routes calls no service, so no database is opened; touching this one is a bug.
  const noDatabase = new Proxy(
    {},
    {
      get: (_target, key) => {
        throw new Error(`the API document needs no database (read ${String(key)})`);
      },
    },
  ) as Database;
  const container = await createContainer(config, { db: noDatabase, logger: createLogger('error', () => undefined) });
  return buildOpenApi(apiRoutes(container, { isDraining: () => false, openApi: () => undefined }), API_INFO);
}

/** The TypeScript declarations for the document, as written to API_TYPES_FILE. */
export async function renderApiTypes(): Promise<string> {
  const { default: openapiTS } = await import('openapi-typescript');
  const doc = await buildApiDocument();
  const body = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0], {
    commentHeader: HEADER,
    silent: true,
  });
  return body.endsWith('\n') ? body : `${body}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const next = await renderApiTypes();
  const rel = path.relative(process.cwd(), API_TYPES_FILE);
  if (check) {
    const current = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : '';
    if (current !== next) {
      process.stderr.write(
        `${rel} is stale: the server's schemas changed. Run \`npm run gen:api-types\` and commit the result.\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
    return;
  }
  fs.mkdirSync(path.dirname(API_TYPES_FILE), { recursive: true });
  fs.writeFileSync(API_TYPES_FILE, next);
  process.stdout.write(`wrote ${rel}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
