import { config } from '../../miniprogram/config';
import { ApiError, loginWithPassword, request } from '../../miniprogram/services/request';
import { loadSession, saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';

const sessionBody = (token: string, roles = ['holder']) => ({
  accessToken: token,
  refreshToken: `r-${token}`,
  user: { id: 7, roles },
});

describe('the request wrapper', () => {
  const wx = fakeWx();
  beforeEach(() => wx.reset());

  it('logs in silently with wx.login when there is no session, then attaches the token', async () => {
    wx.loginCodes.push('code-1');
    wx.routes.set('POST /api/v1/auth/wechat-login', (o) =>
      o.data.code === 'code-1' ? { data: sessionBody('t1') } : { statusCode: 400 },
    );
    wx.routes.set('GET /api/v1/me', (o) =>
      o.header.Authorization === 'Bearer t1'
        ? { data: { id: 7 } }
        : { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } },
    );
    await expect(request('/api/v1/me')).resolves.toEqual({ id: 7 });
    expect(loadSession()).toMatchObject({ accessToken: 't1', via: 'wechat' });
  });

  it('uses the development login code when one is configured, without wx.login', async () => {
    config.devLoginCode = 'dev-demo1';
    try {
      wx.routes.set('POST /api/v1/auth/wechat-login', (o) =>
        o.data.code === 'dev-demo1' ? { data: sessionBody('d1') } : { statusCode: 400 },
      );
      wx.routes.set('GET /api/v1/me', () => ({ data: { id: 7 } }));
      await request('/api/v1/me');
      expect(wx.calls.filter((c) => c.api === 'login')).toHaveLength(0);
      expect(loadSession()).toMatchObject({ accessToken: 'd1' });
    } finally {
      config.devLoginCode = '';
    }
  });

  it('on 401 renews once with the refresh token and repeats the request once', async () => {
    saveSession({ accessToken: 'old', refreshToken: 'r-old', userId: 7, roles: ['holder'], via: 'wechat' });
    wx.routes.set('POST /api/v1/auth/refresh', (o) =>
      o.data.refreshToken === 'r-old' ? { data: sessionBody('new') } : { statusCode: 401 },
    );
    let hits = 0;
    wx.routes.set('GET /api/v1/me/card', (o) => {
      hits += 1;
      return o.header.Authorization === 'Bearer new'
        ? { data: { status: 'active' } }
        : { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已过期' } } };
    });
    await expect(request('/api/v1/me/card')).resolves.toEqual({ status: 'active' });
    expect(hits).toBe(2);
    expect(wx.calls.filter((c) => c.api === 'login')).toHaveLength(0);
  });

  it('falls back to wx.login when the refresh token is refused, and gives up after one retry', async () => {
    saveSession({ accessToken: 'old', refreshToken: 'r-old', userId: 7, roles: ['holder'], via: 'wechat' });
    wx.routes.set('POST /api/v1/auth/refresh', () => ({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '登录状态已失效' } },
    }));
    wx.loginCodes.push('code-2');
    wx.routes.set('POST /api/v1/auth/wechat-login', () => ({ data: sessionBody('fresh') }));
    let hits = 0;
    wx.routes.set('GET /api/v1/me', () => {
      hits += 1;
      return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
    });
    const err = await request('/api/v1/me').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(hits).toBe(2);
  });

  it('shares one renewal between requests refused at the same time', async () => {
    saveSession({ accessToken: 'old', refreshToken: 'r-old', userId: 7, roles: ['holder'], via: 'wechat' });
    let refreshes = 0;
    wx.routes.set('POST /api/v1/auth/refresh', () => {
      refreshes += 1;
      return { data: sessionBody('new') };
    });
    wx.routes.set('GET /api/v1/me', (o) =>
      o.header.Authorization === 'Bearer new' ? { data: { ok: true } } : { statusCode: 401 },
    );
    await Promise.all([request('/api/v1/me'), request('/api/v1/me'), request('/api/v1/me')]);
    expect(refreshes).toBe(1);
  });

  it('never turns a staff password login into a WeChat one', async () => {
    wx.routes.set('POST /api/v1/auth/password-login', () => ({ data: sessionBody('staff', ['station_staff']) }));
    await loginWithPassword('station1', 'secret-password');
    wx.routes.set('POST /api/v1/auth/refresh', () => ({ statusCode: 401 }));
    wx.routes.set('GET /api/v1/staff/card-applications', () => ({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    }));
    await expect(request('/api/v1/staff/card-applications')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(wx.calls.filter((c) => c.api === 'login')).toHaveLength(0);
    expect(loadSession()).toBeNull();
  });

  it('turns the server’s error into a typed error with its code, message and details', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    wx.routes.set('PUT /api/v1/me/identity', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'ID_NUMBER_INVALID',
          message: '身份证号码校验位不正确',
          details: [{ field: 'idNumber', rule: 'check_digit', message: '…' }],
        },
      },
    }));
    const err = (await request('/api/v1/me/identity', { method: 'PUT', data: {} }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toMatchObject({ status: 400, code: 'ID_NUMBER_INVALID', message: '身份证号码校验位不正确' });
    expect(err.details![0].rule).toBe('check_digit');
  });

  it('sends PATCH as POST with the method override header (wx.request has no PATCH)', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    wx.routes.set('POST /api/v1/card-applications/5', (o) =>
      o.header['X-HTTP-Method-Override'] === 'PATCH' ? { data: { id: 5 } } : { statusCode: 405 },
    );
    await expect(
      request('/api/v1/card-applications/5', { method: 'PATCH', data: { delivery: 'mail' } }),
    ).resolves.toEqual({ id: 5 });
  });

  it('reports a network failure and a bodiless 5xx in plain words', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    wx.routes.set('GET /api/v1/me', () => 'fail');
    await expect(request('/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    wx.routes.set('GET /api/v1/me', () => ({ statusCode: 502, data: '<html>' }));
    await expect(request('/api/v1/me')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_ERROR',
      message: '服务暂时不可用，请稍后再试',
    });
  });
});
