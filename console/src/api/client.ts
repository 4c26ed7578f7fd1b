import { ApiError, errorFromBody, networkError } from './errors';

/** Where the client meets the browser: injectable so the refresh and retry logic is tested without one. */
export interface ClientEnv {
  fetch: typeof fetch;
  /** The value of a readable cookie (the CSRF token), or undefined. */
  readCookie: (name: string) => string | undefined;
}

export type SignedOutReason = 'expired' | 'idle' | 'signed_out';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Return the Response itself (files, exports) instead of parsed JSON. */
  raw?: boolean;
  /** Do not try a refresh on 401 (the sign-in steps themselves). */
  noRefresh?: boolean;
  /** Cancels the request (a long poll the page no longer needs). */
  signal?: AbortSignal;
}

/** A session as the sign-in and refresh answers give it. */
export interface SessionAnswer {
  accessToken: string;
  accessTokenExpiresAt?: string;
  user?: { id: number; roles: string[] };
}

export const CSRF_COOKIE = 'ry_csrf';
const REFRESH_PATH = '/api/v1/auth/refresh';
const LOGOUT_PATH = '/api/v1/auth/logout';

/** Reads one cookie from a `document.cookie` string. */
export function cookieFrom(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? path + '?' + s : path;
}

/**
 * The console's API client. The access token lives only in this object's memory; the refresh token
 * is an HttpOnly cookie the browser sends to /api/v1/auth only. On a 401 the client refreshes once
 * (one refresh shared by every request waiting on it, with the CSRF header the server checks) and
 * retries; when that fails the session is over and `onSignedOut` is told why.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private signedOutListeners: Array<(reason: SignedOutReason) => void> = [];

  constructor(private readonly env: ClientEnv) {}

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  /** Takes the session from a sign-in answer (the refresh token, if any, stays in its cookie). */
  startSession(answer: SessionAnswer): void {
    this.accessToken = answer.accessToken;
  }

  onSignedOut(listener: (reason: SignedOutReason) => void): void {
    this.signedOutListeners.push(listener);
  }

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body: body ?? {} });
  }

  /**
   * Posts a multipart form (a file upload) with the same token, CSRF header and one refresh on 401
   * as every request; the browser writes the Content-Type with the form's boundary.
   */
  postForm<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, { body: form });
  }

  /** Fetches a file with the caller's token, as a Blob (for object URLs: images, PDFs). */
  async blob(path: string): Promise<Blob> {
    const res = await this.request<Response>('GET', path, { raw: true });
    return res.blob();
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const url = withQuery(path, opts.query);
    let res = await this.send(method, url, opts.body, opts.signal);
    if (res.status === 401 && !opts.noRefresh && this.accessToken !== null) {
      if (await this.refresh()) res = await this.send(method, url, opts.body, opts.signal);
      else throw await this.failure(res);
    }
    if (!res.ok) {
      const err = await this.failure(res);
      if (res.status === 401 && !opts.noRefresh && this.accessToken !== null) this.end('expired');
      throw err;
    }
    if (opts.raw) return res as unknown as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * Renews the access token through the refresh cookie, once for every caller waiting at the same
   * time. Answers false (and ends the session) when the server refuses.
   */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Ends the session on the server (refresh cookie revoked and cleared) and here. */
  async signOut(reason: SignedOutReason = 'signed_out'): Promise<void> {
    try {
      await this.env.fetch(LOGOUT_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: this.headers(true, true),
        body: '{}',
      });
    } catch {
      // Signed out here either way; the server forgets an idle session by itself.
    }
    this.end(reason);
  }

  /** Forgets the session locally and tells the listeners (idle time-out, failed refresh, sign-out). */
  end(reason: SignedOutReason): void {
    const had = this.accessToken !== null;
    this.accessToken = null;
    if (had || reason === 'signed_out') for (const l of this.signedOutListeners) l(reason);
  }

  private async doRefresh(): Promise<boolean> {
    let res: Response;
    try {
      res = await this.env.fetch(REFRESH_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: this.headers(true, false),
        body: '{}',
      });
    } catch {
      return false; // offline: keep the session, the caller sees its own request fail
    }
    if (!res.ok) {
      const err = await this.failure(res);
      this.end(err.code === 'SESSION_IDLE' ? 'idle' : 'expired');
      return false;
    }
    const answer = (await res.json()) as SessionAnswer;
    this.startSession(answer);
    return true;
  }

  private async send(method: string, url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    try {
      return await this.env.fetch(url, {
        method,
        credentials: 'same-origin',
        headers: this.headers(body !== undefined && !form, this.accessToken !== null),
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal,
      });
    } catch {
      throw networkError();
    }
  }

  private headers(json: boolean, auth: boolean): Record<string, string> {
    const h: Record<string, string> = { 'X-Client': 'console', Accept: 'application/json' };
    if (json) h['Content-Type'] = 'application/json';
    if (auth && this.accessToken) h.Authorization = 'Bearer ' + this.accessToken;
    const csrf = this.env.readCookie(CSRF_COOKIE);
    if (csrf) h['X-CSRF-Token'] = csrf;
    return h;
  }

  private async failure(res: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = JSON.parse(await res.text());
    } catch {
      // not JSON: the status alone speaks
    }
    return errorFromBody(res.status, body);
  }
}
