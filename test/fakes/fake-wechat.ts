import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer for the next call: an HTTP status with a body, or a WeChat errcode. */
export type Scripted = { status: number; body?: string } | { errcode: number; errmsg?: string };

/** Value limits of subscribe-message field types, as WeChat enforces them (47003 beyond). */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  time: 32,
  date: 32,
};

/** A reply the customer-service endpoint accepted. */
export interface CsDelivered {
  openid: string;
  msgtype: string;
  text?: { content: string };
  miniprogrampage?: { title: string; pagepath: string; thumb_media_id?: string };
}

/** What msg_sec_check answers for text containing a word. */
export interface SecWord {
  suggest: 'risky' | 'review';
  label: number;
}

/** The customer-service window WeChat keeps per user: 5 replies within 48 h of their last message. */
export const CS_WINDOW_MS = 48 * 3600_000;
export const CS_WINDOW_MESSAGES = 5;

export interface DeliveredMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
}

/**
 * The WeChat server API on loopback, speaking its protocol:
 * - `GET /sns/jscode2session` checks the appid and secret, accepts each code it issued once
 *   (40163 after), and answers 40029 for codes it never issued;
 * - `POST /cgi-bin/stable_token` returns the current access token while it is valid (normal
 *   mode) or a new one, invalidating the old (force_refresh);
 * - `POST /cgi-bin/message/subscribe/send` checks the access token (40001 unknown, 42001
 *   expired), the openid (40003), the template (40037), the values against their field limits
 *   (47003), and the user's subscription (43101 when refused);
 * - `POST /cgi-bin/message/custom/send` (customer-service replies) checks the access token, the
 *   openid, the message, and the user's window: 45015 when they have not written within 48 h (or
 *   never), 45047 once 5 replies used it;
 * - `POST /wxa/msg_sec_check` (version 2) checks the access token and the request's shape and
 *   answers `risky`/`review` for text containing a configured word, else `pass`; `secCheckOutage`
 *   makes every call fail until cleared;
 * - `GET /cgi-bin/media/get` checks the access token and answers the bytes registered for the
 *   media id (`addMedia`) with their content type, or 40007 for an id it does not know.
 * Failures can be scripted per call; every request is recorded.
 */
export class FakeWeChatServer {
  readonly requests: Array<{ method: string; path: string; query: Record<string, string>; body?: any }> = [];
  readonly delivered: DeliveredMessage[] = [];
  stableTokenCalls = 0;
  forcedRefreshes = 0;
  /** Lifetime of tokens it issues, in seconds. */
  tokenLifetime = 7200;
  /** Milliseconds every answer waits, as WeChat's servers do across the network (benchmarks). */
  latencyMs = 0;
  /** Template id → its fields' types, e.g. { thing1: 'thing' }. */
  readonly templates = new Map<string, Record<string, string>>();
  /** Customer-service replies accepted, in order. */
  readonly csDelivered: CsDelivered[] = [];
  /** Words msg_sec_check flags. */
  readonly secWords = new Map<string, SecWord>();
  /** While set, every msg_sec_check call gets this answer (e.g. `{ errcode: -1 }` or `{ status: 503 }`). */
  secCheckOutage?: Scripted;
  /** Temporary media the users sent, by media id. */
  private readonly media = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly csWindows = new Map<string, { lastMessageAt: number; sent: number }>();
  private secChecks = 0;
  private readonly refused = new Set<string>();
  private readonly codes = new Map<string, { openid: string; used: boolean }>();
  private readonly script: Scripted[] = [];
  private readonly pathScript = new Map<string, Scripted[]>();
  private token?: { value: string; expiresAt: number };
  private readonly retired = new Set<string>();
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
    this.server = http.createServer((req, res) => void this.handle(req, res));
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

  /** Like failNext, for calls to one path only. */
  failNextOn(path: string, ...answers: Scripted[]): void {
    this.pathScript.set(path, [...(this.pathScript.get(path) ?? []), ...answers]);
  }

  /** The token WeChat currently honours (undefined before the first stable_token call). */
  get currentToken(): string | undefined {
    return this.token?.value;
  }

  /** The current token stops working as if its time ran out (sends get 42001). */
  expireToken(): void {
    if (this.token) this.token.expiresAt = 0;
  }

  /** The current token is revoked as if refreshed elsewhere (sends get 40001). */
  revokeToken(): void {
    if (this.token) this.retired.add(this.token.value);
    this.token = undefined;
  }

  /** The user has refused (or cancelled) this template's messages. */
  refuse(openid: string, templateId: string): void {
    this.refused.add(`${openid}|${templateId}`);
  }

  /** The user wrote to customer service (at `at`, default now): a new window of 5 replies opens. */
  userWrote(openid: string, at = Date.now()): void {
    this.csWindows.set(openid, { lastMessageAt: at, sent: 0 });
  }

  /** Sets the user's window outright, e.g. written 49 h ago, or 5 replies already used. */
  setCsWindow(openid: string, window: { lastMessageAt: number; sent: number }): void {
    this.csWindows.set(openid, { ...window });
  }

  /** Media a user sent through customer service, downloadable by its id (`cgi-bin/media/get`). */
  addMedia(mediaId: string, bytes: Buffer, contentType = 'image/jpeg'): void {
    this.media.set(mediaId, { bytes, contentType });
  }

  /** Replies accepted for this user. */
  csSentTo(openid: string): CsDelivered[] {
    return this.csDelivered.filter((m) => m.openid === openid);
  }

  /** 40001 for a token it never issued or retired, 42001 for one whose time ran out; else undefined. */
  private tokenProblem(token: string | undefined): { errcode: number; errmsg: string } | undefined {
    if (!token || !this.token || token !== this.token.value) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    }
    if (this.token.expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return undefined;
  }

