import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createContainer } from '../server/container';
import { FieldCrypto } from '../server/lib/field-crypto';
import { checkDigit } from '../server/lib/id-number';
import { createLogger } from '../server/lib/logger';
import { PAYMENT_NOTIFY_PATH } from '../server/modules/payments/orders.service';
import { FakeWeChatPayServer, makeWeChatPayTestKeys, type WeChatPayTestKeys } from '../test/fakes/fake-wechat-pay';
import { type BenchDb, openMysql, openSqlite, type Value } from './bench/db';
import {
  createNoticeTable,
  NOTICE_TABLE,
  NOTICE_UPDATE,
  type NoticeShot,
  noticeKeys,
  openNotice,
  tallyOrders,
  withRepeats,
} from './bench/payments';
import { seedConversations, seedHolders, seedOwner, seedVoucherOffer, seedVoucherOrders, VOUCHER } from './bench/seed';
import { openSqliteFile } from './bench/sqlite';

/**
 * Payment notices handled per second: WeChat Pay's signed, encrypted payment notices posted to the
 * real server (container and Koa app in this process, WeChat Pay live mode with the real adapter
 * pointed at a fake WeChat Pay on loopback) next to a bare handler measured in the same run, on the
 * same database: raw body, signature and timestamp checked, AES-256-GCM decrypted, one guarded
 * UPDATE on a table of its own. Each notice is posted twice (WeChat Pay retries, sometimes while
 * the first is still in flight); afterwards every order must have been paid exactly once.
 *
 *   npm run bench:payments                      # SQLite file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/rongyou_bench_payments npm run bench:payments
 *   BENCH_ROUNDS=5 BENCH_NOTICES=2000 BENCH_CONNECTIONS=50 npm run bench:payments
 *   BENCH_TRACE=1 BENCH_CONVERSATIONS=0 npm run bench:payments
 *
 * The load comes from a child process (autocannon), so it does not share the server's event loop.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const N = Number(process.env.BENCH_NOTICES ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Holders the orders are spread over. */
const HOLDERS = Math.min(N, 1000);
/** A warm-up run per side before the measured rounds (JIT, connection pools, page cache). */
const WARM_UP = Math.min(N, 200);
/**
 * Holders have their chat conversation already (the home page opens it on a first visit), so a
 * paid notice lands in it. BENCH_CONVERSATIONS=0 measures holders without one: the first notice
 * then opens it, in the payment's transaction.
 */
const CONVERSATIONS = process.env.BENCH_CONVERSATIONS !== '0';
/** BENCH_TRACE=1 first lists the statements the server sends for one notice and for its repeat. */
const TRACE = process.env.BENCH_TRACE === '1';

type Side = 'A' | 'B';

interface LoadJob {
  url: string;
  connections: number;
  shots: NoticeShot[];
}

interface LoadOutcome {
  requests: number;
  seconds: number;
  rate: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** The first non-2xx answer, to say why. */
  sample?: string;
}

// ---------------------------------------------------------------------------------------------
// The load, in a child process: the shots in order, from `connections` keep-alive connections.

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest) => AcRequest | null;
  onResponse?: (status: number, body: string) => void;
}
interface AcInstance extends PromiseLike<{ errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

async function driveLoad(job: LoadJob): Promise<LoadOutcome> {
  // autocannon ships no types; the part used here is typed above.
  const autocannon = require('autocannon') as (opts: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    requests: AcRequest[];
  }) => AcInstance;
  const latencies: number[] = [];
  let ok = 0;
  let sample: string | undefined;
  let next = 0;
  // With `amount`, autocannon builds exactly the requests it sends, so each shot goes out once.
  const instance = autocannon({
    url: job.url,
    connections: Math.min(job.connections, job.shots.length),
    amount: job.shots.length,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const shot = job.shots[next++ % job.shots.length];
          return {
            ...req,
            method: 'POST',
            path: PAYMENT_NOTIFY_PATH,
            headers: { 'content-type': 'application/json', ...shot.headers },
            body: shot.body,
          };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && sample === undefined) sample = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const started = process.hrtime.bigint();
  let ended = started;
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status >= 200 && status < 300) ok++;
    ended = process.hrtime.bigint();
  });
  const result = await instance;
  const seconds = Number(ended - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : Number.NaN;
  return {
    requests: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    non2xx: latencies.length - ok,
    errors: result.errors + result.timeouts,
    sample,
  };
}

