import { describe, expect, it, vi } from 'vitest';
import { ApiClient, cookieFrom, withQuery } from './client';
import { ApiError } from './errors';

type Call = { url: string; init: RequestInit };

/** A fake server: each answer is a function of the call; records every call. */
function fakeFetch(answer: (c: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(url), init };
    calls.push(call);
    return answer(call, calls.length);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const headerOf = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];
const err = (status: number, code: string, message: string) => json(status, { error: { code, message } });

function signedInClient(fetch: typeof globalThis.fetch, csrf: string | undefined = 'csrf-1') {
  const client = new ApiClient({ fetch, readCookie: (n) => (n === 'ry_csrf' ? csrf : undefined) });
  client.startSession({ accessToken: 'access-1' });
  return client;
}

describe('ApiClient', () => {
  it('sends the access token from memory and X-Client: console', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: true }));
    const client = signedInClient(fetch);
    expect(await client.get('/api/v1/me')).toEqual({ ok: true });
    expect(headerOf(calls[0], 'Authorization')).toBe('Bearer access-1');
    expect(headerOf(calls[0], 'X-Client')).toBe('console');
    expect(calls[0].init.credentials).toBe('same-origin');
  });

  it('on 401 refreshes once through the cookie with the CSRF header, then retries with the new token', async () => {
    const { fetch, calls } = fakeFetch((c) => {
      if (c.url === '/api/v1/auth/refresh') return json(200, { accessToken: 'access-2' });
      return headerOf(c, 'Authorization') === 'Bearer access-2'
        ? json(200, { items: [] })
        : err(401, 'UNAUTHENTICATED', '请先登录');
    });
    const client = signedInClient(fetch);
    expect(await client.get('/api/v1/staff/card-applications')).toEqual({ items: [] });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/staff/card-applications',
      '/api/v1/auth/refresh',
      '/api/v1/staff/card-applications',
    ]);
    const refresh = calls[1];
    expect(refresh.init.method).toBe('POST');
    expect(headerOf(refresh, 'X-CSRF-Token')).toBe('csrf-1');
    expect(headerOf(refresh, 'X-Client')).toBe('console');
    // The refresh token is never in the body: it is the HttpOnly cookie.
    expect(String(refresh.init.body)).not.toMatch(/refreshToken/);
  });

  it('shares one refresh between requests that fail at the same time', async () => {
    let refreshes = 0;
    const { fetch } = fakeFetch(async (c) => {
      if (c.url === '/api/v1/auth/refresh') {
        refreshes++;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, { accessToken: 'access-2' });
      }
      return headerOf(c, 'Authorization') === 'Bearer access-2'
        ? json(200, { url: c.url })
        : err(401, 'UNAUTHENTICATED', 'x');
    });
    const client = signedInClient(fetch);
    const answers = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
    expect(answers).toEqual([{ url: '/a' }, { url: '/b' }, { url: '/c' }]);
    expect(refreshes).toBe(1);
  });

  it('signs out when the refresh is refused, and does not retry again', async () => {
    const { fetch, calls } = fakeFetch((c) =>
      c.url === '/api/v1/auth/refresh' ? err(403, 'CSRF_INVALID', '请求无效') : err(401, 'UNAUTHENTICATED', '请先登录'),
    );
    const client = signedInClient(fetch);
    const ended = vi.fn();
    client.onSignedOut(ended);
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
    expect(ended).toHaveBeenCalledWith('expired');
    expect(client.signedIn).toBe(false);
  });

  it('says "idle" when the server ended the session for inactivity', async () => {
    const { fetch } = fakeFetch((c) =>
      c.url === '/api/v1/auth/refresh'
        ? err(401, 'SESSION_IDLE', '长时间未操作，请重新登录')
        : err(401, 'UNAUTHENTICATED', '请先登录'),
    );
    const client = signedInClient(fetch);
    const ended = vi.fn();
    client.onSignedOut(ended);
    await expect(client.get('/api/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledWith('idle');
  });

  it('does not refresh for the sign-in steps themselves', async () => {
    const { fetch, calls } = fakeFetch(() => err(401, 'MFA_CODE_INVALID', '验证码错误或已使用，请重新输入'));
    const client = signedInClient(fetch);
    await expect(
      client.post('/api/v1/auth/mfa/verify', { mfaToken: 't', code: '000000' }, { noRefresh: true }),
    ).rejects.toMatchObject({ code: 'MFA_CODE_INVALID', message: '验证码错误或已使用，请重新输入' });
    expect(calls).toHaveLength(1);
  });

  it('keeps the server’s code and Chinese message; falls back to its own words without one', async () => {
    const { fetch } = fakeFetch((_c, n) =>
      n === 1 ? err(409, 'INVALID_TRANSITION', '当前状态不能执行此操作') : new Response('<html>', { status: 502 }),
    );
    const client = signedInClient(fetch);
    await expect(client.post('/x', {})).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '当前状态不能执行此操作',
    });
    await expect(client.get('/y')).rejects.toMatchObject({ status: 502, message: '服务器暂时无法处理，请稍后再试' });
  });

  it('turns a network failure into an ApiError with a message', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const client = signedInClient(fetch);
    await expect(client.get('/z')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('logs out with the CSRF header and forgets the token', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = signedInClient(fetch);
    const ended = vi.fn();
    client.onSignedOut(ended);
    await client.signOut();
    expect(calls[0].url).toBe('/api/v1/auth/logout');
    expect(headerOf(calls[0], 'X-CSRF-Token')).toBe('csrf-1');
    expect(client.signedIn).toBe(false);
    expect(ended).toHaveBeenCalledWith('signed_out');
  });
});

describe('cookies and query strings', () => {
  it('reads one cookie among several', () => {
    expect(cookieFrom('a=1; ry_csrf=abc%3D; b=2', 'ry_csrf')).toBe('abc=');
    expect(cookieFrom('a=1', 'ry_csrf')).toBeUndefined();
  });
  it('leaves out empty values', () => {
    expect(withQuery('/p', { a: 1, b: '', c: undefined, d: null, e: true })).toBe('/p?a=1&e=true');
    expect(withQuery('/p', {})).toBe('/p');
  });
});
