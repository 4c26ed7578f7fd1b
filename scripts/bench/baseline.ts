import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import { dist } from './dist';
import { openSqliteFile, type SqliteStatement } from './sqlite';
import { buildIndex, KNOWLEDGE_ENTRIES_SQL, KNOWLEDGE_SYNONYMS_SQL } from './knowledge';
import { NOTICE_UPDATE, noticeKeys, openNotice } from './payments';

/**
 * The baseline the server is measured against: bare Koa and the database driver doing the least
 * work each path needs, on the same database, with the same keys (the server's tokens, QR tokens
 * and encrypted fields are read here with the server's own code from dist/). No router, no
 * validation library, no ORM, no request log: what is left is what any server must spend.
 *
 * Environment: the server's (it parses the same config for the keys), plus BASELINE_DATABASE_URL
 * (the database under its own account, so its statements are counted apart) and BASELINE_PORT.
 * Prints `{"port":…}` on stdout once listening.
 */
const config = dist.config().loadConfig(process.env);
const url = process.env.BASELINE_DATABASE_URL ?? process.env.DATABASE_URL ?? '';
const jwtKey = crypto.createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
const fieldCrypto = new (dist.fieldCrypto().FieldCrypto)(config.encryption);
const qr = new (dist.qrTokens().QrTokens)(config.jwt.secret, dist.clock().systemClock);
const { searchBox, toE6, M_PER_E6, projectedDistanceM } = dist.geo();
const { maskIdNumber, maskPhone } = dist.mask();
// The platform key as a KeyObject and the APIv3 key, made once from the server's own settings.
const pay =
  config.wechatPay.mode === 'live' && config.wechatPay.platformCertificates[0]
    ? noticeKeys(config.wechatPay.platformCertificates[0], config.wechatPay.apiV3Key)
    : null;

type Row = Record<string, unknown>;
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The statements each path sends, written once per database. */
interface Sql {
  one(sql: string, params: unknown[]): Promise<Row | undefined>;
  all(sql: string, params: unknown[]): Promise<Row[]>;
  /** One statement on its own; reports affected rows. */
  exec(sql: string, params: unknown[]): Promise<number>;
  /** Runs `work` in one transaction; `exec` reports affected rows. */
  tx<T>(
    work: (q: { one: Sql['one']; exec: (sql: string, params: unknown[]) => Promise<number> }) => Promise<T>,
  ): Promise<T>;
  double: string;
  floorInt: (e: string) => string;
  time: (d: Date) => unknown;
  isDuplicate: (err: unknown) => boolean;
}