/** The parent's handle on the load process: one job at a time. */
class LoadDriver {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadDriver> {
    const child = fork(__filename, ['--load-driver'], {
      cwd: path.join(__dirname, '..'),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the load process exited with ${code}`)));
    });
    return new LoadDriver(child);
  }

  run(job: LoadJob): Promise<LoadOutcome> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load process exited with ${code}`));
      this.child.once('exit', onExit);
      this.child.once('message', (outcome) => {
        this.child.off('exit', onExit);
        resolve(outcome as LoadOutcome);
      });
      this.child.send(job);
    });
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}

function loadProcess(): void {
  process.on('message', (job) => {
    void driveLoad(job as LoadJob).then((outcome) => process.send!(outcome));
  });
  process.on('disconnect', () => process.exit(0));
  process.send!('ready');
}

// ---------------------------------------------------------------------------------------------
// The bare handler: the least work a notice needs, on a table of its own in the same database.

/** Applies one paid notice; answers the rows changed (0 for a repeat). */
type Apply = (outTradeNo: string, amountFen: number) => Promise<number>;

async function bareApply(kind: 'mysql' | 'sqlite', url: string, file: string | null, poolSize: number) {
  if (kind === 'mysql') {
    const pool = mysql.createPool({ uri: url, connectionLimit: poolSize, timezone: 'Z', charset: 'utf8mb4' });
    const apply: Apply = async (no, amount) => {
      const [r] = await pool.query(NOTICE_UPDATE, [no, amount]);
      return (r as mysql.ResultSetHeader).affectedRows;
    };
    return { apply, close: () => pool.end() };
  }
  // Its own connection to the file, as the server's: no waiting inside SQLite.
  const db = openSqliteFile(file!);
  db.pragma('busy_timeout = 0');
  const update = db.prepare(NOTICE_UPDATE);
  const apply: Apply = async (no, amount) => update.run(no, amount).changes;
  return { apply, close: async () => db.close() };
}

function readRaw(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Raw body → `openNotice` (signature, timestamp, AES-256-GCM) → one guarded UPDATE → 204. */
function bareNotifyApp(keys: WeChatPayTestKeys, apply: Apply, counts: { applied: number }): Koa {
  const opener = noticeKeys(
    { serialNo: keys.platform.serialNo, pem: keys.platform.certificatePem },
    Buffer.from(keys.apiV3Key, 'utf8'),
  );
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.method !== 'POST' || ctx.path !== PAYMENT_NOTIFY_PATH) {
      ctx.status = 404;
      return;
    }
    const paid = openNotice(opener, ctx.headers, await readRaw(ctx.req));
    if (typeof paid === 'number') {
      ctx.status = paid;
      return;
    }
    if (paid.trade_state === 'SUCCESS') {
      // Awaited first: `counts.applied += await …` would read the count before the wait and lose updates.
      const changed = await apply(paid.out_trade_no, paid.amount.total);
      counts.applied += changed;
    }
    ctx.status = 204;
  });
  return app;
}

// Seed (scripts/bench/seed.ts), with multi-row inserts (the seed is not what is measured),
// encrypting with the sources' own code: this run needs no build.

// ---------------------------------------------------------------------------------------------

async function databaseUrl(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const url = new URL(given);
    const name = url.pathname.slice(1) || 'rongyou_bench_payments';
    url.pathname = '/';
    const conn = await mysql.createConnection(url.toString());
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    url.pathname = `/${name}`;
    return url.toString();
  }
  return `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-bench-')), 'bench.sqlite')}`;
}

