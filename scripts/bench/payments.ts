import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import type { FakeWeChatPayServer, TestCertificate, WeChatPayTestKeys } from '../../test/fakes/fake-wechat-pay';
import type { BenchDb } from './db';

/**
 * What the payment benchmarks share (`npm run bench`'s payment path and `npm run bench:payments`):
 * notices as WeChat Pay posts them, the bare handler's least work for one, its table, the keys
 * handed to a server in live mode, and the count of what every order ended with.
 */

/** One notice exactly as WeChat Pay posts it: Wechatpay-* headers over the raw body. */
export interface NoticeShot {
  headers: Record<string, string>;
  body: string;
}

/**
 * Every `every`-th notice twice (WeChat Pay retries, sometimes while the first is still in flight):
 * half of those repeats right behind the first (on another connection, so both are in flight
 * together), half `lag` requests later (a retry after the first was answered).
 */
export function withRepeats<T>(notices: T[], lag: number, every = 1): T[] {
  const out: T[] = [];
  const later: number[] = [];
  notices.forEach((n, i) => {
    out.push(n);
    if (i % every === 0) {
      if ((i / every) % 2 === 0) out.push(n);
      else later.push(i);
    }
    while (later.length > 0 && later[0] <= i - lag) out.push(notices[later.shift()!]);
  });
  for (const i of later) out.push(notices[i]);
  return out;
}

/** What a WeChat Pay order needs to be paid and noticed: the fake signs and encrypts as WeChat Pay does. */
export interface NoticeOrder {
  outTradeNo: string;
  amountFen: number;
  openid: string;
  description: string;
  notifyUrl: string;
}

/**
 * The paid notice of an order registered with WeChat Pay some other way (the seed wrote it
 * straight into the database): the fake learns it, marks it paid, builds the notice and forgets it.
 */
export function paidNotice(fake: FakeWeChatPayServer, o: NoticeOrder): NoticeShot {
  fake.orders.set(o.outTradeNo, {
    appid: fake.keys.appId,
    mchid: fake.keys.mchId,
    description: o.description,
    out_trade_no: o.outTradeNo,
    notify_url: o.notifyUrl,
    amount: { total: o.amountFen, currency: 'CNY' },
    payer: { openid: o.openid },
    prepay_id: `wx${crypto.randomBytes(14).toString('hex')}`,
    trade_state: 'NOTPAY',
    requestBody: '',
  });
  fake.markPaid(o.outTradeNo);
  const n = fake.paymentNotice(o.outTradeNo);
  fake.orders.delete(o.outTradeNo);
  return { headers: n.headers, body: n.rawBody };
}

// ---------------------------------------------------------------------------------------------
// The bare handler: the least work a notice needs.

/** What the bare handler checks a notice with, made once: the platform key as a KeyObject. */
export interface NoticeKeys {
  serialNo: string;
  platformKey: crypto.KeyObject;
  apiV3Key: Buffer;
}

export const noticeKeys = (platform: { serialNo: string; pem: string }, apiV3Key: Buffer): NoticeKeys => ({
  serialNo: platform.serialNo.toUpperCase(),
  platformKey: new crypto.X509Certificate(platform.pem).publicKey,
  apiV3Key,
});

/** The part of a decrypted payment notice the bare handler acts on. */
export interface PaidResource {
  out_trade_no: string;
  trade_state: string;
  amount: { total: number };
}

/**
 * Serial, timestamp (±5 minutes) and signature over `timestamp\nnonce\nbody\n`, then AES-256-GCM
 * with the tag checked: the resource, or the status to answer (401 not WeChat Pay's, 400 unreadable).
 */
