import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { FakeWeChatPayServer, makeWeChatPayTestKeys } from '../../test/fakes/fake-wechat-pay';
import { type BenchDb, openMysql, openSqlite } from './db';
import { dist, ROOT } from './dist';
import { buildIndex, KNOWLEDGE_ENTRIES_SQL, KNOWLEDGE_SYNONYMS_SQL } from './knowledge';
import { type LoadRequest, type LoadResult, runLoad } from './load';
import {
  createNoticeTable,
  NOTICE_TABLE,
  type NoticeShot,
  paidNotice,
  paidOnce,
  payEnv,
  tallyOrders,
  untouched,
  withRepeats,
  writePayFiles,
} from './payments';
import {
  clearMerchants,
  type PendingOrder,
  pointAt,
  prng,
  resetBookings,
  seedClerks,
  seedHolders,
  seedLegalAid,
  seedMerchants,
  seedConversations,
  seedOwner,
  seedVoucherOffer,
  seedVoucherOrders,
  VOUCHER,
} from './seed';

/**
 * `npm run bench`: the built server (one process, NODE_ENV=production) next to a baseline doing the
 * least work each path needs in raw SQL, on the same freshly seeded database, under the same load,
 * alternating server and baseline over several rounds. See `npm run bench -- --help`.
 */
const HELP = `usage: npm run bench -- [options]
  --sqlite            SQLite file instead of MariaDB (BENCH_DATABASE_URL, default
                      mysql://root@127.0.0.1:3306/rongyou_bench, dropped and recreated;
                      the servers' accounts are named after it: <name>_srv, <name>_base)
  --rounds N          server/baseline alternations per path (3)
  --seconds S         seconds per run (10)
  --connections C     concurrent connections (50)
  --holders N         holders with accounts, identities and active cards (20000)
  --merchants N       merchants, 3 offers each (10000)
  --clerks N          counter clerks, one per merchant (200)
  --paths a,b         only these paths (health,me,nearby,nearby-category,nearby-fixed,verify,booking,chat,
                      payment)
  --scale             also nearby search at 1,000 / 10,000 / 100,000 merchants
  --scale-sizes a,b   other table sizes for --scale
  --build             rebuild dist/ even when it is fresh
  --server-env K=V,…  more environment for the server only (MALLOC_ARENA_MAX=2, NODE_OPTIONS=…)
  --profile DIR       write the server's CPU profile into DIR when it stops (node --cpu-prof); with
                      --paths for one path, its top functions say where its time goes
`;

const { values: args } = parseArgs({
  options: {
    sqlite: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    holders: { type: 'string', default: '20000' },
    merchants: { type: 'string', default: '10000' },
    clerks: { type: 'string', default: '200' },
    paths: { type: 'string' },
    scale: { type: 'boolean', default: false },
    'scale-sizes': { type: 'string', default: '1000,10000,100000' },
    build: { type: 'boolean', default: false },
    profile: { type: 'string' },
    'server-env': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const HOLDERS = Number(args.holders);
const MERCHANTS = Number(args.merchants);
const CLERKS = Math.min(Number(args.clerks), MERCHANTS);
const SLOT_CAPACITY = 100_000;
const QR_TTL_S = 60;
/** How far from the server's clock a notice's signed timestamp may be (WeChat Pay's ±5 minutes). */
const NOTICE_WINDOW_S = 300;
/** One payment notice in this many comes twice (WeChat Pay retries when an answer is slow or lost). */
const NOTICE_REPEAT_EVERY = 4;

type Target = 'server' | 'baseline';
const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// Child processes: ended by their own pid when the benchmark ends, however it ends.

const children: ChildProcess[] = [];
/** What the run changed outside its own database (accounts, a server variable), undone however it ends. */
const cleanups: (() => Promise<unknown>)[] = [];
function stopChildren(): void {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill('SIGTERM');
}
process.on('exit', stopChildren);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    stopChildren();
    process.exit(130);
  });
}