function mysqlSql(): Sql {
  // trace off: capturing a stack per query is work a lean server need not do.
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: 20,
    timezone: 'Z',
    charset: 'utf8mb4',
    trace: false,
  } as mysql.PoolOptions);
  return {
    async one(sql, params) {
      const [rows] = await pool.query(sql, params);
      return (rows as Row[])[0];
    },
    async all(sql, params) {
      const [rows] = await pool.query(sql, params);
      return rows as Row[];
    },
    async exec(sql, params) {
      const [r] = await pool.query(sql, params);
      return (r as mysql.ResultSetHeader).affectedRows;
    },
    async tx(work) {
      const conn = await pool.getConnection();
      try {
        await conn.query('BEGIN');
        const result = await work({
          one: async (sql, params) => ((await conn.query(sql, params))[0] as Row[])[0],
          exec: async (sql, params) => ((await conn.query(sql, params))[0] as mysql.ResultSetHeader).affectedRows,
        });
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    double: 'DOUBLE',
    floorInt: (e) => `CAST(FLOOR(${e}) AS SIGNED)`,
    time: (d) => d,
    isDuplicate: (err) => (err as { code?: string }).code === 'ER_DUP_ENTRY',
  };
}

function sqliteSql(): Sql {
  const db = openSqliteFile(url.slice('sqlite:'.length));
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SqliteStatement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const one = async (sql: string, params: unknown[]) => stmt(sql).get(...params) as Row | undefined;
  const exec = async (sql: string, params: unknown[]) => stmt(sql).run(...params).changes;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    one,
    all: async (sql, params) => stmt(sql).all(...params) as Row[],
    // Outside a transaction only: inside one (another request's, awaiting) it would join it.
    exec: (sql, params) => (db.inTransaction ? queue.then(() => exec(sql, params)) : exec(sql, params)),
    // One connection: a transaction's awaits would let another request's statements into it, so
    // transactions run one at a time, as the server's SQLite helper does.
    tx(work) {
      const run = queue.then(async () => {
        stmt('BEGIN IMMEDIATE').run();
        try {
          const result = await work({ one, exec });
          stmt('COMMIT').run();
          return result;
        } catch (err) {
          if (db.inTransaction) stmt('ROLLBACK').run();
          throw err;
        }
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    double: 'REAL',
    floorInt: (e) => `CAST(${e} AS INTEGER)`,
    time: (d) => d.toISOString().replace('T', ' ').slice(0, 23),
    isDuplicate: (err) => String((err as { code?: string }).code).startsWith('SQLITE_CONSTRAINT'),
  };
}

const sql = url.startsWith('sqlite:') ? sqliteSql() : mysqlSql();
const isMysql = !url.startsWith('sqlite:');

/** The caller's account id from an access token, checked as the server checks it (HS256, issuer, audience, role). */
function caller(ctx: Koa.Context, role: string): number {
  const header = ctx.get('authorization');
  if (!header.startsWith('Bearer ')) throw new HttpError(401, 'UNAUTHENTICATED');
  try {
    const p = jwt.verify(header.slice(7), jwtKey, {
      algorithms: ['HS256'],
      issuer: 'rongyou',
      audience: 'rongyou-api',
    }) as jwt.JwtPayload;
    if (p.typ !== 'access' || !(p.roles as string[]).includes(role)) throw new Error('role');
    return Number(p.sub);
  } catch {
    throw new HttpError(401, 'UNAUTHENTICATED');
  }
}

async function readRaw(ctx: Koa.Context): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(ctx: Koa.Context): Promise<Record<string, unknown>> {
  return JSON.parse(await readRaw(ctx));
}

/** `GET /me`: one primary-key read (the account with its roles and identity), the ID number decrypted for its last four. */
async function me(ctx: Koa.Context) {
  const id = caller(ctx, 'holder');
  const r = await sql.one(
    `SELECT a.id, a.display_name, a.disabled, a.token_version,
       (SELECT GROUP_CONCAT(role) FROM account_role WHERE account_id = a.id) AS roles,
       p.name, p.id_number_cipher, p.phone_last4, p.category, p.verified
     FROM account a LEFT JOIN person p ON p.account_id = a.id WHERE a.id = ?`,
    [id],
  );
  if (!r || r.disabled) throw new HttpError(401, 'UNAUTHENTICATED');
  const idNumber = r.id_number_cipher ? fieldCrypto.decrypt(String(r.id_number_cipher), 'person.id_number') : null;
  ctx.body = {
    id: r.id,
    displayName: r.display_name,
    roles: String(r.roles ?? '').split(','),
    identity: idNumber
      ? {
          name: r.name,
          idNumberMasked: maskIdNumber(idNumber.slice(-4)),
          phoneMasked: maskPhone(String(r.phone_last4)),
          category: r.category,
          verified: Boolean(r.verified),
        }
      : null,
  };
}

let categories = new Map<number, string>();
/** Index hints, when the indexes exist: the plan the search needs, whatever the optimizer guesses. */
let hint = { plain: '', category: '' };

/** Nearby search: the box-and-distance query and the offers of the page, as the server needs them. */
async function nearby(ctx: Koa.Context) {
  const lat = Number(ctx.query.lat);
  const lng = Number(ctx.query.lng);
  const radiusKm = ctx.query.radiusKm ? Number(ctx.query.radiusKm) : 5;
  const categoryId = ctx.query.categoryId ? Number(ctx.query.categoryId) : undefined;
  if (!(lat >= 3 && lat <= 54 && lng >= 73 && lng <= 136)) throw new HttpError(400, 'VALIDATION_FAILED');
  const latE6 = toE6(lat);
  const lngE6 = toE6(lng);
  const box = searchBox(latE6, lngE6, radiusKm * 1000);
  const dLng = `((m.lng_e6 - ?) * CAST(? AS ${sql.double}))`;
  const d2 = `((m.lat_e6 - ?) * (m.lat_e6 - ?) + ${dLng} * ${dLng})`;
  const d2Params = [latE6, latE6, lngE6, box.cosLat, lngE6, box.cosLat];
  const rows = await sql.all(
    `SELECT m.id, m.name, m.category_id, m.address, m.lat_e6, m.lng_e6, m.contact_phone, m.intro,
       ${sql.floorInt(d2)} AS d2
     FROM merchant m ${categoryId ? hint.category : hint.plain}
     WHERE ${categoryId ? 'm.category_id = ? AND ' : ''}m.lat_e6 BETWEEN ? AND ? AND m.lng_e6 BETWEEN ? AND ?
       AND m.status = 'active' AND ${d2} <= CAST(? AS ${sql.double})
     ORDER BY d2, m.id LIMIT 21`,
    [
      ...d2Params,
      ...(categoryId ? [categoryId] : []),
      box.minLat,
      box.maxLat,
      box.minLng,
      box.maxLng,
      ...d2Params,
      ((radiusKm * 1000) / M_PER_E6) ** 2,
    ],
  );
  const page = rows.slice(0, 20);
  const now = sql.time(new Date());
  const offers = page.length
    ? await sql.all(
        `SELECT id, merchant_id, title, description, kind, discount_text, price_fen, face_value_fen,
           per_person_daily_limit, eligible_categories, valid_from, valid_to
         FROM merchant_offer
         WHERE merchant_id IN (${page.map(() => '?').join(',')}) AND status = 'active'
           AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to > ?)
         ORDER BY id`,
        [...page.map((r) => r.id), now, now],
      )
    : [];
  ctx.body = {
    items: page.map((m) => ({
      id: m.id,
      name: m.name,
      category: { id: m.category_id, name: categories.get(Number(m.category_id)) },
      address: m.address,
      lat: Number(m.lat_e6) / 1e6,
      lng: Number(m.lng_e6) / 1e6,
      distanceM: projectedDistanceM(latE6, lngE6, Number(m.lat_e6), Number(m.lng_e6), box.cosLat),
      offers: offers.filter((o) => o.merchant_id === m.id),
    })),
    nextCursor:
      rows.length > 20 ? Buffer.from(JSON.stringify({ d2: rows[19].d2, id: rows[19].id })).toString('base64url') : null,
  };
}

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Verification at the counter: the token's signature and expiry, then in one transaction the card
 * (with the clerk's membership and the offer in the same read), the token spent, the redemption.
 */
async function redeem(ctx: Koa.Context) {
  const clerk = caller(ctx, 'merchant_clerk');
  const body = await readJson(ctx);
  let token: { cardId: number; jti: string; expiresAt: Date };
  try {
    token = qr.verify(String(body.qrToken));
  } catch {
    throw new HttpError(400, 'QR_INVALID');
  }
  const now = new Date();
  const result = await sql.tx(async (q) => {
    const r = await q.one(
      `SELECT c.status, c.category, c.person_id, c.holder_name, o.merchant_id, o.status AS offer_status,
         o.eligible_categories
       FROM card c
       JOIN merchant_offer o ON o.id = ?
       JOIN merchant_member mm ON mm.merchant_id = o.merchant_id AND mm.account_id = ? AND mm.active = 1
       JOIN merchant m ON m.id = o.merchant_id AND m.status = 'active'
       WHERE c.id = ?`,
      [Number(body.offerId), clerk, token.cardId],
    );
    if (!r) throw new HttpError(404, 'NOT_FOUND');
    if (r.status !== 'active' || r.offer_status !== 'active') throw new HttpError(409, 'CARD_INACTIVE');
    try {
      await q.exec('INSERT INTO qr_token_use (jti, card_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [
        token.jti,
        token.cardId,
        sql.time(token.expiresAt),
        sql.time(now),
      ]);
    } catch (err) {
      if (sql.isDuplicate(err)) throw new HttpError(409, 'QR_USED');
      throw err;
    }
    await q.exec(
      `INSERT INTO redemption (merchant_id, offer_id, card_id, person_id, clerk_account_id, day, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [r.merchant_id, Number(body.offerId), token.cardId, r.person_id, clerk, shanghaiDate(now), sql.time(now)],
    );
    return r;
  });
  ctx.status = 201;
  ctx.body = { holder: { name: result.holder_name, category: result.category }, offerId: Number(body.offerId) };
}

/** Booking: the guarded place increment and the appointment, in one transaction. */
async function book(ctx: Koa.Context) {
  const holder = caller(ctx, 'holder');
  const body = await readJson(ctx);
  const slotId = Number(body.slotId);
  const now = new Date();
  await sql.tx(async (q) => {
    const taken = await q.exec(
      "UPDATE legal_slot SET booked = booked + 1 WHERE id = ? AND status = 'open' AND booked < capacity AND starts_at > ?",
      [slotId, sql.time(now)],
    );
    if (taken !== 1) throw new HttpError(409, 'SLOT_FULL');
    try {
      await q.exec(
        `INSERT INTO legal_appointment (slot_id, provider_id, account_id, service_type, mode, summary, starts_at, status,
           live_key, created_at, updated_at)
         SELECT id, provider_id, ?, ?, ?, ?, starts_at, 'booked', ?, ?, ? FROM legal_slot WHERE id = ?`,
        [
          holder,
          String(body.serviceType),
          String(body.mode),
          String(body.summary),
          `${slotId}:${holder}`,
          sql.time(now),
          sql.time(now),
          slotId,
        ],
      );
    } catch (err) {
      if (sql.isDuplicate(err)) throw new HttpError(409, 'ALREADY_BOOKED');
      throw err;
    }
  });
  ctx.status = 201;
  ctx.body = { slotId, status: 'booked' };
}

let index: import('../../server/modules/chat/assistant/knowledge-index').KnowledgeIndex;
const { classify } = dist.classify();

/** The assistant, bare: segment the message and search the same knowledge index; nothing stored. */
async function chat(ctx: Koa.Context) {
  caller(ctx, 'holder');
  const body = await readJson(ctx);
  const u = classify(index, String(body.text));
  ctx.status = 201;
  ctx.body = { intent: u.intent, answer: u.knowledge ? { id: u.knowledge.id, text: u.knowledge.answer } : null };
}

/**
 * A payment notice: the raw body, its signature (platform key) and timestamp, AES-256-GCM with the
 * tag checked, one guarded UPDATE (a repeat changes nothing), 204 as WeChat Pay expects.
 */
async function paymentNotice(ctx: Koa.Context) {
  if (!pay) throw new HttpError(404, 'NOT_FOUND');
  const paid = openNotice(pay, ctx.headers, await readRaw(ctx));
  if (typeof paid === 'number')
    throw new HttpError(paid, paid === 401 ? 'NOTICE_SIGNATURE_INVALID' : 'NOTICE_MALFORMED');
  if (paid.trade_state === 'SUCCESS') await sql.exec(NOTICE_UPDATE, [paid.out_trade_no, paid.amount.total]);
  ctx.status = 204;
}

async function start() {
  const cats = await sql.all('SELECT id, name FROM merchant_category', []);
  categories = new Map(cats.map((c) => [Number(c.id), String(c.name)]));
  const indexes = new Set(
    (isMysql
      ? await sql.all(
          "SELECT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'merchant'",
          [],
        )
      : await sql.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'merchant'", [])
    ).map((r) => String(r.name)),
  );
  const use = (name: string) => (indexes.has(name) ? (isMysql ? `USE INDEX (${name})` : `INDEXED BY ${name}`) : '');
  hint = { plain: use('ix_merchant_geo'), category: use('ix_merchant_category_geo') };

  // The same published entries and synonyms the server indexes.
  index = buildIndex(await sql.all(KNOWLEDGE_ENTRIES_SQL, []), await sql.all(KNOWLEDGE_SYNONYMS_SQL, []));

  const app = new Koa();
  app.use(async (ctx) => {
    try {
      const route = `${ctx.method} ${ctx.path}`;
      if (route === 'GET /health') ctx.body = { status: 'ok' };
      else if (route === 'GET /me') await me(ctx);
      else if (route === 'GET /merchants') await nearby(ctx);
      else if (route === 'POST /redemptions') await redeem(ctx);
      else if (route === 'POST /appointments') await book(ctx);
      else if (route === 'POST /chat') await chat(ctx);
      else if (route === 'POST /payments/notify') await paymentNotice(ctx);
      else throw new HttpError(404, 'NOT_FOUND');
    } catch (err) {
      const known = err instanceof HttpError;
      if (!known) process.stderr.write(`${(err as Error).stack ?? err}\n`);
      ctx.status = known ? err.status : 500;
      ctx.body = { error: { code: known ? err.code : 'INTERNAL' } };
    }
  });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.BASELINE_PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

start().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
