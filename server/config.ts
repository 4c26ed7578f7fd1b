import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEMO_PASSWORDS } from './seed/demo-credentials';

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * Problems are collected and reported together so an operator can fix them in one pass.
 */

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0000000000';
/** Development keys: deterministic so a local SQLite file stays readable across restarts. */
const DEV_ENCRYPTION_KEYS = 'dev1:ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=';
const DEV_BLIND_INDEX_KEY = 'ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTMyLWJ5dGVz';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** The console generates 43 letters and digits: base64 of a 32-byte AES key without its "=". */
const encodingAesKey = z
  .string()
  .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey (letters and digits)');

/**
 * How the server waits on its database. A stalled or refused database must cost a request a
 * bounded time and end in 503, never hold it (and every request behind it) for the whole outage.
 */
export interface DbLimits {
  /** Connections in the MySQL pool. */
  poolSize: number;
  /** Requests that may wait for a free connection; one more is refused at once (503). */
  queueLimit: number;
  /** Opening a connection, handshake included. */
  connectTimeoutMs: number;
  /** Waiting for a connection from the pool, in the queue or while one opens. */
  acquireTimeoutMs: number;
  /** One query; the connection is dropped when it passes (the server rolls its transaction back). */
  queryTimeoutMs: number;
  /** InnoDB row-lock waits (per session), kept below the query timeout so they end as retryable errors. */
  lockWaitTimeoutSeconds: number;
  /** The readiness check's whole budget. */
  readyTimeoutMs: number;
}

export const DEFAULT_DB_LIMITS: DbLimits = {
  poolSize: 20,
  queueLimit: 200,
  connectTimeoutMs: 5_000,
  acquireTimeoutMs: 5_000,
  queryTimeoutMs: 15_000,
  lockWaitTimeoutSeconds: 5,
  readyTimeoutMs: 800,
};

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql:\/\/|sqlite:)/, 'must start with mysql:// or sqlite:')
    .default('sqlite:data/app.sqlite'),
  DATA_DIR: z.string().default('data'),
  FILE_STORAGE_DIR: z.string().optional(),
  WECHAT_MODE: z.enum(['dev', 'live']).optional(),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_TEMPLATE_IDS: z
    .string()
    .regex(/^([a-z_]+:[A-Za-z0-9_-]+)(,[a-z_]+:[A-Za-z0-9_-]+)*$/, 'must be <templateKey>:<templateId>,…')
    .optional(),
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  WECHAT_CS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3 to 32 letters and digits, as the mini-program console takes it')
    .optional(),
  WECHAT_CS_AES_KEY: encodingAesKey.optional(),
  WECHAT_CS_AES_KEY_PREVIOUS: encodingAesKey.optional(),
  WECHATPAY_MODE: z.enum(['off', 'dev', 'live']).optional(),
  WECHATPAY_MCHID: z
    .string()
    .regex(/^[0-9]{6,32}$/, 'must be the merchant number (商户号), digits')
    .optional(),
  WECHATPAY_APP_ID: z.string().min(1).optional(),
  WECHATPAY_SERIAL_NO: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,40}$/, 'must be the merchant certificate serial number (hex)')
    .optional(),
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_CERTIFICATE: z.string().optional(),
  WECHATPAY_API_V3_KEY: z.string().optional(),
  WECHATPAY_PLATFORM_CERTIFICATES: z.string().optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_ID: z
    .string()
    .regex(/^PUB_KEY_ID_[0-9A-Za-z]{1,64}$/, 'must be the WeChat Pay public key id (PUB_KEY_ID_…)')
    .optional(),
  WECHATPAY_API_BASE: z
    .url()
    .refine((u) => /^https?:\/\/[^/]+\/?$/.test(u), 'must be a scheme and host only (no path)')
    .default('https://api.mch.weixin.qq.com'),
  WECHATPAY_NOTIFY_BASE: z.url().optional(),
  WECHATPAY_TIMEOUT_MS: positiveInt.max(60_000).default(10_000),
  SCHEDULER_ENABLED: boolish.default(true),
  // Sized for WeChat across the network: at a 50 ms round trip, 8 sends at once deliver about 100
  // notices a second and 32 about 300 (`BENCH_RTT_MS=50 npm run bench:dispatch`).
  DISPATCH_BATCH_SIZE: positiveInt.max(500).default(100),
  DISPATCH_CONCURRENCY: positiveInt.max(64).default(32),
  INSTANCE_ID: z.string().max(64).optional(),
  CARD_NEEDS_INFO_DAYS: positiveInt.max(90).default(15),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.max(365).default(30),
  ENCRYPTION_KEYS: z.string().optional(),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().optional(),
  BLIND_INDEX_KEY: z.string().optional(),
  ADMIN_USERNAME: z.string().min(3).max(64).optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  SEED_DEMO: boolish.optional(),
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt.default(20),
  WRITE_RATE_LIMIT_PER_MINUTE: positiveInt.default(120),
  JSON_BODY_LIMIT_KB: positiveInt.default(100),
  UPLOAD_LIMIT_MB: positiveInt.max(50).default(10),
  UPLOAD_DAILY_COUNT: positiveInt.max(100_000).default(50),
  // Bytes are counted in a 32-bit integer column: 2000 MB a day per person is the ceiling.
  UPLOAD_DAILY_MB: positiveInt.max(2_000).default(100),
  UPLOAD_TIMEOUT_MS: positiveInt.max(600_000).default(120_000),
  DB_POOL_SIZE: positiveInt.max(500).default(DEFAULT_DB_LIMITS.poolSize),
  DB_QUEUE_LIMIT: positiveInt.max(10_000).default(DEFAULT_DB_LIMITS.queueLimit),
  DB_CONNECT_TIMEOUT_MS: positiveInt.max(60_000).default(DEFAULT_DB_LIMITS.connectTimeoutMs),
  DB_ACQUIRE_TIMEOUT_MS: positiveInt.max(60_000).default(DEFAULT_DB_LIMITS.acquireTimeoutMs),
  DB_QUERY_TIMEOUT_MS: positiveInt.max(600_000).default(DEFAULT_DB_LIMITS.queryTimeoutMs),
  DB_LOCK_WAIT_TIMEOUT_SECONDS: positiveInt.max(600).default(DEFAULT_DB_LIMITS.lockWaitTimeoutSeconds),
  DB_READY_TIMEOUT_MS: positiveInt.max(5_000).default(DEFAULT_DB_LIMITS.readyTimeoutMs),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  TRUST_PROXY: boolish.default(false),
  TRUST_PROXY_HOPS: positiveInt.max(10).default(1),
});

