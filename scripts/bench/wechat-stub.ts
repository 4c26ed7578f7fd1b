import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { FakeWeChatPayServer } from '../../test/fakes/fake-wechat-pay';
import { readPayKeys } from './payments';

/**
 * WeChat's server API as the benchmark needs it, on loopback: the production server runs with live
 * WeChat adapters (production refuses dev WeChat), and every holder message goes through the
 * content check. This answers at once, so the check costs the server only its own side of the
 * call; a real round trip to api.weixin.qq.com adds its network time on top.
 *
 * With BENCH_PAY_KEYS (the keys file) and BENCH_PAY_TLS_KEY / BENCH_PAY_TLS_CERT, also WeChat Pay
 * APIv3 over https (production takes no other API base): the fake from the tests behind a TLS
 * front, checking the merchant's signatures and signing its answers with the platform key.
 *
 * Prints `{"port":…,"payPort":…}` on stdout once listening.
 */
const token = crypto.randomBytes(24).toString('base64url');

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '/').split('?')[0];
    let body: unknown = { errcode: 0, errmsg: 'ok' };
    if (path === '/cgi-bin/stable_token' || path === '/cgi-bin/token') body = { access_token: token, expires_in: 7200 };
    else if (path === '/wxa/msg_sec_check')
      body = { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, trace_id: crypto.randomUUID() };
    else if (path === '/sns/jscode2session') {
      const code = new URL(req.url ?? '/', 'http://x').searchParams.get('js_code') ?? '';
      body = { openid: code, session_key: crypto.randomBytes(16).toString('base64') };
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.keepAliveTimeout = 65_000;

/** WeChat Pay on https: each request handed to the fake on plain loopback, its answer passed back as is. */
async function startPay(): Promise<https.Server | undefined> {
  const env = process.env;
  if (!env.BENCH_PAY_KEYS || !env.BENCH_PAY_TLS_KEY || !env.BENCH_PAY_TLS_CERT) return undefined;
  const fake = await new FakeWeChatPayServer(readPayKeys(env.BENCH_PAY_KEYS)).start();
  const inner = new URL(fake.baseUrl);
  const front = https.createServer(
    { key: fs.readFileSync(env.BENCH_PAY_TLS_KEY), cert: fs.readFileSync(env.BENCH_PAY_TLS_CERT) },
    (req, res) => {
      const up = http.request(
        { host: inner.hostname, port: inner.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    },
  );
  front.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return front;
}

server.listen(0, '127.0.0.1', async () => {
  const pay = await startPay();
  const port = (server.address() as AddressInfo).port;
  const payPort = pay ? (pay.address() as AddressInfo).port : undefined;
  process.stdout.write(`${JSON.stringify({ port, payPort })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
