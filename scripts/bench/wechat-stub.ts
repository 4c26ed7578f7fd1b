import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * WeChat's server API as the benchmark needs it, on loopback: the production server runs with live
 * WeChat adapters (production refuses dev WeChat), and every holder message goes through the
 * content check. This answers at once, so the check costs the server only its own side of the
 * call; a real round trip to api.weixin.qq.com adds its network time on top.
 *
 * Prints `{"port":…}` on stdout once listening.
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
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