function listen(app: Koa): Promise<http.Server> {
  const server = http.createServer(app.callback());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const keys = makeWeChatPayTestKeys();
  // The real clock: the server checks notices' timestamps within ±5 minutes of it.
  const fake = await new FakeWeChatPayServer(keys).start();
  const url = await databaseUrl();
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
    WECHATPAY_MODE: 'live',
    WECHATPAY_MCHID: keys.mchId,
    WECHATPAY_APP_ID: keys.appId,
    WECHATPAY_PRIVATE_KEY: keys.merchant.privateKeyPem,
    WECHATPAY_CERTIFICATE: keys.merchant.certificatePem,
    WECHATPAY_API_V3_KEY: keys.apiV3Key,
    WECHATPAY_PLATFORM_CERTIFICATES: keys.platform.certificatePem,
    WECHATPAY_API_BASE: fake.baseUrl,
    WECHATPAY_NOTIFY_BASE: 'https://pay.bench.test',
    // Live WeChat Pay refuses the development secrets: this run gets throwaway ones.
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${crypto.randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
  });
  const pay = config.wechatPay;
  if (pay.mode !== 'live') throw new Error('WeChat Pay is not in live mode');
  const notifyUrl = `${pay.notifyBase}${PAYMENT_NOTIFY_PATH}`;
  const c = await createContainer(config, { logger: createLogger('error') });
  const kind = config.database.type;
  const file = config.database.type === 'sqlite' ? config.database.file : null;
  const db: BenchDb = kind === 'mysql' ? await openMysql(url) : openSqlite(file!);

  // The server's statements, counted where TypeORM logs each one (the logger decides whether to print).
  let statements = 0;
  const logger = c.db.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  let traced: string[] | null = null;
  logger.logQuery = (...args) => {
    statements++;
    traced?.push(args[0].replace(/\s+/g, ' ').slice(0, 110));
    return logQuery(...args);
  };

  // Seed: holders with active cards, one merchant selling one voucher offer, the bare handler's table.
  const ownerId = await seedOwner(db);
  const holders = await seedHolders(db, config, HOLDERS, ownerId, {
    crypto: new FieldCrypto(config.encryption),
    checkDigit,
  });
  if (CONVERSATIONS && !(await seedConversations(db, holders))) throw new Error('conversations not seeded');
  const offer = await seedVoucherOffer(db, ownerId);
  const { title } = offer;
  await createNoticeTable(db);

  const serverA = await listen(buildApp(c));
  const bare = await bareApply(kind, url, file, config.dbLimits.poolSize);
  const bareCounts = { applied: 0 };
  const serverB = await listen(bareNotifyApp(keys, bare.apply, bareCounts));
  const load = await LoadDriver.start();

  let holderCursor = 0;
  /**
   * A fresh set of orders for one run: registered at WeChat Pay by a JSAPI prepay through the
   * adapter, stored as `created` (voucher orders for the server, the scratch table for the bare
   * handler), paid at WeChat Pay, and their notices built, each one twice.
   */
  async function prepare(side: Side, round: number, n: number): Promise<NoticeShot[]> {
    const now = new Date();
    const orders = Array.from({ length: n }, (_, i) => {
      const h = holderCursor++ % holders.length;
      const quantity = 1 + (i % 3);
      return {
        outTradeNo: `BENCH${side}${String(round).padStart(2, '0')}${String(i).padStart(7, '0')}`,
        holder: holders[h],
        quantity,
        amountFen: VOUCHER.priceFen * quantity,
      };
    });
    const payBy = new Date(now.getTime() + 15 * 60_000);
    const params = await mapLimit(orders, 8, (o) =>
      c.ports.wechatPay.createJsapiPrepay({
        outTradeNo: o.outTradeNo,
        description: title,
        amountFen: o.amountFen,
        payerOpenid: o.holder.openid,
        notifyUrl,
        expiresAt: payBy,
      }),
    );
    if (side === 'A') {
      await seedVoucherOrders(
        db,
        offer,
        orders.map((o, i) => ({ ...o, paymentParams: JSON.stringify(params[i]) })),
      );
    } else {
      await db.insertMany(
        NOTICE_TABLE,
        ['out_trade_no', 'status', 'amount'],
        orders.map((o): Value[] => [o.outTradeNo, 'created', o.amountFen]),
      );
    }
    for (const o of orders) fake.markPaid(o.outTradeNo);
    const notices = orders.map((o) => {
      const n = fake.paymentNotice(o.outTradeNo);
      return { headers: n.headers, body: n.rawBody };
    });
    return withRepeats(notices, 2 * CONNECTIONS);
  }

  interface RunRecord {
    side: Side;
    round: number;
    notices: number;
    outcome: LoadOutcome;
    applied: number;
    statements: number;
  }
  const records: RunRecord[] = [];
  async function run(side: Side, round: number, n: number): Promise<RunRecord> {
    const shots = await prepare(side, round, n);
    // Let the seed's writes settle before the clock starts.
    await new Promise((r) => setTimeout(r, 500));
    const paidBefore =
      side === 'A'
        ? Number((await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM voucher_order WHERE status = 'paid'"))[0].n)
        : bareCounts.applied;
    const statementsBefore = statements;
    const outcome = await load.run({ url: urlOf(side === 'A' ? serverA : serverB), connections: CONNECTIONS, shots });
    const applied =
      side === 'A'
        ? Number(
            (await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM voucher_order WHERE status = 'paid'"))[0].n,
          ) - paidBefore
        : bareCounts.applied - paidBefore;
    const record = {
      side,
      round,
      notices: n,
      outcome,
      applied,
      statements: side === 'A' ? statements - statementsBefore : outcome.requests,
    };
    records.push(record);
    return record;
  }

  const out = (s: string) => process.stdout.write(`${s}\n`);
  const line = (label: string, r: RunRecord) => {
    const o = r.outcome;
    const appliedRate = r.applied / o.seconds;
    out(
      `${label.padEnd(18)} req/s ${o.rate.toFixed(0).padStart(6)}  applied/s ${appliedRate.toFixed(0).padStart(6)}  ` +
        `p50 ${o.p50.toFixed(1).padStart(6)} ms  p99 ${o.p99.toFixed(1).padStart(6)} ms  ` +
        `non-2xx ${o.non2xx}  errors ${o.errors}  stmts/req ${(r.statements / Math.max(1, o.requests)).toFixed(2)}` +
        (o.sample ? `  first failure: ${o.sample}` : ''),
    );
  };

  out(`database            ${kind}`);
  out(`orders per round    ${N} (each notice posted twice: ${2 * N} requests)`);
  out(`connections         ${CONNECTIONS}`);
  out(`holders             ${holders.length}, ${CONVERSATIONS ? 'each with' : 'none with'} a chat conversation`);
  out(`rounds              ${ROUNDS} × (A server, B bare handler), after a warm-up of ${WARM_UP}`);
  out('');
  let failed = false;
  const checkRun = (r: RunRecord) => {
    if (r.outcome.non2xx > 0 || r.outcome.errors > 0 || r.outcome.requests !== 2 * r.notices) failed = true;
  };
  let traceOrders = 0;
  if (TRACE) {
    // One notice, then its repeat, one after the other: the statements each one sends.
    const [notice] = await prepare('A', 99, 1);
    traceOrders = 1;
    for (const which of ['first', 'repeat']) {
      traced = [];
      const res = await fetch(`${urlOf(serverA)}${PAYMENT_NOTIFY_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...notice.headers },
        body: notice.body,
      });
      out(`${which} notice: ${res.status}, ${traced.length} statements`);
      for (const q of traced) out(`  ${q}`);
      traced = null;
    }
    out('');
  }
  for (const side of ['A', 'B'] as const) {
    const r = await run(side, 0, WARM_UP);
    checkRun(r);
    line(`warm-up ${side}`, r);
  }
  const ratios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await run('A', round, N);
    line(`round ${round} A server`, a);
    const b = await run('B', round, N);
    line(`round ${round} B bare`, b);
    checkRun(a);
    checkRun(b);
    const ratio = a.outcome.rate / b.outcome.rate;
    ratios.push(ratio);
    out(`round ${round} ratio A/B  ${ratio.toFixed(3)}`);
  }
  out('');
  const measured = records.filter((r) => r.round > 0);
  for (const side of ['A', 'B'] as const) {
    const rs = measured.filter((r) => r.side === side);
    out(
      `${side === 'A' ? 'A server' : 'B bare'}: median req/s ${median(rs.map((r) => r.outcome.rate)).toFixed(0)}, ` +
        `applied notices/s ${median(rs.map((r) => r.applied / r.outcome.seconds)).toFixed(0)}, ` +
        `p50 ${median(rs.map((r) => r.outcome.p50)).toFixed(1)} ms, p99 ${median(rs.map((r) => r.outcome.p99)).toFixed(1)} ms, ` +
        `statements per applied notice ${(rs.reduce((s, r) => s + r.statements, 0) / rs.reduce((s, r) => s + r.applied, 0)).toFixed(2)}`,
    );
  }
  out(
    `ratio A/B           median ${median(ratios).toFixed(3)}  range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
  );
  out(`deadlock retries    ${c.db.retries} (transactions run again after a deadlock or lock-wait timeout)`);

  // Every order paid exactly once, whatever number of notices came and however they overlapped.
  const orders = await tallyOrders(db, 'BENCHA');
  const unpaid = orders.filter((o) => o.status !== 'paid' || o.pays === 0).length;
  const doubles = orders.filter((o) => o.pays > 1).length;
  const voucherMismatch = orders.filter((o) => o.vouchers !== o.quantity).length;
  const outboxMismatch = orders.filter((o) => o.notices !== 1).length;
  const expectedOrders = WARM_UP + ROUNDS * N + traceOrders;
  const [bareLeft] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${NOTICE_TABLE} WHERE status <> 'paid'`);
  const bareExpected = WARM_UP + ROUNDS * N;
  const bareApplied = records.filter((r) => r.side === 'B').reduce((s, r) => s + r.applied, 0);
  const failedRequests = records.reduce((s, r) => s + r.outcome.non2xx + r.outcome.errors, 0);
  out('');
  out(`orders (server)     ${orders.length} of ${expectedOrders}`);
  out(`not paid            ${unpaid}`);
  out(`vouchers ≠ quantity ${voucherMismatch}`);
  out(`outbox ≠ 1 per order ${outboxMismatch} (${orders.reduce((s, o) => s + o.notices, 0)} voucher_paid rows)`);
  out(`bare handler        ${bareApplied} applied of ${bareExpected}, ${Number(bareLeft.n)} left unpaid`);
  out(`failed requests     ${failedRequests}`);
  out(`double transitions: ${doubles}`);
  if (
    failed ||
    orders.length !== expectedOrders ||
    unpaid ||
    doubles ||
    voucherMismatch ||
    outboxMismatch ||
    bareApplied !== bareExpected ||
    Number(bareLeft.n) !== 0
  ) {
    out('FAILED');
    process.exitCode = 1;
  }

  load.stop();
  serverA.closeAllConnections();
  serverB.closeAllConnections();
  await new Promise((r) => serverA.close(r));
  await new Promise((r) => serverB.close(r));
  await bare.close();
  await db.close();
  await c.db.close();
  await fake.stop();
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

if (process.argv.includes('--load-driver')) loadProcess();
else
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
