import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer for the next call: an HTTP status with a body, or a WeChat errcode. */
export type Scripted = { status: number; body?: string } | { errcode: number; errmsg?: string };

/**
 * The WeChat server API on loopback, speaking its protocol: `GET /sns/jscode2session` checks the
 * appid and secret, accepts each code it issued once (40163 after), and answers 40029 for codes it
 * never issued. Failures can be scripted per call; every request is recorded.
 */
export class FakeWeChatServer {
  readonly requests: Array<{ method: string; path: string; query: Record<string, string> }> = [];
  private readonly codes = new Map<string, { openid: string; used: boolean }>();
  private readonly script: Scripted[] = [];
  private server?: http.Server;

  constructor(
    readonly appId = 'wx-test-app',
    readonly appSecret = crypto.randomBytes(16).toString('hex'),
  ) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** What `wx.login` would hand the mini-program for this user. */
  issueCode(openid: string): string {
    const code = crypto.randomBytes(12).toString('hex');
    this.codes.set(code, { openid, used: false });
    return code;
  }

  /** Answers the next calls with these, in order, before normal service resumes. */
  failNext(...answers: Scripted[]): void {
    this.script.push(...answers);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query });
    const send = (status: number, body: unknown) => {
      // WeChat labels its JSON text/plain on this endpoint.
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    const scripted = this.script.shift();
    if (scripted) {
      if ('status' in scripted) return send(scripted.status, scripted.body ?? '');
      return send(200, { errcode: scripted.errcode, errmsg: scripted.errmsg ?? 'scripted' });
    }

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      if (query.appid !== this.appId) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
      if (query.secret !== this.appSecret) return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (query.grant_type !== 'authorization_code') return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      const entry = this.codes.get(query.js_code ?? '');
      if (!entry) return send(200, { errcode: 40029, errmsg: 'invalid code' });
      if (entry.used) return send(200, { errcode: 40163, errmsg: 'code been used' });
      entry.used = true;
      return send(200, { openid: entry.openid, session_key: crypto.randomBytes(16).toString('base64') });
    }
    send(404, { errcode: 404, errmsg: 'not found' });
  }
}