export function openNotice(keys: NoticeKeys, h: IncomingHttpHeaders, raw: string): PaidResource | 400 | 401 {
  const timestamp = String(h['wechatpay-timestamp'] ?? '');
  const signed = Buffer.from(`${timestamp}\n${h['wechatpay-nonce']}\n${raw}\n`, 'utf8');
  const signature = Buffer.from(String(h['wechatpay-signature'] ?? ''), 'base64');
  if (
    h['wechatpay-serial'] !== keys.serialNo ||
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(Date.now() / 1000 - Number(timestamp)) > 300 ||
    !crypto.verify('RSA-SHA256', signed, keys.platformKey, signature)
  ) {
    return 401;
  }
  try {
    const { resource } = JSON.parse(raw);
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', keys.apiV3Key, Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
    return JSON.parse(
      Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8'),
    );
  } catch {
    return 400;
  }
}

/** The bare handler's orders, in a table of its own in the same database. */
export const NOTICE_TABLE = 'bench_notice_order';

/** The bare handler's whole write: the order paid once, and only for its amount. */
export const NOTICE_UPDATE = `UPDATE ${NOTICE_TABLE} SET status = 'paid' WHERE out_trade_no = ? AND status = 'created' AND amount = ?`;

export async function createNoticeTable(db: BenchDb): Promise<void> {
  await db.run(
    `CREATE TABLE ${NOTICE_TABLE} (out_trade_no VARCHAR(32) NOT NULL PRIMARY KEY, status VARCHAR(16) NOT NULL,
       amount INTEGER NOT NULL)`,
  );
}

// ---------------------------------------------------------------------------------------------
// Keys for a server process in live mode.

/** Everything of the test keys as text, for a process that did not make them. */
interface SavedKeys {
  mchId: string;
  appId: string;
  apiV3Key: string;
  merchant: { certificatePem: string; privateKeyPem: string };
  platform: { certificatePem: string; privateKeyPem: string };
  publicKey: { id: string; pem: string; privateKeyPem: string };
}

const restore = (c: { certificatePem: string; privateKeyPem: string }): TestCertificate => ({
  serialNo: new crypto.X509Certificate(c.certificatePem).serialNumber.toUpperCase(),
  certificatePem: c.certificatePem,
  privateKeyPem: c.privateKeyPem,
  privateKey: crypto.createPrivateKey(c.privateKeyPem),
});

/** The keys a loopback WeChat Pay (the stub) reads back with `readPayKeys`. */
export function readPayKeys(file: string): WeChatPayTestKeys {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedKeys;
  return {
    mchId: s.mchId,
    appId: s.appId,
    apiV3Key: s.apiV3Key,
    merchant: restore(s.merchant),
    platform: restore(s.platform),
    publicKey: {
      id: s.publicKey.id,
      pem: s.publicKey.pem,
      privateKey: crypto.createPrivateKey(s.publicKey.privateKeyPem),
    },
  };
}

/** Files a live-mode server and the loopback WeChat Pay are started with. */
export interface PayFiles {
  /** Every key, for the stub (`readPayKeys`). */
  keys: string;
  /** The stub's TLS key and certificate for 127.0.0.1; the server trusts the certificate. */
  tlsKey: string;
  tlsCert: string;
}

const PRIVATE = { mode: 0o600 } as const;

/**
 * Writes the merchant's key and certificate, the platform certificate (the paths the server's
 * WECHATPAY_* variables take), every key for the stub, and a TLS certificate for 127.0.0.1:
 * production refuses a WeChat Pay API base that is not https.
 */
export function writePayFiles(keys: WeChatPayTestKeys, dir: string): PayFiles {
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text, PRIVATE);
    return p;
  };
  file('apiclient_key.pem', keys.merchant.privateKeyPem);
  file('apiclient_cert.pem', keys.merchant.certificatePem);
  file('wechatpay_platform.pem', keys.platform.certificatePem);
  const saved: SavedKeys = {
    mchId: keys.mchId,
    appId: keys.appId,
    apiV3Key: keys.apiV3Key,
    merchant: { certificatePem: keys.merchant.certificatePem, privateKeyPem: keys.merchant.privateKeyPem },
    platform: { certificatePem: keys.platform.certificatePem, privateKeyPem: keys.platform.privateKeyPem },
    publicKey: {
      id: keys.publicKey.id,
      pem: keys.publicKey.pem,
      privateKeyPem: keys.publicKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  };
  const tlsKey = path.join(dir, 'stub-tls-key.pem');
  const tlsCert = path.join(dir, 'stub-tls-cert.pem');
  // The test certificates carry no subjectAltName, which a client checking an IP address needs.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      tlsKey,
      '-out',
      tlsCert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  fs.chmodSync(tlsKey, 0o600);
  return { keys: file('wechatpay-keys.json', JSON.stringify(saved)), tlsKey, tlsCert };
}