/** Starts a helper that prints `{"port":…}` (and what else it listens on) on its first stdout line. */
function startReporting<T extends { port: number } = { port: number }>(
  file: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<T & { child: ChildProcess }> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', out] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) {
        try {
          resolve({ ...(JSON.parse(line) as T), child });
        } catch {
          reject(new Error(`${file}: unexpected output ${line}`));
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}; see ${logFile}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer ${url} within 60 s; see ${logFile}`);
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// Statement counts. On MariaDB each server connects as its own account and the per-account
// counters (userstat) are read before and after each run, so other clients of the same MariaDB
// (test suites) are not counted. Without the rights for that, the global Questions counter is used
// and the count includes whatever else ran meanwhile.

interface Counts {
  statements: number;
  rowsRead: number;
}
type CountReader = (target: Target) => Promise<Counts | undefined>;

async function userCounter(admin: mysql.Connection, users: Record<Target, string>): Promise<CountReader> {
  return async (target) => {
    const [rows] = await admin.query(
      'SELECT SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS AS statements, ROWS_READ AS rowsRead FROM information_schema.USER_STATISTICS WHERE USER = ?',
      [users[target]],
    );
    const r = (rows as { statements: number; rowsRead: number }[])[0];
    return r ? { statements: Number(r.statements), rowsRead: Number(r.rowsRead) } : { statements: 0, rowsRead: 0 };
  };
}

function globalCounter(admin: mysql.Connection): CountReader {
  return async () => {
    const [rows] = await admin.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Innodb_rows_read')");
    const m = new Map(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]),
    );
    // The two SHOW statements of each measurement are the benchmark's own.
    return { statements: (m.get('Questions') ?? 0) - 1, rowsRead: m.get('Innodb_rows_read') ?? 0 };
  };
}

// ---------------------------------------------------------------------------------------------

interface PathSpec {
  key: string;
  label: string;
  /** The longest run the path's single-use pool stays good for, and why. */
  maxSeconds?: { seconds: number; why: string };
  /** Called before each run of a target: a reset, or a pool of single-use tokens (then a cap on requests). */
  before?: (target: Target, seconds: number) => Promise<number | undefined>;
  next: (target: Target) => () => LoadRequest;
}

interface RunRecord {
  result: LoadResult;
  counts?: Counts;
  note?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const started = Date.now();
  // 1. The build the server runs.
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), args.build ? '--build' : '--if-stale'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    throw new Error('the server does not build (the compiler said why above): nothing to measure');
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-bench-'));
  const serverLog = path.join(work, 'server.log');
  const baselineLog = path.join(work, 'baseline.log');
  const stubLog = path.join(work, 'wechat-stub.log');

  // 2. The database: fresh, and on MariaDB one account per server so their statements are counted apart.
  let serverUrl: string;
  let baselineUrl: string;
  let admin: mysql.Connection | undefined;
  let countReader: CountReader | undefined;
  let countsAre = 'per server (MariaDB userstat, by database account)';
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/rongyou_bench';
  if (args.sqlite) {
    serverUrl = `sqlite:${path.join(work, 'bench.sqlite')}`;
    baselineUrl = serverUrl;
    countsAre = 'not measured on SQLite';
  } else {
    const u = new URL(adminUrl);
    const name = u.pathname.slice(1) || 'rongyou_bench';
    u.pathname = '/';
    admin = await mysql.createConnection(u.toString());
    const conn = admin;
    cleanups.push(() => conn.end());
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const withUser = (user: string, password: string) => {
      const x = new URL(adminUrl);
      x.username = user;
      x.password = password;
      x.pathname = `/${name}`;
      return x.toString();
    };
    try {
      // Named after the database, so that runs on other databases of the same MariaDB keep their own.
      const users = { server: `${name}_srv`, baseline: `${name}_base` } as const;
      // The address MariaDB sees the servers connect from (it resolves no names here).
      const host = ['127.0.0.1', 'localhost'].includes(u.hostname) ? '127.0.0.1' : '%';
      const a = admin;
      cleanups.push(async () => {
        for (const u of Object.values(users)) await a.query('DROP USER IF EXISTS ?@?', [u, host]);
      });
      const passwords = {
        server: crypto.randomBytes(12).toString('hex'),
        baseline: crypto.randomBytes(12).toString('hex'),
      };
      for (const t of ['server', 'baseline'] as const) {
        await admin.query(`CREATE OR REPLACE USER ?@? IDENTIFIED BY ?`, [users[t], host, passwords[t]]);
        await admin.query(`GRANT ALL ON \`${name}\`.* TO ?@?`, [users[t], host]);
      }
      const [[row]] = (await admin.query("SHOW GLOBAL VARIABLES LIKE 'userstat'")) as unknown as [{ Value: string }[]];
      if (row?.Value !== 'ON') {
        cleanups.push(() => a.query('SET GLOBAL userstat = 0'));
        await admin.query('SET GLOBAL userstat = 1');
      }
      serverUrl = withUser(users.server, passwords.server);
      baselineUrl = withUser(users.baseline, passwords.baseline);
      countReader = await userCounter(admin, users);
    } catch (err) {
      log(`per-account counting unavailable (${(err as Error).message}); counting global Questions instead`);
      countsAre = 'global Questions: includes other clients of this MariaDB';
      const x = new URL(adminUrl);
      x.pathname = `/${name}`;
      serverUrl = x.toString();
      baselineUrl = serverUrl;
      countReader = globalCounter(admin);
    }
  }

  // 3. Production settings for a benchmark (see the report printed at the end). WeChat Pay is live
  // with keys made for this run; the stub answers its API on https, which production requires.
  const payKeys = { ...makeWeChatPayTestKeys(), appId: 'wxbench0000000000' };
  const payFiles = writePayFiles(payKeys, work);
  const stub = await startReporting<{ port: number; payPort: number }>(
    'scripts/bench/wechat-stub.ts',
    {
      ...process.env,
      BENCH_PAY_KEYS: payFiles.keys,
      BENCH_PAY_TLS_KEY: payFiles.tlsKey,
      BENCH_PAY_TLS_CERT: payFiles.tlsCert,
    },
    stubLog,
  );
  const serverPort = await freePort();
  const serverEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(serverPort),
    DATABASE_URL: serverUrl,
    DATA_DIR: path.join(work, 'data'),
    LOG_LEVEL: 'info',
    WECHAT_APP_ID: 'wxbench0000000000',
    WECHAT_APP_SECRET: crypto.randomBytes(16).toString('hex'),
    WECHAT_API_BASE: `http://127.0.0.1:${stub.port}`,
    ...payEnv(payKeys, work, `https://127.0.0.1:${stub.payPort}`),
    // The stub's certificate, trusted as a CA would be for api.mch.weixin.qq.com.
    NODE_EXTRA_CA_CERTS: payFiles.tlsCert,
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${crypto.randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    SCHEDULER_ENABLED: 'false',
    WRITE_RATE_LIMIT_PER_MINUTE: '1000000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    ...Object.fromEntries(
      (args['server-env'] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
  };
  const config = dist.config().loadConfig(serverEnv);

  // 4. Schema by the server's own migrations, then the seed.
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'migrate.js')], {
    cwd: ROOT,
    env: serverEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const db: BenchDb = args.sqlite ? openSqlite(serverUrl.slice('sqlite:'.length)) : await openMysql(`${adminUrl}`);
  const t0 = Date.now();
  const ownerId = await seedOwner(db);
  const holders = await seedHolders(db, config, HOLDERS, ownerId);
  let { categories, firstMerchant } = await seedMerchants(db, MERCHANTS, ownerId);
  const clerks = await seedClerks(db, CLERKS, firstMerchant);
  const slots = await seedLegalAid(db, SLOT_CAPACITY);
  const conversations = await seedConversations(db, holders);
  // Payment notices: one voucher on sale (its orders are seeded before each run), the bare handler's table.
  const voucher = await seedVoucherOffer(db, ownerId, 100_000_000);
  await createNoticeTable(db);
  const seedSeconds = (Date.now() - t0) / 1000;
  log(
    `seeded ${HOLDERS} holders, ${MERCHANTS} merchants, ${CLERKS} clerks, ${slots.length} slots in ${seedSeconds.toFixed(1)} s`,
  );

  // 5. The two servers.
  const serverOut = fs.openSync(serverLog, 'a');
  const profiling = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : [];
  const server = spawn(process.execPath, [...profiling, path.join(ROOT, 'dist', 'server', 'main.js')], {
    cwd: ROOT,
    env: serverEnv,
    stdio: ['ignore', serverOut, serverOut],
  });
  children.push(server);
  const S = `http://127.0.0.1:${serverPort}`;
  await waitFor(`${S}/api/v1/health`, server, serverLog);
  const baseline = await startReporting(
    'scripts/bench/baseline.ts',
    { ...serverEnv, PORT: '0', BASELINE_DATABASE_URL: baselineUrl },
    baselineLog,
  );
  const B = `http://127.0.0.1:${baseline.port}`;
  const base: Record<Target, string> = { server: S, baseline: B };

  // 6. Credentials: access tokens signed by the server's own TokenService; QR tokens from the API.
  const tokens = new (dist.tokens().TokenService)(config.jwt, dist.clock().systemClock);
  const holderTokens = holders.map((h) => tokens.signAccess({ accountId: h.accountId, roles: ['holder'] }, 0).token);
  const clerkTokens = clerks.map(
    (c) => tokens.signAccess({ accountId: c.accountId, roles: ['merchant_clerk'] }, 0).token,
  );
  const qrIssuer = new (dist.qrTokens().QrTokens)(config.jwt.secret, dist.clock().systemClock);

  // Chat: questions the knowledge base answers (policy), so every message takes the same path and
  // no conversation is handed over to staff mid-run.
  const index = buildIndex(await db.query(KNOWLEDGE_ENTRIES_SQL), await db.query(KNOWLEDGE_SYNONYMS_SQL));
  const { classify } = dist.classify();
  const questions = (await db.query<{ question: string; phrasings: string }>(KNOWLEDGE_ENTRIES_SQL))
    .flatMap((e) => [e.question, ...(JSON.parse(e.phrasings) as string[])])
    .filter((q) => classify(index, q).intent === 'policy');
  if (questions.length === 0) throw new Error('no knowledge-base question classifies as policy');

  const rateSeen: Record<Target, Map<string, number>> = { server: new Map(), baseline: new Map() };
  let qrPool: string[] = [];
  let chatTurn = 0;
  let round = -1;

  /** QR tokens, one per verification: the server's from its API, the baseline's minted with the same key. */
  async function fillQrPool(target: Target, seconds: number): Promise<number> {
    // Sized from the rate seen last time (warm-up included), with room to spare; minting the
    // baseline's costs an HMAC each, so it gets plenty.
    const seen = rateSeen[target].get('verify') ?? 0;
    const want = Math.ceil(Math.max(seen * 2, target === 'baseline' ? 10_000 : 1000) * seconds) + CONNECTIONS;
    const pool: string[] = [];
    if (target === 'baseline') {
      for (let i = 0; i < want; i++) pool.push(qrIssuer.issue(holders[i % holders.length].cardId).token);
    } else {
      // Every token must outlive the run: stop issuing in time.
      const deadline = Date.now() + Math.max(5, QR_TTL_S - seconds - 10) * 1000;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (pool.length < want && Date.now() < deadline) {
            const h = next++ % holders.length;
            const res = await fetch(`${S}/api/v1/me/card/qr-token`, {
              method: 'POST',
              headers: { authorization: `Bearer ${holderTokens[h]}` },
            });
            const body = (await res.json()) as { token?: string };
            if (!res.ok || !body.token) throw new Error(`qr-token answered ${res.status} ${JSON.stringify(body)}`);
            pool.push(body.token);
          }
        }),
      );
    }
    qrPool = pool;
    return pool.length;
  }

  // Payment notices: before each run, orders as buying leaves them (the server's in voucher_order,
  // the baseline's in its own table), each paid at WeChat Pay and its notice signed and encrypted
  // then, not during the run (signing is WeChat Pay's cost); one order per notice, some posted twice.
  const { PAYMENT_NOTIFY_PATH } = dist.orders();
  if (config.wechatPay.mode !== 'live') throw new Error('WeChat Pay is not live');
  const notifyUrl = `${config.wechatPay.notifyBase}${PAYMENT_NOTIFY_PATH}`;
  // Never started: it only signs and encrypts notices as WeChat Pay does.
  const wechatPay = new FakeWeChatPayServer(payKeys);
  const noticed: Record<Target, Set<string>> = { server: new Set(), baseline: new Set() };
  let noticePool: { outTradeNo: string; shot: NoticeShot }[] = [];
  let orderSeq = 0;

  async function fillNoticePool(target: Target, seconds: number): Promise<number> {
    // Sized from the rate seen last time, with room to spare; a pool that runs out ends the run early (noted).
    const seen = rateSeen[target].get('payment') ?? 0;
    const requests = Math.ceil(Math.max(seen * 2, target === 'baseline' ? 3000 : 500) * seconds) + CONNECTIONS;
    const n = Math.ceil((requests * NOTICE_REPEAT_EVERY) / (NOTICE_REPEAT_EVERY + 1));
    const orders = Array.from({ length: n }, (_, i): PendingOrder & { openid: string } => {
      const seq = orderSeq++;
      const h = holders[seq % holders.length];
      return {
        outTradeNo: `BENCH${target === 'server' ? 'S' : 'B'}${String(seq).padStart(10, '0')}`,
        holder: h,
        openid: h.openid,
        quantity: 1 + (i % 3),
        // What the prepay gave the holder's client to pay with, as large as WeChat Pay's.
        paymentParams: JSON.stringify({
          appId: payKeys.appId,
          timeStamp: String(Math.floor(Date.now() / 1000)),
          nonceStr: crypto.randomBytes(16).toString('hex'),
          package: `prepay_id=wx${crypto.randomBytes(14).toString('hex')}`,
          signType: 'RSA',
          paySign: crypto.randomBytes(256).toString('base64'),
        }),
      };
    });
    if (target === 'server') await seedVoucherOrders(db, voucher, orders);
    else
      await db.insertMany(
        NOTICE_TABLE,
        ['out_trade_no', 'status', 'amount'],
        orders.map((o) => [o.outTradeNo, 'created', VOUCHER.priceFen * o.quantity]),
      );
    const notices = orders.map((o) => ({
      outTradeNo: o.outTradeNo,
      shot: paidNotice(wechatPay, {
        outTradeNo: o.outTradeNo,
        amountFen: VOUCHER.priceFen * o.quantity,
        openid: o.openid,
        description: voucher.title,
        notifyUrl,
      }),
    }));
    noticePool = withRepeats(notices, 2 * CONNECTIONS, NOTICE_REPEAT_EVERY);
    return noticePool.length;
  }

  const nearbyPath = (category: boolean, fixed: boolean) => (target: Target) => {
    // The same points for server and baseline within a round, other points in the next round.
    const rnd = prng(fixed ? 1 : 1000 + round);
    const fixedPoint = pointAt(prng(99));
    const prefix = target === 'server' ? '/api/v1/merchants' : '/merchants';
    return (): LoadRequest => {
      const p = fixed ? fixedPoint : pointAt(rnd);
      const c = category ? `&categoryId=${categories[Math.floor(rnd() * categories.length)]}` : '';
      return { method: 'GET', path: `${prefix}?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}${c}` };
    };
  };

  const PATHS: PathSpec[] = [
    {
      key: 'health',
      label: 'health',
      next: (t) => () => ({ method: 'GET', path: t === 'server' ? '/api/v1/health' : '/health' }),
    },
    {
      key: 'me',
      label: 'GET /me',
      next: (t) => {
        let i = 0;
        return () => ({
          method: 'GET',
          path: t === 'server' ? '/api/v1/me' : '/me',
          token: holderTokens[i++ % holderTokens.length],
        });
      },
    },
    { key: 'nearby', label: 'nearby (varied points)', next: nearbyPath(false, false) },
    { key: 'nearby-category', label: 'nearby + category (varied)', next: nearbyPath(true, false) },
    { key: 'nearby-fixed', label: 'nearby, one point (cache)', next: nearbyPath(false, true) },
    {
      key: 'verify',
      label: 'verify at the counter',
      maxSeconds: { seconds: QR_TTL_S - 20, why: `QR tokens live ${QR_TTL_S} s` },
      before: fillQrPool,
      next: (t) => {
        let i = 0;
        return () => {
          const clerk = clerks[i % clerks.length];
          const token = qrPool[i % qrPool.length];
          i++;
          return {
            method: 'POST',
            path: t === 'server' ? '/api/v1/merchant/redemptions' : '/redemptions',
            token: clerkTokens[clerks.indexOf(clerk)],
            body: { qrToken: token, offerId: clerk.offerId },
          };
        };
      },
    },
    {
      key: 'booking',
      label: 'booking',
      before: async () => {
        // Requests still queued when the last run stopped must land before the reset, or they
        // would take places (holder, slot) this run asks for again.
        let last = -1;
        for (;;) {
          const [{ n }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM legal_appointment');
          if (Number(n) === last) break;
          last = Number(n);
          await new Promise((r) => setTimeout(r, 300));
        }
        await resetBookings(db);
        return undefined;
      },
      next: (t) => {
        let i = 0;
        return () => {
          // Distinct (holder, slot) pairs, at most three per holder per run (the server's limit).
          const h = i % holders.length;
          const k = Math.floor(i / holders.length);
          i++;
          return {
            method: 'POST',
            path: t === 'server' ? '/api/v1/legal-aid/appointments' : '/appointments',
            token: holderTokens[h],
            body: {
              slotId: slots[(h + k * 7) % slots.length],
              serviceType: 'consultation',
              mode: 'phone',
              summary: '咨询劳动合同纠纷怎么处理',
            },
          };
        };
      },
    },
    {
      key: 'chat',
      label: 'chat message (assistant)',
      next: (t) => () => {
        // Holders take turns: the server allows each 20 messages a minute.
        const n = chatTurn++;
        return {
          method: 'POST',
          path: t === 'server' ? '/api/v1/chat/messages' : '/chat',
          token: holderTokens[n % holderTokens.length],
          body: { text: questions[n % questions.length] },
        };
      },
    },
    {
      key: 'payment',
      label: 'payment notice',
      // Signing the pool takes time too, and every notice must still be in WeChat Pay's window when it lands.
      maxSeconds: { seconds: 60, why: `notices are signed before the run, good for ${NOTICE_WINDOW_S} s` },
      before: fillNoticePool,
      next: (t) => {
        let i = 0;
        return () => {
          const n = noticePool[i++ % noticePool.length];
          noticed[t].add(n.outTradeNo);
          return {
            method: 'POST',
            path: t === 'server' ? PAYMENT_NOTIFY_PATH : '/payments/notify',
            headers: n.shot.headers,
            rawBody: n.shot.body,
          };
        };
      },
    },
  ];
  const only = args.paths ? new Set(args.paths.split(',')) : undefined;
  const paths = only ? PATHS.filter((p) => only.has(p.key)) : PATHS;

  // RSS of the server process, sampled while it is under load.
  let peakRss = 0;
  const sampler = setInterval(() => {
    const r = rssMb(server.pid!);
    if (r > peakRss) peakRss = r;
  }, 100);
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssMb(server.pid!);
  peakRss = idleRss;

  async function run(p: PathSpec, target: Target, seconds: number, count: boolean): Promise<RunRecord> {
    let runSeconds = seconds;
    let note: string | undefined;
    if (p.maxSeconds && seconds > p.maxSeconds.seconds) {
      runSeconds = p.maxSeconds.seconds;
      note = `runs capped at ${runSeconds} s (${p.maxSeconds.why})`;
    }
    const amount = p.before ? await p.before(target, runSeconds) : undefined;
    const before = count && countReader ? await countReader(target) : undefined;
    const result = await runLoad({
      url: base[target],
      connections: CONNECTIONS,
      seconds: runSeconds,
      amount,
      next: p.next(target),
    });
    // Let the requests in flight when the load stopped finish (the server works on them anyway),
    // so they are counted with this run and do not slow the next.
    await new Promise((r) => setTimeout(r, 500));
    const after = count && countReader ? await countReader(target) : undefined;
    if (amount !== undefined && result.seconds < runSeconds * 0.95)
      note = `token pool (${amount}) ran out after ${result.seconds.toFixed(1)} s`;
    rateSeen[target].set(p.key, result.rate);
    const counts =
      before && after
        ? { statements: after.statements - before.statements, rowsRead: after.rowsRead - before.rowsRead }
        : undefined;
    return { result, counts, note };
  }

  // 7. Warm-up (JIT, pools, caches), not recorded; then the rounds, server and baseline alternating.
  const warm = Math.min(2, SECONDS);
  for (const p of paths) for (const t of ['server', 'baseline'] as const) await run(p, t, warm, false);
  const records = new Map<string, Record<Target, RunRecord[]>>(paths.map((p) => [p.key, { server: [], baseline: [] }]));
  for (round = 0; round < ROUNDS; round++) {
    for (const p of paths) {
      const order: Target[] = round % 2 === 0 ? ['server', 'baseline'] : ['baseline', 'server'];
      for (const t of order) {
        const r = await run(p, t, SECONDS, true);
        records.get(p.key)![t].push(r);
        log(
          `round ${round + 1} ${p.key.padEnd(16)} ${t.padEnd(8)} ${r.result.rate.toFixed(0).padStart(6)} req/s  p50 ${r.result.p50.toFixed(2)} ms  p99 ${r.result.p99.toFixed(2)} ms  non-2xx ${r.result.non2xx}${r.result.sample ? `  e.g. ${r.result.sample}` : ''}${r.note ? `  (${r.note})` : ''}`,
        );
      }
    }
  }
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 3000));
  const settledRss = rssMb(server.pid!);

  // Every order the server was sent a notice for is paid exactly once (one history row, its
  // vouchers, one notice to the holder), however many notices came and however they overlapped;
  // every order it was not sent one for is untouched. The baseline's orders are all paid.
  let paymentCheck: { line: string; failed: boolean } | undefined;
  if (paths.some((p) => p.key === 'payment')) {
    const tallies = await tallyOrders(db, 'BENCHS');
    const sent = tallies.filter((t) => noticed.server.has(t.outTradeNo));
    const once = sent.filter(paidOnce).length;
    const touched = tallies.filter((t) => !noticed.server.has(t.outTradeNo) && !untouched(t)).length;
    const missing = noticed.server.size - sent.length;
    const base = await db.query<{ out_trade_no: string; status: string }>(
      `SELECT out_trade_no, status FROM ${NOTICE_TABLE}`,
    );
    const baseUnpaid = base.filter((r) => noticed.baseline.has(r.out_trade_no) && r.status !== 'paid').length;
    const failed = once !== sent.length || touched > 0 || missing > 0 || baseUnpaid > 0;
    paymentCheck = {
      failed,
      line:
        `payment notice: ${sent.length} orders the server was sent notices for, ${once} paid exactly once ` +
        `(history row, vouchers, holder's notice)${missing ? `, ${missing} not found` : ''}; ` +
        `${tallies.length - sent.length} seeded and not sent, ${touched} of them touched; ` +
        `baseline ${noticed.baseline.size - baseUnpaid} of ${noticed.baseline.size} paid${failed ? ' — FAILED' : ''}`,
    };
    log(paymentCheck.line);
  }

  // 8. The table.
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const lines: string[] = [];
  const dbVersion = admin
    ? String(((await admin.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]])[0][0].v)
    : 'SQLite (better-sqlite3)';
  lines.push(
    `npm run bench — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${dbVersion}`,
  );
  lines.push(
    `${HOLDERS} holders with cards${conversations ? ' and conversations' : ''}, ${MERCHANTS} merchants × 3 offers, ${CLERKS} clerks, 1 provider × ${slots.length} slots; ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s per run; statements: ${countsAre}`,
  );
  lines.push('');
  const head = [
    'path'.padEnd(28),
    'server req/s'.padStart(12),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'base req/s'.padStart(11),
    'p50 ms'.padStart(7),
    'p99 ms'.padStart(7),
    'ratio (min–max)'.padStart(18),
    'stmts/req S/B'.padStart(14),
    'rows/req S/B'.padStart(14),
    'non-2xx S/B'.padStart(12),
  ];
  lines.push(head.join(' '));
  const notes: string[] = [];
  for (const p of paths) {
    const r = records.get(p.key)!;
    const med = (t: Target, k: 'rate' | 'p50' | 'p99') => median(r[t].map((x) => x.result[k]));
    const ratios = r.server.map((x, i) => x.result.rate / (r.baseline[i]?.result.rate ?? Number.NaN));
    const per = (t: Target, k: keyof Counts) => {
      const c = r[t].filter((x) => x.counts);
      const reqs = c.reduce((n, x) => n + x.result.sent, 0);
      return c.length && reqs ? c.reduce((n, x) => n + x.counts![k], 0) / reqs : Number.NaN;
    };
    const non2xx = (t: Target) => r[t].reduce((n, x) => n + x.result.non2xx + x.result.errors, 0);
    lines.push(
      [
        p.label.padEnd(28),
        f(med('server', 'rate')).padStart(12),
        f(med('server', 'p50'), 2).padStart(7),
        f(med('server', 'p99'), 2).padStart(7),
        f(med('baseline', 'rate')).padStart(11),
        f(med('baseline', 'p50'), 2).padStart(7),
        f(med('baseline', 'p99'), 2).padStart(7),
        `${f(median(ratios), 2)} (${f(Math.min(...ratios), 2)}–${f(Math.max(...ratios), 2)})`.padStart(18),
        `${f(per('server', 'statements'), 1)}/${f(per('baseline', 'statements'), 1)}`.padStart(14),
        `${f(per('server', 'rowsRead'), 0)}/${f(per('baseline', 'rowsRead'), 0)}`.padStart(14),
        `${non2xx('server')}/${non2xx('baseline')}`.padStart(12),
      ].join(' '),
    );
    for (const t of ['server', 'baseline'] as const) {
      for (const x of r[t]) {
        if (x.note) notes.push(`${p.label}, ${t}: ${x.note}`);
        if (x.result.sample) notes.push(`${p.label}, ${t}: ${x.result.non2xx} non-2xx, e.g. ${x.result.sample}`);
      }
    }
  }
  lines.push('');
  lines.push(
    `server RSS: idle ${f(idleRss)} MB before the load, peak ${f(peakRss)} MB under it, ${f(settledRss)} MB 3 s after it`,
  );
  for (const n of [...new Set(notes)]) lines.push(`note: ${n}`);
  if (paymentCheck) lines.push(`check: ${paymentCheck.line}`);

  // 9. Scale: nearby search as the merchant table grows.
  if (args.scale) {
    lines.push('');
    lines.push('nearby search by merchants in the table (varied points, no category; one run each):');
    const nearby = PATHS.find((p) => p.key === 'nearby')!;
    for (const n of args['scale-sizes'].split(',').map(Number)) {
      await clearMerchants(db);
      ({ categories, firstMerchant } = await seedMerchants(db, n, ownerId));
      const s = await run(nearby, 'server', SECONDS, true);
      const b = await run(nearby, 'baseline', SECONDS, true);
      const rows = (x: RunRecord) => (x.counts ? f(x.counts.rowsRead / x.result.sent, 0) : '—');
      lines.push(
        `  ${String(n).padStart(7)}: server ${f(s.result.rate)} req/s p50 ${f(s.result.p50, 2)} p99 ${f(s.result.p99, 2)} ms, rows/req ${rows(s)}; ` +
          `baseline ${f(b.result.rate)} req/s p50 ${f(b.result.p50, 2)} p99 ${f(b.result.p99, 2)} ms, rows/req ${rows(b)}; ` +
          `ratio ${f(s.result.rate / b.result.rate, 2)}; non-2xx ${s.result.non2xx}/${b.result.non2xx}`,
      );
    }
  }
  lines.push('');
  lines.push(
    `server: node dist/server/main.js, NODE_ENV=production, LOG_LEVEL=info (log to a file), WeChat and WeChat Pay live against a loopback stub (Pay on https), scheduler off, ` +
      `WRITE_RATE_LIMIT_PER_MINUTE=1e9; logs in ${work}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  if (paymentCheck?.failed) {
    log(`bench: FAILED: ${paymentCheck.line}`);
    process.exitCode = 1;
  }

  await db.close();
}

main()
  .catch((err) => {
    process.stderr.write(
      `bench: ${err instanceof Error && err.message.startsWith('the server does not build') ? err.message : (err.stack ?? err)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    stopChildren();
    for (const undo of cleanups.reverse()) await undo().catch((err: Error) => log(`cleanup: ${err.message}`));
    process.exit();
  });