export type Env = z.input<typeof envSchema>;

/** An outside system switched to the real thing. */
export type LiveMode = 'wechat' | 'wechatpay';

const LIVE_MODE_NAMES: Record<LiveMode, string> = { wechat: 'WeChat live', wechatpay: 'WeChat Pay live' };

/** WeChat Pay APIv3 with real keys (WECHATPAY_MODE=live), every key read and checked at start. */
export interface WeChatPayLiveConfig {
  mode: 'live';
  mchId: string;
  /** The mini-program the payments are made in (WECHATPAY_APP_ID, default WECHAT_APP_ID). */
  appId: string;
  /** The merchant API certificate's serial number, upper case as WeChat writes it. */
  serialNo: string;
  /** The merchant API private key, PEM. */
  privateKey: string;
  /** The merchant API certificate, PEM; null when only WECHATPAY_SERIAL_NO was given. */
  certificate: string | null;
  /** The APIv3 key: 32 bytes, the AES-256-GCM key of notices. */
  apiV3Key: Buffer;
  /** WeChat Pay platform certificates, by serial (upper case). */
  platformCertificates: Array<{ serialNo: string; pem: string }>;
  /** The WeChat Pay public key and its id (PUB_KEY_ID_…); both kinds may be set during a switch-over. */
  publicKey: { id: string; pem: string } | null;
  /** Scheme and host, no trailing slash; tests point it at a fake server. */
  apiBase: string;
  /** Public base URL the notify paths hang off (https in production), no trailing slash. */
  notifyBase: string;
  timeoutMs: number;
}

