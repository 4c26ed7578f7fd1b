import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createContainer } from '../server/container';
import { createLogger } from '../server/lib/logger';
import { shanghaiDate } from '../server/lib/working-days';
import { M_PER_E6, searchBox, toE6 } from '../server/modules/merchants/geo';

/**
 * Merchant alliance at scale, on MariaDB: seeds 10,000 merchants and 100,000 offers, then measures
 * nearby search and counter verification through the whole HTTP stack, next to a baseline of the
 * same SQL sent with raw mysql2 in the same run.
 *
 *   npm run bench:merchants
 *   BENCH_DB=mysql://root@127.0.0.1:3306/rongyou_bench_merchants BENCH_SECONDS=5 BENCH_CONCURRENCY=32 \
 *     npm run bench:merchants
 */
const DB_URL = process.env.BENCH_DB ?? 'mysql://root@127.0.0.1:3306/rongyou_bench_merchants';
const MERCHANTS = Number(process.env.BENCH_MERCHANTS ?? 10_000);
const OFFERS_PER = Number(process.env.BENCH_OFFERS_PER_MERCHANT ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CENTRE = { lat: 30.2741, lng: 120.1551 };

/** Runs `op` from `CONCURRENCY` loops for SECONDS (or until `limit` ops); returns rate and latency percentiles. */
async function measure(op: (i: number) => Promise<void>, limit = Infinity) {
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end && next < limit) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await op(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { ops: latencies.length, rate: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

const point = (i: number) => {
  // Deterministic spread over about 30 x 30 km around the centre.
  const a = (i * 2654435761) % 1_000_003;
  const b = (i * 40503 + 7) % 999_983;
  return { lat: CENTRE.lat + (a / 1_000_003 - 0.5) * 0.27, lng: CENTRE.lng + (b / 999_983 - 0.5) * 0.31 };
};

async function main(): Promise<void> {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/';
  const admin = await mysql.createConnection(url.toString());
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const config = loadConfig({
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const c = await createContainer(config, { logger: createLogger('error') });
  const raw = mysql.createPool({ uri: DB_URL, connectionLimit: 20, timezone: 'Z' });

  // Seed with multi-row inserts (the seeding is not what is measured).
  const t0 = Date.now();
  const now = new Date();
  await raw.query(
    `INSERT INTO account (openid, display_name, disabled, created_at, updated_at)
     VALUES ('bench-owner', 'bench', 0, NOW(), NOW())`,
  );
  const [[{ id: ownerId }]] = (await raw.query("SELECT id FROM account WHERE openid = 'bench-owner'")) as any;
  const [cats] = (await raw.query('SELECT id FROM merchant_category')) as any;
  for (let i = 0; i < MERCHANTS; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(MERCHANTS, i + 1000); j++) {
      const p = point(j);
      rows.push([
        ownerId,
        `商户${j}`,
        '913301020000000000',
        cats[j % cats.length].id,
        `拥军路 ${j} 号`,
        toE6(p.lat),
        toE6(p.lng),
        '0571-80000000',
        'active',
        now,
        now,
      ]);
    }
    await raw.query(
      `INSERT INTO merchant (owner_account_id, name, license_no, category_id, address, lat_e6, lng_e6, contact_phone,
         status, created_at, updated_at)
       VALUES ?`,
      [rows],
    );
  }
  const [[{ minId }]] = (await raw.query('SELECT MIN(id) AS minId FROM merchant')) as any;
  for (let i = 0; i < MERCHANTS; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(MERCHANTS, i + 500); j++) {
      for (let k = 0; k < OFFERS_PER; k++)
        rows.push([minId + j, `优惠 ${k}`, '', 'discount', '9 折', '', 'active', now, now]);
    }
    await raw.query(
      `INSERT INTO merchant_offer (merchant_id, title, description, kind, discount_text, eligible_categories, status,
         created_at, updated_at)
       VALUES ?`,
      [rows],
    );
  }
  await raw.query('ANALYZE TABLE merchant, merchant_offer');
  const seeded = (Date.now() - t0) / 1000;

  // A clerk at the first merchant, and holders with active cards for verification.
  await raw.query(
    `INSERT INTO account (username, display_name, disabled, created_at, updated_at)
     VALUES ('bench-clerk', 'clerk', 0, NOW(), NOW())`,
  );
  const [[{ id: clerkId }]] = (await raw.query("SELECT id FROM account WHERE username = 'bench-clerk'")) as any;
  await raw.query("INSERT INTO account_role (account_id, role, created_at) VALUES (?, 'merchant_clerk', NOW())", [
    clerkId,
  ]);
  await raw.query(
    "INSERT INTO merchant_member (merchant_id, account_id, role, active, created_at) VALUES (?, ?, 'clerk', 1, NOW())",
    [minId, clerkId],
  );
  const [[{ offerId }]] = (await raw.query('SELECT MIN(id) AS offerId FROM merchant_offer WHERE merchant_id = ?', [
    minId,
  ])) as any;
  const HOLDERS = 20_000;
  for (let i = 0; i < HOLDERS; i += 1000) {
    const people = [];
    for (let j = i; j < i + 1000; j++)
      people.push([`持证人${j}`, 'x', String(j).padStart(64, '0'), 'x', 'x', '0000', 'veteran', 1, now, now]);
    await raw.query(
      `INSERT INTO person (name, id_number_cipher, id_number_hash, phone_cipher, phone_hash, phone_last4, category,
         verified, created_at, updated_at)
       VALUES ?`,
      [people],
    );
  }
  const [persons] = (await raw.query('SELECT id FROM person ORDER BY id')) as any;
  for (let i = 0; i < persons.length; i += 1000) {
    const cards = persons
      .slice(i, i + 1000)
      .map((p: { id: number }) => [p.id, 0, `B${p.id}`, 'veteran', 'active', p.id, 'pickup', now, clerkId, now, now]);
    await raw.query(
      `INSERT INTO card (person_id, application_id, card_number, category, status, current_person_id, handover,
         issued_at, issued_by, created_at, updated_at)
       VALUES ?`,
      [cards],
    );
  }
  const [cardRows] = (await raw.query('SELECT id, person_id AS personId FROM card ORDER BY id')) as any;

  const app = buildApp(c);
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const request = (method: string, path: string, body?: unknown, token?: string) =>
    new Promise<number>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  // A new account is at token version 0.
  const clerkToken = c.tokens.signAccess({ accountId: clerkId, roles: ['merchant_clerk'] }, 0).token;

  // Nearby: a 3 km search at a varying point, category filter on every other request.
  const nearbySql = (withCategory: boolean) =>
    `SELECT m.*,
       ((m.lat_e6 - ?) * (m.lat_e6 - ?)
         + ((m.lng_e6 - ?) * CAST(? AS DOUBLE)) * ((m.lng_e6 - ?) * CAST(? AS DOUBLE))) AS d2
     FROM merchant m
     WHERE m.status = ? AND m.lat_e6 BETWEEN ? AND ? AND m.lng_e6 BETWEEN ? AND ?
       AND ((m.lat_e6 - ?) * (m.lat_e6 - ?)
         + ((m.lng_e6 - ?) * CAST(? AS DOUBLE)) * ((m.lng_e6 - ?) * CAST(? AS DOUBLE))) <= CAST(? AS DOUBLE)` +
    (withCategory ? ' AND m.category_id = ?' : '') +
    ' ORDER BY d2, m.id LIMIT 21';
  const rawNearby = async (i: number) => {
    const p = point(i * 7919);
    const lat = toE6(p.lat);
    const lng = toE6(p.lng);
    const box = searchBox(lat, lng, 3000);
    const r2 = (3000 / M_PER_E6) ** 2;
    const params: unknown[] = [
      lat,
      lat,
      lng,
      box.cosLat,
      lng,
      box.cosLat,
      'active',
      box.minLat,
      box.maxLat,
      box.minLng,
      box.maxLng,
      lat,
      lat,
      lng,
      box.cosLat,
      lng,
      box.cosLat,
      r2,
    ];
    if (i % 2) params.push(cats[i % cats.length].id);
    const [rows] = (await raw.query(nearbySql(i % 2 === 1), params)) as any;
    if (rows.length)
      await raw.query("SELECT * FROM merchant_offer WHERE merchant_id IN (?) AND status = 'active'", [
        rows.slice(0, 20).map((r: { id: number }) => r.id),
      ]);
  };
  const httpNearby = async (i: number) => {
    const p = point(i * 7919);
    const category = i % 2 ? `&categoryId=${cats[i % cats.length].id}` : '';
    const status = await request(
      'GET',
      `/api/v1/merchants?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&radiusKm=3${category}`,
    );
    if (status !== 200) throw new Error(`nearby answered ${status}`);
  };

  // Verification: a fresh token per attempt; the raw baseline runs the same writes in one transaction.
  const rawVerify = async (i: number) => {
    const card = cardRows[i % cardRows.length];
    const conn = await raw.getConnection();
    try {
      await conn.beginTransaction();
      await conn.query('SELECT * FROM card WHERE id = ?', [card.id]);
      await conn.query('INSERT INTO qr_token_use (jti, card_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [
        `raw${i}`,
        card.id,
        now,
        now,
      ]);
      await conn.query('SELECT * FROM person WHERE id = ?', [card.personId]);
      await conn.query(
        `INSERT INTO redemption (merchant_id, offer_id, card_id, person_id, clerk_account_id, day, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [minId, offerId, card.id, card.personId, clerkId, shanghaiDate(now), now],
      );
      await conn.commit();
    } finally {
      conn.release();
    }
  };
  // Tokens live a minute: each attempt gets a fresh one (an HMAC, negligible next to the verification).
  const freshToken = (i: number) => c.services.qrTokens.issue(cardRows[i % cardRows.length].id).token;
  const httpVerify = async (i: number) => {
    const status = await request(
      'POST',
      '/api/v1/merchant/redemptions',
      { qrToken: freshToken(i), offerId },
      clerkToken,
    );
    if (status !== 201) throw new Error(`verification answered ${status}`);
  };

  // The same work through the services without HTTP, to tell the web stack's cost from the data layer's.
  const clerk = { accountId: clerkId, roles: ['merchant_clerk' as const] };
  const serviceNearby = async (i: number) => {
    const p = point(i * 7919);
    await c.services.browse.nearby({
      lat: p.lat,
      lng: p.lng,
      radiusKm: 3,
      categoryId: i % 2 ? cats[i % cats.length].id : undefined,
      limit: 21,
    });
  };
  const serviceVerify = async (i: number) => {
    await c.services.redemptions.redeem(clerk, { qrToken: freshToken(i), offerId });
  };

  const results = [
    ['nearby: raw mysql2 (baseline)', await measure(rawNearby)],
    ['nearby: service, no HTTP', await measure(serviceNearby)],
    ['nearby: GET /api/v1/merchants', await measure(httpNearby)],
    ['verify: raw mysql2 (baseline)', await measure(rawVerify)],
    ['verify: service, no HTTP', await measure(serviceVerify)],
    ['verify: POST /merchant/redemptions', await measure(httpVerify)],
  ] as const;

  process.stdout.write(
    `merchants ${MERCHANTS}, offers ${MERCHANTS * OFFERS_PER}, seeded in ${seeded.toFixed(1)} s; ` +
      `concurrency ${CONCURRENCY}, ${SECONDS} s per run\n`,
  );
  for (const [label, r] of results) {
    process.stdout.write(
      `${label.padEnd(38)} ${r.rate.toFixed(0).padStart(7)} req/s   ` +
        `p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   (${r.ops} ops)\n`,
    );
  }
  const ratio = (a: number, b: number) => (results[a][1].rate / results[b][1].rate).toFixed(2);
  process.stdout.write(`ratio nearby  service / raw: ${ratio(1, 0)}   API / raw: ${ratio(2, 0)}\n`);
  process.stdout.write(`ratio verify  service / raw: ${ratio(4, 3)}   API / raw: ${ratio(5, 3)}\n`);

  agent.destroy();
  server.close();
  await raw.end();
  await c.db.close();
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