/** The server's WeChat Pay variables for live mode against `apiBase`, keys by path as production keeps them. */
export function payEnv(keys: WeChatPayTestKeys, dir: string, apiBase: string): NodeJS.ProcessEnv {
  return {
    WECHATPAY_MODE: 'live',
    WECHATPAY_MCHID: keys.mchId,
    WECHATPAY_APP_ID: keys.appId,
    WECHATPAY_PRIVATE_KEY: path.join(dir, 'apiclient_key.pem'),
    WECHATPAY_CERTIFICATE: path.join(dir, 'apiclient_cert.pem'),
    WECHATPAY_API_V3_KEY: keys.apiV3Key,
    WECHATPAY_PLATFORM_CERTIFICATES: path.join(dir, 'wechatpay_platform.pem'),
    WECHATPAY_API_BASE: apiBase,
    WECHATPAY_NOTIFY_BASE: 'https://pay.bench.test',
  };
}

// ---------------------------------------------------------------------------------------------
// What every order ended with.

export interface OrderTally {
  outTradeNo: string;
  status: string;
  quantity: number;
  /** History rows of the payment. */
  pays: number;
  vouchers: number;
  /** `voucher_paid` notices queued for the holder. */
  notices: number;
}

/** Paid, once: one history row, its vouchers, one notice to the holder. */
export const paidOnce = (t: OrderTally) =>
  t.status === 'paid' && t.pays === 1 && t.vouchers === t.quantity && t.notices === 1;

/** Left alone: never paid, nothing issued. */
export const untouched = (t: OrderTally) =>
  t.status === 'created' && t.pays === 0 && t.vouchers === 0 && t.notices === 0;

/** The voucher orders whose out_trade_no starts with `prefix`, with what their payment left. */
export async function tallyOrders(db: BenchDb, prefix: string): Promise<OrderTally[]> {
  const like = `${prefix}%`;
  const orders = await db.query<{ id: number; out_trade_no: string; quantity: number; status: string }>(
    'SELECT id, out_trade_no, quantity, status FROM voucher_order WHERE out_trade_no LIKE ?',
    [like],
  );
  const countBy = async (sql: string) =>
    new Map(
      (await db.query<{ k: number; n: number }>(sql, [like])).map(
        (r) => [Number(r.k), Number(r.n)] as [number, number],
      ),
    );
  const pays = await countBy(
    `SELECT e.order_id AS k, COUNT(*) AS n FROM voucher_order_event e JOIN voucher_order o ON o.id = e.order_id
     WHERE e.action = 'pay' AND o.out_trade_no LIKE ? GROUP BY e.order_id`,
  );
  const vouchers = await countBy(
    `SELECT v.order_id AS k, COUNT(*) AS n FROM voucher v JOIN voucher_order o ON o.id = v.order_id
     WHERE o.out_trade_no LIKE ? GROUP BY v.order_id`,
  );
  const notices = new Map<string, number>();
  for (const r of await db.query<{ k: string }>(
    "SELECT idempotency_key AS k FROM outbox_message WHERE template_key = 'voucher_paid'",
  )) {
    notices.set(r.k, (notices.get(r.k) ?? 0) + 1);
  }
  return orders.map((o) => {
    const id = Number(o.id);
    return {
      outTradeNo: String(o.out_trade_no),
      status: String(o.status),
      quantity: Number(o.quantity),
      pays: pays.get(id) ?? 0,
      vouchers: vouchers.get(id) ?? 0,
      notices: notices.get(`voucher-order:${id}:paid`) ?? 0,
    };
  });
}