/**
 * WeChat Pay: `off` (no payments: the production default without keys), `dev` (payments completed
 * on the machine: the embedded default, refused in production) or `live`.
 */
export type WeChatPayConfig =
  | { mode: 'off' }
  | { mode: 'dev'; mchId: string; appId: string; notifyBase: string }
  | WeChatPayLiveConfig;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * A PEM given inline (real newlines or `\n` escapes, as env files often hold them) or a path to
 * a file holding it. Returns the text, or null with the problem recorded.
 */
function readPemSource(key: string, value: string, problems: string[]): string | null {
  const inline = value.replace(/\\n/g, '\n');
  if (inline.includes('-----BEGIN ')) return inline;
  const files = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const texts: string[] = [];
  for (const file of files) {
    try {
      texts.push(fs.readFileSync(path.resolve(file), 'utf8'));
    } catch (err) {
      problems.push(`${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    }
  }
  return texts.join('\n');
}

function pemBlocks(text: string, type: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] === type).map((m) => m[0]);
}

/** Checks every WeChat Pay key of live mode; each problem is recorded, none stops the others. */
function loadWeChatPayLive(
  e: z.output<typeof envSchema>,
  production: boolean,
  problems: string[],
): WeChatPayLiveConfig | null {
  const before = problems.length;
  const appId = e.WECHATPAY_APP_ID ?? e.WECHAT_APP_ID;
  if (!e.WECHATPAY_MCHID) problems.push('WECHATPAY_MODE=live needs WECHATPAY_MCHID');
  if (!appId) problems.push('WECHATPAY_MODE=live needs WECHATPAY_APP_ID (or WECHAT_APP_ID)');
  if (!e.WECHATPAY_NOTIFY_BASE)
    problems.push('WECHATPAY_MODE=live needs WECHATPAY_NOTIFY_BASE (the public URL WeChat Pay posts notices to)');
  else if (production && !e.WECHATPAY_NOTIFY_BASE.startsWith('https://')) {
    problems.push('WECHATPAY_NOTIFY_BASE: production needs an https URL (WeChat Pay posts notices only to https)');
  }

  if (production && !e.WECHATPAY_API_BASE.startsWith('https://')) {
    problems.push('WECHATPAY_API_BASE: production needs https (requests carry the merchant signature)');
  }

  let privateKey: crypto.KeyObject | null = null;
  let privateKeyPem: string | null = null;
  if (!e.WECHATPAY_PRIVATE_KEY) problems.push('WECHATPAY_MODE=live needs WECHATPAY_PRIVATE_KEY (apiclient_key.pem)');
  else {
    const text = readPemSource('WECHATPAY_PRIVATE_KEY', e.WECHATPAY_PRIVATE_KEY, problems);
    if (text !== null) {
      try {
        privateKey = crypto.createPrivateKey(text);
        if (privateKey.asymmetricKeyType !== 'rsa') {
          problems.push('WECHATPAY_PRIVATE_KEY: must be an RSA key');
          privateKey = null;
        } else privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      } catch {
        problems.push('WECHATPAY_PRIVATE_KEY: not a readable private key (PEM)');
      }
    }
  }

  let certificatePem: string | null = null;
  let certSerial: string | null = null;
  if (e.WECHATPAY_CERTIFICATE) {
    const text = readPemSource('WECHATPAY_CERTIFICATE', e.WECHATPAY_CERTIFICATE, problems);
    if (text !== null) {
      try {
        const cert = new crypto.X509Certificate(text);
        certificatePem = cert.toString();
        certSerial = cert.serialNumber.toUpperCase();
        if (privateKey && !cert.checkPrivateKey(privateKey)) {
          problems.push('WECHATPAY_CERTIFICATE: does not match WECHATPAY_PRIVATE_KEY');
        }
      } catch {
        problems.push('WECHATPAY_CERTIFICATE: not a readable X.509 certificate (PEM)');
      }
    }
  }
  const givenSerial = e.WECHATPAY_SERIAL_NO?.toUpperCase() ?? null;
  if (givenSerial && certSerial && givenSerial !== certSerial) {
    problems.push(`WECHATPAY_SERIAL_NO: ${givenSerial} is not the serial of WECHATPAY_CERTIFICATE (${certSerial})`);
  }
  const serialNo = givenSerial ?? certSerial;
  if (!serialNo && !e.WECHATPAY_CERTIFICATE) {
    problems.push('WECHATPAY_MODE=live needs WECHATPAY_SERIAL_NO or WECHATPAY_CERTIFICATE (apiclient_cert.pem)');
  }

  const apiV3Key = Buffer.from(e.WECHATPAY_API_V3_KEY ?? '', 'utf8');
  if (!e.WECHATPAY_API_V3_KEY) problems.push('WECHATPAY_MODE=live needs WECHATPAY_API_V3_KEY');
  else if (apiV3Key.length !== 32) {
    problems.push(`WECHATPAY_API_V3_KEY: must be the 32-character APIv3 key (got ${apiV3Key.length} bytes)`);
  }

  const platformCertificates: WeChatPayLiveConfig['platformCertificates'] = [];
  if (e.WECHATPAY_PLATFORM_CERTIFICATES) {
    const text = readPemSource('WECHATPAY_PLATFORM_CERTIFICATES', e.WECHATPAY_PLATFORM_CERTIFICATES, problems);
    if (text !== null) {
      const blocks = pemBlocks(text, 'CERTIFICATE');
      if (blocks.length === 0) problems.push('WECHATPAY_PLATFORM_CERTIFICATES: no certificate found');
      for (const block of blocks) {
        try {
          const cert = new crypto.X509Certificate(block);
          platformCertificates.push({ serialNo: cert.serialNumber.toUpperCase(), pem: cert.toString() });
        } catch {
          problems.push('WECHATPAY_PLATFORM_CERTIFICATES: a certificate is not readable');
        }
      }
    }
  }

  let publicKey: WeChatPayLiveConfig['publicKey'] = null;
  if (Boolean(e.WECHATPAY_PUBLIC_KEY) !== Boolean(e.WECHATPAY_PUBLIC_KEY_ID)) {
    problems.push('WECHATPAY_PUBLIC_KEY and WECHATPAY_PUBLIC_KEY_ID go together');
  } else if (e.WECHATPAY_PUBLIC_KEY && e.WECHATPAY_PUBLIC_KEY_ID) {
    const text = readPemSource('WECHATPAY_PUBLIC_KEY', e.WECHATPAY_PUBLIC_KEY, problems);
    if (text !== null) {
      try {
        const key = crypto.createPublicKey(text);
        publicKey = { id: e.WECHATPAY_PUBLIC_KEY_ID, pem: key.export({ type: 'spki', format: 'pem' }).toString() };
      } catch {
        problems.push('WECHATPAY_PUBLIC_KEY: not a readable public key (PEM)');
      }
    }
  }
  if (!e.WECHATPAY_PLATFORM_CERTIFICATES && !e.WECHATPAY_PUBLIC_KEY) {
    problems.push(
      'WECHATPAY_MODE=live needs WECHATPAY_PLATFORM_CERTIFICATES or WECHATPAY_PUBLIC_KEY (to verify what WeChat Pay signs)',
    );
  }

  if (problems.length > before || !privateKeyPem || !serialNo) return null;
  return {
    mode: 'live',
    mchId: e.WECHATPAY_MCHID!,
    appId: appId!,
    serialNo,
    privateKey: privateKeyPem,
    certificate: certificatePem,
    apiV3Key,
    platformCertificates,
    publicKey,
    apiBase: e.WECHATPAY_API_BASE.replace(/\/+$/, ''),
    notifyBase: e.WECHATPAY_NOTIFY_BASE!.replace(/\/+$/, ''),
    timeoutMs: e.WECHATPAY_TIMEOUT_MS,
  };
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  database: { type: 'sqlite'; file: string; url: string } | { type: 'mysql'; url: string };
  dataDir: string;
  fileStorageDir: string;
  wechat: ({ mode: 'dev' } | { mode: 'live'; appId: string; appSecret: string; apiBase: string }) & {
    /** WeChat template id by template key (subscribe messages). */
    templateIds: Record<string, string>;
    miniprogramState: 'formal' | 'trial' | 'developer';
    /**
     * The customer-service chat push endpoint (客服消息); null, and the endpoint off, without
     * WECHAT_CS_TOKEN. On in dev mode too.
     */
    customerService: {
      token: string;
      /** WECHAT_APP_ID, which every encrypted push names; set whenever `aesKey` is. */
      appId: string | null;
      /** The EncodingAESKey; null is plaintext mode. */
      aesKey: string | null;
      /** The key before the last change, accepted while WeChat switches over. */
      previousAesKey: string | null;
    } | null;
  };
  /** WeChat Pay (the payment port's adapter is chosen by `mode`). */
  wechatPay: WeChatPayConfig;
  scheduler: { enabled: boolean; instanceId: string };
  dispatch: { batchSize: number; concurrency: number };
  cards: { needsInfoDays: number };
  jwt: { secret: string; accessTtlSeconds: number; refreshTtlDays: number; usingDevSecret: boolean };
  encryption: {
    keys: EncryptionKey[];
    activeKeyId: string;
    blindIndexKey: Buffer;
    usingDevKeys: boolean;
  };
  /**
   * Outside systems that are live; empty on a development setup. Any entry makes the process
   * live, and live refuses development secrets, demo data and demo passwords whatever NODE_ENV says.
   */
  live: LiveMode[];
  admin: { username: string; password: string } | null;
  seedDemo: boolean;
  /** How long an instance trusts what it read about an account (enabled, token version). */
  auth: { cacheMs: number };
  limits: {
    loginPerMinute: number;
    /** Writes (authenticated non-GET requests) per account and minute. */
    writesPerMinute: number;
    jsonBodyKb: number;
    uploadMb: number;
    uploadTimeoutMs: number;
    /** Uploads kept per account and day (Asia/Shanghai), by count and by bytes. */
    uploadDailyCount: number;
    uploadDailyBytes: number;
  };
  dbLimits: DbLimits;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** Proxies in front that append to X-Forwarded-For: the client address is that many entries from its right. */
  trustProxyHops: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseKeys(raw: string, problems: string[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  const before = problems.length;
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    if (!id || !b64 || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      problems.push('ENCRYPTION_KEYS: each entry must be <keyId>:<base64 of 32 bytes>');
      continue;
    }
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) {
      problems.push(`ENCRYPTION_KEYS: key "${id}" must decode to 32 bytes (got ${key.length})`);
      continue;
    }
    keys.push({ id, key });
  }
  if (keys.length === 0 && problems.length === before) problems.push('ENCRYPTION_KEYS: no keys given');
  return keys;
}

/**
 * Parses and cross-checks the environment. Throws ConfigError listing every problem found.
 * Embedded defaults: a SQLite file under data/, WeChat in dev mode, development keys.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  // Each key is parsed on its own so that one malformed value does not hide the other problems.
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(envSchema.shape)) {
    const result = (schema as z.ZodType).safeParse(cleaned[key]);
    if (result.success) parsed[key] = result.data;
    else problems.push(...result.error.issues.map((i) => `${key}: ${i.message}`));
  }
  const e = parsed as z.output<typeof envSchema>;
  const production = e.NODE_ENV === 'production';

  const hasWechatCreds = Boolean(e.WECHAT_APP_ID && e.WECHAT_APP_SECRET);
  const wechatMode = e.WECHAT_MODE ?? (hasWechatCreds ? 'live' : 'dev');
  if (wechatMode === 'live' && !hasWechatCreds) {
    problems.push('WECHAT_MODE=live needs WECHAT_APP_ID and WECHAT_APP_SECRET');
  }
  if (production && wechatMode === 'dev') {
    problems.push('NODE_ENV=production refuses WECHAT_MODE=dev: set WECHAT_APP_ID and WECHAT_APP_SECRET');
  }

  // Live mode: an outside system is the real one. A future payment switch (PAY_MODE=live) joins
  // this list. Live refuses every development value the source code publishes, whatever NODE_ENV
  // says: production does too, so both are "strict" below.
  // WeChat Pay: live as soon as its merchant number and key are given; without them dev, except
  // in production, where payments are off until configured (dev is refused there).
  const hasPayKeys = Boolean(e.WECHATPAY_MCHID && e.WECHATPAY_PRIVATE_KEY);
  const payMode = e.WECHATPAY_MODE ?? (hasPayKeys ? 'live' : production ? 'off' : 'dev');
  if (production && payMode === 'dev') {
    problems.push('NODE_ENV=production refuses WECHATPAY_MODE=dev: configure WeChat Pay (or WECHATPAY_MODE=off)');
  }
  const payLive = payMode === 'live' ? loadWeChatPayLive(e, production, problems) : null;

  const live: LiveMode[] = [];
  if (wechatMode === 'live') live.push('wechat');
  if (payMode === 'live') live.push('wechatpay');
  const strict = production || live.length > 0;
  const who = production ? 'production' : `live mode (${live.map((m) => LIVE_MODE_NAMES[m]).join(', ')})`;

  const usingDevSecret = e.JWT_SECRET === DEV_JWT_SECRET;
  if (strict && usingDevSecret) problems.push(`JWT_SECRET: ${who} needs its own secret`);

  const keys = parseKeys(e.ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS, problems);
  const devKey = Buffer.from(DEV_ENCRYPTION_KEYS.split(':')[1], 'base64');
  const usingDevKeys = !e.ENCRYPTION_KEYS || keys.some((k) => k.key.equals(devKey));
  if (strict && !e.ENCRYPTION_KEYS) problems.push(`ENCRYPTION_KEYS: ${who} needs an encryption key`);
  else if (strict && usingDevKeys)
    problems.push(`ENCRYPTION_KEYS: ${who} refuses the development key, which is public`);
  const activeKeyId = e.ENCRYPTION_ACTIVE_KEY_ID ?? keys[0]?.id ?? '';
  if (keys.length > 0 && !keys.some((k) => k.id === activeKeyId)) {
    problems.push(`ENCRYPTION_ACTIVE_KEY_ID: "${activeKeyId}" is not among ENCRYPTION_KEYS`);
  }
  const blindIndexKey = Buffer.from(e.BLIND_INDEX_KEY ?? DEV_BLIND_INDEX_KEY, 'base64');
  if (strict && !e.BLIND_INDEX_KEY) problems.push(`BLIND_INDEX_KEY: ${who} needs a blind-index key`);
  else if (strict && blindIndexKey.equals(Buffer.from(DEV_BLIND_INDEX_KEY, 'base64'))) {
    problems.push(`BLIND_INDEX_KEY: ${who} refuses the development key, which is public`);
  }
  if (blindIndexKey.length < 32) problems.push('BLIND_INDEX_KEY: must decode to at least 32 bytes');

  if (Boolean(e.ADMIN_USERNAME) !== Boolean(e.ADMIN_PASSWORD)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD go together');
  }
  if (strict && e.ADMIN_PASSWORD && DEMO_PASSWORDS.includes(e.ADMIN_PASSWORD.normalize('NFKC'))) {
    problems.push(`ADMIN_PASSWORD: ${who} refuses the passwords of the demo data, which are public`);
  }
  // Presence is read from the raw values: a malformed key is reported once, above, not again here.
  const csGiven = (key: string) => cleaned[key] !== undefined;
  if ((csGiven('WECHAT_CS_AES_KEY') || csGiven('WECHAT_CS_AES_KEY_PREVIOUS')) && !csGiven('WECHAT_CS_TOKEN')) {
    problems.push('WECHAT_CS_AES_KEY needs WECHAT_CS_TOKEN (the customer-service endpoint is on only with its token)');
  }
  if (csGiven('WECHAT_CS_AES_KEY_PREVIOUS') && !csGiven('WECHAT_CS_AES_KEY')) {
    problems.push('WECHAT_CS_AES_KEY_PREVIOUS needs WECHAT_CS_AES_KEY (the key now in use)');
  }
  if (csGiven('WECHAT_CS_AES_KEY') && !csGiven('WECHAT_APP_ID')) {
    problems.push('WECHAT_CS_AES_KEY needs WECHAT_APP_ID (every encrypted push is checked against it)');
  }
  if (strict && e.SEED_DEMO === true) problems.push(`SEED_DEMO: demo data is never loaded in ${who}`);
  if (e.DB_LOCK_WAIT_TIMEOUT_SECONDS * 1000 >= e.DB_QUERY_TIMEOUT_MS) {
    problems.push(
      'DB_LOCK_WAIT_TIMEOUT_SECONDS must be shorter than DB_QUERY_TIMEOUT_MS ' +
        '(a lock wait should end as a retryable error, not a dropped connection)',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const database: Config['database'] = e.DATABASE_URL.startsWith('sqlite:')
    ? {
        type: 'sqlite',
        url: e.DATABASE_URL,
        file: e.DATABASE_URL === 'sqlite::memory:' ? ':memory:' : path.resolve(e.DATABASE_URL.slice('sqlite:'.length)),
      }
    : { type: 'mysql', url: e.DATABASE_URL };

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database,
    dataDir,
    fileStorageDir: path.resolve(e.FILE_STORAGE_DIR ?? path.join(dataDir, 'files')),
    wechat: {
      ...(wechatMode === 'live'
        ? {
            mode: 'live' as const,
            appId: e.WECHAT_APP_ID!,
            appSecret: e.WECHAT_APP_SECRET!,
            apiBase: e.WECHAT_API_BASE,
          }
        : { mode: 'dev' as const }),
      templateIds: Object.fromEntries(
        (e.WECHAT_TEMPLATE_IDS ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split(':') as [string, string]),
      ),
      miniprogramState: e.WECHAT_MINIPROGRAM_STATE,
      customerService: e.WECHAT_CS_TOKEN
        ? {
            token: e.WECHAT_CS_TOKEN,
            appId: e.WECHAT_APP_ID ?? null,
            aesKey: e.WECHAT_CS_AES_KEY ?? null,
            previousAesKey: e.WECHAT_CS_AES_KEY_PREVIOUS ?? null,
          }
        : null,
    },
    wechatPay:
      payMode === 'live'
        ? payLive!
        : payMode === 'dev'
          ? {
              mode: 'dev',
              mchId: e.WECHATPAY_MCHID ?? '1900000000',
              appId: e.WECHATPAY_APP_ID ?? e.WECHAT_APP_ID ?? 'wx-dev-app',
              notifyBase: (e.WECHATPAY_NOTIFY_BASE ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, ''),
            }
          : { mode: 'off' },
    scheduler: { enabled: e.SCHEDULER_ENABLED, instanceId: e.INSTANCE_ID ?? `${os.hostname()}-${process.pid}` },
    dispatch: { batchSize: e.DISPATCH_BATCH_SIZE, concurrency: e.DISPATCH_CONCURRENCY },
    cards: { needsInfoDays: e.CARD_NEEDS_INFO_DAYS },
    jwt: {
      secret: e.JWT_SECRET,
      accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      usingDevSecret,
    },
    encryption: { keys, activeKeyId, blindIndexKey, usingDevKeys },
    live,
    admin: e.ADMIN_USERNAME ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD! } : null,
    seedDemo: !strict && (e.SEED_DEMO ?? database.type === 'sqlite'),
    auth: { cacheMs: e.AUTH_CACHE_MS },
    limits: {
      loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
      writesPerMinute: e.WRITE_RATE_LIMIT_PER_MINUTE,
      jsonBodyKb: e.JSON_BODY_LIMIT_KB,
      uploadMb: e.UPLOAD_LIMIT_MB,
      uploadTimeoutMs: e.UPLOAD_TIMEOUT_MS,
      uploadDailyCount: e.UPLOAD_DAILY_COUNT,
      uploadDailyBytes: e.UPLOAD_DAILY_MB * 1024 * 1024,
    },
    dbLimits: {
      poolSize: e.DB_POOL_SIZE,
      queueLimit: e.DB_QUEUE_LIMIT,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
      lockWaitTimeoutSeconds: e.DB_LOCK_WAIT_TIMEOUT_SECONDS,
      readyTimeoutMs: e.DB_READY_TIMEOUT_MS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
  };
}

/** For process entry points: the config, or every problem on stderr and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
