import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { WeChatPayLiveConfig } from '../../server/config';

// ---------------------------------------------------------------------------------------------
// Test keys and certificates, made at test time with node:crypto and a minimal DER writer
// (node:crypto reads X.509 but cannot write it). Test-only: never a real merchant's key.
// ---------------------------------------------------------------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
function derInteger(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}
function derOid(oid: string): Buffer {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
const derUtcTime = (d: Date) =>
  tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));
const derName = (cn: string) => seq(set(seq(derOid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
const SHA256_RSA = seq(derOid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export interface TestCertificate {
  /** Upper-case hex, as WeChat writes serials. */
  serialNo: string;
  certificatePem: string;
  privateKeyPem: string;
  privateKey: crypto.KeyObject;
}

/** A self-signed RSA-2048 X.509 v3 certificate (test-only). */
export function makeTestCertificate(commonName: string, key?: crypto.KeyObject): TestCertificate {
  const privateKey = key ?? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const spki = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const serial = crypto.randomBytes(20);
  serial[0] = (serial[0] & 0x7f) | 0x10; // positive, and 20 bytes long like WeChat's
  const now = Date.now();
  const tbs = seq(
    tlv(0xa0, derInteger(Buffer.from([2]))),
    derInteger(serial),
    SHA256_RSA,
    derName(commonName),
    seq(derUtcTime(new Date(now - 86_400_000)), derUtcTime(new Date(now + 5 * 365 * 86_400_000))),
    derName(commonName),
    spki,
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = seq(tbs, SHA256_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;
  const cert = new crypto.X509Certificate(pem);
  return {
    serialNo: cert.serialNumber.toUpperCase(),
    certificatePem: pem,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
  };
}

/** Everything a test merchant and a test WeChat Pay hold. */
export interface WeChatPayTestKeys {
  mchId: string;
  appId: string;
  apiV3Key: string;
  /** The merchant API certificate and key (apiclient_cert.pem / apiclient_key.pem). */
  merchant: TestCertificate;
  /** A WeChat Pay platform certificate and its private key (WeChat's side). */
  platform: TestCertificate;
  /** The WeChat Pay public key, its id, and its private key (WeChat's side). */
  publicKey: { id: string; pem: string; privateKey: crypto.KeyObject };
}

/** Fresh test keys (three RSA-2048 keys: about half a second). */
export function makeWeChatPayTestKeys(): WeChatPayTestKeys {
  const pub = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    mchId: '1900009191',
    appId: 'wx-pay-test-app',
    apiV3Key: crypto.randomBytes(16).toString('hex'),
    merchant: makeTestCertificate('1900009191'),
    platform: makeTestCertificate('Tenpay.com Root CA (test)'),
    publicKey: {
      id: `PUB_KEY_ID_0119000091912025${crypto.randomBytes(4).toString('hex').toUpperCase()}`,
      pem: pub.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKey: pub.privateKey,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The fake WeChat Pay APIv3 server.
// ---------------------------------------------------------------------------------------------

export type SignMode = 'certificate' | 'publicKey';

/** Ways to forge a notice (or an answer). */
export interface Forgery {
  /** Which key signs (default the server's `signMode`). */
  signWith?: SignMode;
  /** Sign something else, so the signature does not verify. */
  wrongSignature?: boolean;
  /** Flip a byte of the GCM tag. */
  badTag?: boolean;
  /** Encrypt with another APIv3 key. */
  wrongKey?: boolean;
  /** Wechatpay-Timestamp, seconds (default now). */
  timestamp?: number;
  /** Wechatpay-Serial as given (a probe `WECHATPAY/SIGNTEST/…`, an unknown serial). */
  serial?: string;
  /** Replace fields of the decrypted resource (e.g. an amount or mchid that does not match). */
  resource?: Record<string, unknown>;
}

export interface FakeOrder {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  time_expire?: string;
  attach?: string;
  amount: { total: number; currency: string };
  payer: { openid: string };
  prepay_id: string;
  trade_state: 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
  transaction_id?: string;
  success_time?: string;
  /** The body of the first prepay, to tell a repeat from a conflicting one. */
  requestBody: string;
}

export interface FakeRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: 'ORIGINAL';
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL';
  funds_account: 'AVAILABLE';
  reason?: string;
  notify_url?: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number; currency: 'CNY' };
}

/** One line of a planted bill. */
export interface BillLine {
  tradeTime: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeState: 'SUCCESS' | 'REFUND';
  amountFen: number;
  refund?: { refundId: string; outRefundNo: string; refundFen: number };
  feeFen: number;
  description: string;
}

const WECHAT_HOST = 'https://api.mch.weixin.qq.com';

/** WeChat Pay's time format: RFC 3339 in +08:00. */
function wechatTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/**
 * WeChat Pay APIv3 on loopback. Every request's `Authorization: WECHATPAY2-SHA256-RSA2048 …` is
 * checked against the merchant certificate (mchid, serial, timestamp within 5 minutes, the
 * signature over method, path, timestamp, nonce and body): 401 SIGN_ERROR otherwise. Answers
 * are signed with the platform certificate or the WeChat Pay public key (`signMode`).
 * Implements JSAPI prepay, query by out_trade_no, close, refunds (create, query), the trade bill
 * and its download. Tests mark orders paid, complete refunds, plant bills, and build notices
 * (with knobs to forge them) to post to the server. Every request is recorded.
 */
export class FakeWeChatPayServer {
  readonly requests: Array<{ method: string; path: string; authorized: boolean; body: string }> = [];
  readonly orders = new Map<string, FakeOrder>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Refund creations that made a new refund (a retry with the same out_refund_no does not). */
  refundsCreated = 0;
  /** Which key signs answers and notices by default. */
  signMode: SignMode = 'certificate';
  /** While set, the trade bill answers STATEMENT_CREATING. */
  billPending = false;
  /** Scripted answers for the next requests (after the signature check). */
  readonly script: Array<{ status: number; body?: unknown }> = [];
  private readonly bills = new Map<string, { text: string; hashOverride?: string }>();
  private readonly downloads = new Map<string, { date: string; gzip: boolean }>();
  private server?: http.Server;
  private seq = 0;

  constructor(
    readonly keys: WeChatPayTestKeys,
    /** The clock notices and answers are stamped with (the server under test's clock). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The payer paid (as if they entered their password). */
  markPaid(outTradeNo: string): FakeOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    order.trade_state = 'SUCCESS';
    order.transaction_id = `4200${String(++this.seq).padStart(6, '0')}${crypto.randomBytes(9).toString('hex').slice(0, 18)}`;
    order.success_time = wechatTime(this.now());
    return order;
  }

  /** A refund under way finishes (SUCCESS, or another end state). */
  completeRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS'): FakeRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.success_time = wechatTime(this.now());
    return refund;
  }

  /** Puts a bill for a date (Asia/Shanghai) where the bill API finds it. */
  plantBill(date: string, lines: BillLine[]): string {
    const header =
      '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,' +
      '应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,' +
      '手续费,费率,订单金额,申请退款金额,费率备注';
    const rows = lines.map((l) =>
      [
        l.tradeTime,
        this.keys.appId,
        this.keys.mchId,
        '0',
        '',
        l.transactionId,
        l.outTradeNo,
        l.openid,
        'JSAPI',
        l.tradeState,
        'OTHERS',
        'CNY',
        yuan(l.tradeState === 'SUCCESS' ? l.amountFen : 0),
        '0.00',
        l.refund?.refundId ?? '0',
        l.refund?.outRefundNo ?? '0',
        yuan(l.refund?.refundFen ?? 0),
        '0.00',
        l.refund ? 'ORIGINAL' : '',
        l.refund ? 'SUCCESS' : '',
        l.description,
        '',
        yuan(l.feeFen),
        '0.60%',
        yuan(l.amountFen),
        yuan(l.refund?.refundFen ?? 0),
        '',
      ]
        .map((f) => `\`${f}`)
        .join(','),
    );
    const sum = (f: (l: BillLine) => number) => yuan(lines.reduce((s, l) => s + f(l), 0));
    const summary = [
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      [
        String(lines.length),
        sum((l) => (l.tradeState === 'SUCCESS' ? l.amountFen : 0)),
        sum((l) => l.refund?.refundFen ?? 0),
        '0.00',
        sum((l) => l.feeFen),
        sum((l) => l.amountFen),
        sum((l) => l.refund?.refundFen ?? 0),
      ]
        .map((f) => `\`${f}`)
        .join(','),
    ];
    const text = `${[header, ...rows, ...summary].join('\r\n')}\r\n`;
    this.bills.set(date, { text });
    return text;
  }

  /** The bill API announces a hash the file does not have. */
  corruptBillHash(date: string): void {
    const bill = this.bills.get(date);
    if (bill) bill.hashOverride = '0'.repeat(40);
  }

  /** A payment notice (TRANSACTION.SUCCESS) for a paid order, signed and encrypted. */
  paymentNotice(outTradeNo: string, forge: Forgery = {}): { headers: Record<string, string>; rawBody: string } {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    return this.notice(
      'TRANSACTION.SUCCESS',
      'transaction',
      '支付成功',
      { ...this.transaction(order), ...forge.resource },
      forge,
    );
  }

  /** A refund notice (REFUND.SUCCESS, or the refund's end state), signed and encrypted. */
  refundNotice(outRefundNo: string, forge: Forgery = {}): { headers: Record<string, string>; rawBody: string } {
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
    const resource = {
      mchid: this.keys.mchId,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: r.status,
      ...(r.success_time ? { success_time: r.success_time } : {}),
      user_received_account: r.user_received_account,
      amount: {
        total: r.amount.total,
        refund: r.amount.refund,
        payer_total: r.amount.payer_total,
        payer_refund: r.amount.payer_refund,
      },
      ...forge.resource,
    };
    return this.notice(
      `REFUND.${r.status === 'PROCESSING' ? 'SUCCESS' : r.status}`,
      'refund',
      '退款成功',
      resource,
      forge,
    );
  }

  /** Posts a notice to the server under test; returns its status and body. */
  async deliver(url: string, notice: { headers: Record<string, string>; rawBody: string }) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...notice.headers },
      body: notice.rawBody,
    });
    return { status: res.status, body: await res.text() };
  }

  private notice(
    eventType: string,
    originalType: 'transaction' | 'refund',
    summary: string,
    resource: Record<string, unknown>,
    forge: Forgery,
  ) {
    const nonce = crypto.randomBytes(6).toString('hex');
    const aad = originalType;
    const key = forge.wrongKey ? crypto.randomBytes(32) : Buffer.from(this.keys.apiV3Key, 'utf8');
    const cipher = crypto.createCipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    if (forge.badTag) tag[0] ^= 0x01;
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: wechatTime(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: Buffer.concat([encrypted, tag]).toString('base64'),
        associated_data: aad,
        nonce,
      },
    });
    return { headers: this.signatureHeaders(body, forge), rawBody: body };
  }

  /** Wechatpay-* headers over a body, as WeChat Pay signs notices and answers. */
  signatureHeaders(body: string, forge: Forgery = {}): Record<string, string> {
    const mode = forge.signWith ?? this.signMode;
    const timestamp = String(forge.timestamp ?? Math.floor(this.now().getTime() / 1000));
    const nonce = crypto.randomBytes(16).toString('hex').toUpperCase();
    const key = mode === 'publicKey' ? this.keys.publicKey.privateKey : this.keys.platform.privateKey;
    const signed = forge.wrongSignature
      ? `${timestamp}\n${nonce}\n${body}tampered\n`
      : `${timestamp}\n${nonce}\n${body}\n`;
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': forge.serial ?? (mode === 'publicKey' ? this.keys.publicKey.id : this.keys.platform.serialNo),
      'Wechatpay-Signature': crypto.sign('RSA-SHA256', Buffer.from(signed, 'utf8'), key).toString('base64'),
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  private transaction(o: FakeOrder) {
    const paid = o.trade_state === 'SUCCESS' || o.trade_state === 'REFUND';
    return {
      appid: o.appid,
      mchid: o.mchid,
      out_trade_no: o.out_trade_no,
      ...(o.transaction_id ? { transaction_id: o.transaction_id } : {}),
      trade_type: 'JSAPI',
      trade_state: o.trade_state,
      trade_state_desc: { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '已关闭' }[
        o.trade_state
      ],
      ...(paid ? { bank_type: 'OTHERS', success_time: o.success_time } : {}),
      ...(o.attach ? { attach: o.attach } : {}),
      payer: { openid: o.payer.openid },
      amount: paid
        ? { total: o.amount.total, payer_total: o.amount.total, currency: 'CNY', payer_currency: 'CNY' }
        : { total: o.amount.total, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  /** Checks the merchant's request signature; returns what is wrong, or null. */
  private authProblem(
    method: string,
    pathAndQuery: string,
    body: string,
    authorization: string | undefined,
  ): string | null {
    const scheme = 'WECHATPAY2-SHA256-RSA2048 ';
    if (!authorization?.startsWith(scheme)) return 'no WECHATPAY2-SHA256-RSA2048 authorization';
    const fields = Object.fromEntries(
      [...authorization.slice(scheme.length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (fields.mchid !== this.keys.mchId) return 'mchid does not match';
    if (fields.serial_no !== this.keys.merchant.serialNo) return 'serial_no is not the merchant certificate';
    if (!fields.nonce_str || !fields.signature || !/^\d+$/.test(fields.timestamp ?? '')) return 'fields missing';
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return 'timestamp expired';
    const message = `${method}\n${pathAndQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const publicKey = new crypto.X509Certificate(this.keys.merchant.certificatePem).publicKey;
    const ok = crypto.verify(
      'RSA-SHA256',
      Buffer.from(message, 'utf8'),
      publicKey,
      Buffer.from(fields.signature, 'base64'),
    );
    return ok ? null : 'signature does not verify';
  }

  private readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, 'http://fake');
    const raw = await this.readBody(req);
    const problem = this.authProblem(method, pathAndQuery, raw, req.headers.authorization);
    this.requests.push({ method, path: url.pathname, authorized: problem === null, body: raw });

    const send = (status: number, payload?: unknown) => {
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        'Request-ID': crypto.randomUUID(),
        ...this.signatureHeaders(text),
      });
      res.end(text);
    };
    const error = (status: number, code: string, message: string) => send(status, { code, message });

    if (problem) return error(401, 'SIGN_ERROR', `签名错误: ${problem}`);
    const scripted = this.script.shift();
    if (scripted) return send(scripted.status, scripted.body);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return error(400, 'PARAM_ERROR', '请求体不是 JSON');
    }

    if (method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      if (body?.appid !== this.keys.appId) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
      if (body.mchid !== this.keys.mchId) return error(400, 'MCH_NOT_EXISTS', '商户号不存在');
      if (typeof body.description !== 'string' || !body.description)
        return error(400, 'PARAM_ERROR', '缺少description');
      if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(body.out_trade_no ?? ''))
        return error(400, 'PARAM_ERROR', 'out_trade_no格式错误');
      if (typeof body.notify_url !== 'string' || !body.notify_url.startsWith('http'))
        return error(400, 'PARAM_ERROR', 'notify_url格式错误');
      if (!Number.isInteger(body.amount?.total) || body.amount.total <= 0)
        return error(400, 'PARAM_ERROR', 'amount.total错误');
      if (typeof body.payer?.openid !== 'string' || !body.payer.openid)
        return error(400, 'PARAM_ERROR', '缺少payer.openid');
      if (body.time_expire !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(body.time_expire)) {
        return error(400, 'PARAM_ERROR', 'time_expire格式错误');
      }
      const known = this.orders.get(body.out_trade_no);
      if (known) {
        if (known.trade_state !== 'NOTPAY') return error(400, 'ORDERPAID', '该订单已支付');
        const { appid: _a, mchid: _m, ...same } = body;
        const { appid: _b, mchid: _n, ...before } = JSON.parse(known.requestBody);
        if (JSON.stringify(same) !== JSON.stringify(before)) return error(400, 'INVALID_REQUEST', '201 商户订单号重复');
        return send(200, { prepay_id: known.prepay_id });
      }
      const order: FakeOrder = {
        ...body,
        prepay_id: `wx${Date.now()}${crypto.randomBytes(8).toString('hex')}`,
        trade_state: 'NOTPAY',
        requestBody: raw,
      };
      this.orders.set(order.out_trade_no, order);
      return send(200, { prepay_id: order.prepay_id });
    }

    const queryMatch = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && queryMatch) {
      if (url.searchParams.get('mchid') !== this.keys.mchId) return error(400, 'PARAM_ERROR', 'mchid错误');
      const order = this.orders.get(decodeURIComponent(queryMatch[1]));
      if (!order) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      return send(200, this.transaction(order));
    }

    const closeMatch = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
    if (method === 'POST' && closeMatch) {
      if (body?.mchid !== this.keys.mchId) return error(400, 'PARAM_ERROR', 'mchid错误');
      const order = this.orders.get(decodeURIComponent(closeMatch[1]));
      if (order && (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND')) {
        return error(400, 'ORDERPAID', '订单已支付');
      }
      // Like WeChat: 204 even for an order it never saw.
      if (order) order.trade_state = 'CLOSED';
      return send(204);
    }

    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      if (typeof body?.out_refund_no !== 'string' || !body.out_refund_no)
        return error(400, 'PARAM_ERROR', '缺少out_refund_no');
      const known = this.refunds.get(body.out_refund_no);
      if (known) {
        if (known.amount.refund !== body.amount?.refund || known.out_trade_no !== body.out_trade_no) {
          return error(400, 'INVALID_REQUEST', '商户退款单号重复');
        }
        return send(200, this.refundView(known));
      }
      const order = this.orders.get(body.out_trade_no ?? '');
      if (!order) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (order.trade_state !== 'SUCCESS' && order.trade_state !== 'REFUND')
        return error(400, 'INVALID_REQUEST', '订单未支付');
      if (body.amount?.total !== order.amount.total) return error(400, 'PARAM_ERROR', '订单金额与原订单不符');
      const refunded = [...this.refunds.values()]
        .filter((r) => r.out_trade_no === order.out_trade_no && r.status !== 'CLOSED')
        .reduce((s, r) => s + r.amount.refund, 0);
      if (
        !Number.isInteger(body.amount?.refund) ||
        body.amount.refund <= 0 ||
        refunded + body.amount.refund > order.amount.total
      ) {
        return error(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
      }
      const refund: FakeRefund = {
        refund_id: `5030${String(++this.seq).padStart(6, '0')}${crypto.randomBytes(9).toString('hex').slice(0, 18)}`,
        out_refund_no: body.out_refund_no,
        transaction_id: order.transaction_id!,
        out_trade_no: order.out_trade_no,
        channel: 'ORIGINAL',
        user_received_account: '支付用户零钱',
        create_time: wechatTime(this.now()),
        status: 'PROCESSING',
        funds_account: 'AVAILABLE',
        reason: body.reason,
        notify_url: body.notify_url,
        amount: {
          total: order.amount.total,
          refund: body.amount.refund,
          payer_total: order.amount.total,
          payer_refund: body.amount.refund,
          currency: 'CNY',
        },
      };
      this.refunds.set(refund.out_refund_no, refund);
      this.refundsCreated += 1;
      order.trade_state = 'REFUND';
      return send(200, this.refundView(refund));
    }

    const refundMatch = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && refundMatch) {
      const refund = this.refunds.get(decodeURIComponent(refundMatch[1]));
      if (!refund) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return send(200, this.refundView(refund));
    }

    if (method === 'GET' && url.pathname === '/v3/bill/tradebill') {
      const date = url.searchParams.get('bill_date') ?? '';
      if (!/^\d{4}-\d\d-\d\d$/.test(date)) return error(400, 'PARAM_ERROR', 'bill_date格式错误');
      if (this.billPending) return error(400, 'STATEMENT_CREATING', '账单生成中');
      const bill = this.bills.get(date);
      if (!bill) return error(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
      const token = crypto.randomBytes(12).toString('hex');
      this.downloads.set(token, { date, gzip: url.searchParams.get('tar_type') === 'GZIP' });
      return send(200, {
        hash_type: 'SHA1',
        hash_value: bill.hashOverride ?? crypto.createHash('sha1').update(bill.text, 'utf8').digest('hex'),
        download_url: `${WECHAT_HOST}/v3/billdownload/file?token=${token}`,
      });
    }

    if (method === 'GET' && url.pathname === '/v3/billdownload/file') {
      const download = this.downloads.get(url.searchParams.get('token') ?? '');
      if (!download) return error(400, 'INVALID_REQUEST', 'token无效');
      const text = this.bills.get(download.date)!.text;
      const bytes = download.gzip ? zlib.gzipSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
      // The download is not signed: its integrity is the hash the bill API gave.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      res.end(bytes);
      return;
    }

    error(404, 'NOT_FOUND', '接口不存在');
  }

  private refundView(r: FakeRefund) {
    const { reason: _reason, notify_url: _notify, ...view } = r;
    return view;
  }
}

/** Live configuration of the project's adapter for the test merchant, pointed at a fake server. */
export function liveConfigFor(
  keys: WeChatPayTestKeys,
  apiBase: string,
  over: Partial<WeChatPayLiveConfig> = {},
): WeChatPayLiveConfig {
  return {
    mode: 'live',
    mchId: keys.mchId,
    appId: keys.appId,
    serialNo: keys.merchant.serialNo,
    privateKey: keys.merchant.privateKeyPem,
    certificate: keys.merchant.certificatePem,
    apiV3Key: Buffer.from(keys.apiV3Key, 'utf8'),
    platformCertificates: [{ serialNo: keys.platform.serialNo, pem: keys.platform.certificatePem }],
    publicKey: { id: keys.publicKey.id, pem: keys.publicKey.pem },
    apiBase,
    notifyBase: 'https://pay.example.test',
    timeoutMs: 5_000,
    ...over,
  };
}