  private newToken(): string {
    if (this.token) this.retired.add(this.token.value);
    this.token = {
      value: `tok-${crypto.randomBytes(24).toString('hex')}`,
      expiresAt: Date.now() + this.tokenLifetime * 1000,
    };
    return this.token.value;
  }

  private readBody(req: http.IncomingMessage): Promise<any> {
    return new Promise((resolve) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        try {
          resolve(text ? JSON.parse(text) : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await this.readBody(req) : undefined;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, body });
    const send = (status: number, body: unknown) => {
      // WeChat labels its JSON text/plain on this endpoint.
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

    const scripted = this.pathScript.get(url.pathname)?.shift() ?? this.script.shift();
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
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      this.stableTokenCalls += 1;
      if (body?.grant_type !== 'client_credential') return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (body.appid !== this.appId) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
      if (body.secret !== this.appSecret) return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (body.force_refresh === true) {
        this.forcedRefreshes += 1;
        this.newToken();
      } else if (!this.token || this.token.expiresAt <= Date.now()) {
        this.newToken();
      }
      return send(200, {
        access_token: this.token!.value,
        expires_in: Math.max(0, Math.round((this.token!.expiresAt - Date.now()) / 1000)),
      });
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const tokenProblem = this.tokenProblem(query.access_token);
      if (tokenProblem) return send(200, tokenProblem);
      if (!body?.touser) return send(200, { errcode: 40003, errmsg: 'invalid openid' });
      const fields = this.templates.get(body.template_id);
      if (!fields) return send(200, { errcode: 40037, errmsg: 'invalid template_id' });
      for (const [name, type] of Object.entries(fields)) {
        const value = body.data?.[name]?.value;
        if (typeof value !== 'string' || Array.from(value).length > (FIELD_LIMITS[type] ?? 20)) {
          return send(200, { errcode: 47003, errmsg: `argument invalid! data.${name}.value invalid` });
        }
      }
      if (this.refused.has(`${body.touser}|${body.template_id}`))
        return send(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      this.delivered.push({
        openid: body.touser,
        templateId: body.template_id,
        page: body.page,
        data: body.data,
        miniprogramState: body.miniprogram_state,
      });
      return send(200, { errcode: 0, errmsg: 'ok', msgid: this.delivered.length });
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      const tokenProblem = this.tokenProblem(query.access_token);
      if (tokenProblem) return send(200, tokenProblem);
      if (typeof body?.touser !== 'string' || !body.touser)
        return send(200, { errcode: 40003, errmsg: 'invalid openid' });
      let message: CsDelivered;
      if (body.msgtype === 'text') {
        if (typeof body.text?.content !== 'string' || !body.text.content) {
          return send(200, { errcode: 44003, errmsg: 'empty news data' });
        }
        message = { openid: body.touser, msgtype: 'text', text: { content: body.text.content } };
      } else if (body.msgtype === 'miniprogrampage') {
        const page = body.miniprogrampage;
        if (typeof page?.title !== 'string' || typeof page?.pagepath !== 'string') {
          return send(200, { errcode: 47001, errmsg: 'data format error' });
        }
        message = { openid: body.touser, msgtype: 'miniprogrampage', miniprogrampage: page };
      } else {
        return send(200, { errcode: 40008, errmsg: 'invalid message type' });
      }
      const window = this.csWindows.get(body.touser);
      if (!window || Date.now() - window.lastMessageAt > CS_WINDOW_MS) {
        return send(200, { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' });
      }
      if (window.sent >= CS_WINDOW_MESSAGES) {
        return send(200, { errcode: 45047, errmsg: 'out of response count limit' });
      }
      window.sent += 1;
      this.csDelivered.push(message);
      return send(200, { errcode: 0, errmsg: 'ok' });
    }

    if (req.method === 'GET' && url.pathname === '/cgi-bin/media/get') {
      const tokenProblem = this.tokenProblem(query.access_token);
      if (tokenProblem) return send(200, tokenProblem);
      const media = this.media.get(query.media_id ?? '');
      if (!media) return send(200, { errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, { 'content-type': media.contentType, 'content-length': String(media.bytes.length) });
      res.end(media.bytes);
      return;
    }

    if (req.method === 'POST' && url.pathname === '/wxa/msg_sec_check') {
      if (this.secCheckOutage) {
        const outage = this.secCheckOutage;
        if ('status' in outage) return send(outage.status, outage.body ?? '');
        return send(200, { errcode: outage.errcode, errmsg: outage.errmsg ?? 'system error' });
      }
      const tokenProblem = this.tokenProblem(query.access_token);
      if (tokenProblem) return send(200, tokenProblem);
      if (body?.version !== 2) return send(200, { errcode: 47001, errmsg: 'data format error: version' });
      if (typeof body.openid !== 'string' || !body.openid)
        return send(200, { errcode: 40003, errmsg: 'invalid openid' });
      if (![1, 2, 3, 4].includes(body.scene)) return send(200, { errcode: 47001, errmsg: 'data format error: scene' });
      if (typeof body.content !== 'string' || !body.content || Array.from(body.content).length > 2500) {
        return send(200, { errcode: 47001, errmsg: 'data format error: content' });
      }
      let worst: SecWord | undefined;
      for (const [word, verdict] of this.secWords) {
        if (body.content.includes(word) && (!worst || verdict.suggest === 'risky')) worst = verdict;
      }
      const suggest = worst?.suggest ?? 'pass';
      const label = worst?.label ?? 100;
      this.secChecks += 1;
      return send(200, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: worst ? 90 : 0 }],
        trace_id: `trace-${this.secChecks}-${crypto.randomBytes(4).toString('hex')}`,
      });
    }

    send(404, { errcode: 404, errmsg: 'not found' });
  }
}
