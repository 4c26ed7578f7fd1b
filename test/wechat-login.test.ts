import { HttpWeChatLogin } from '../server/integrations/wechat/login-http';
import { WeChatLoginError } from '../server/modules/auth/wechat-login.port';
import { FakeWeChatServer } from './fakes/fake-wechat';
import { createTestContext, type TestContext } from './helpers/context';
import { LIVE_TEST_SECRETS } from './helpers/live-wechat';

describe('WeChat code2Session adapter against a WeChat server on loopback', () => {
  let wx: FakeWeChatServer;
  let adapter: HttpWeChatLogin;
  beforeAll(async () => {
    wx = await new FakeWeChatServer().start();
    adapter = new HttpWeChatLogin(wx.appId, wx.appSecret, wx.baseUrl);
  });
  afterAll(() => wx.stop());

  const kindOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e) => (e instanceof WeChatLoginError ? e.kind : `unexpected: ${e}`),
    );

  it('trades a code for the openid, sending appid, secret and grant type', async () => {
    const code = wx.issueCode('o-abc123');
    await expect(adapter.code2Session(code)).resolves.toEqual({ openid: 'o-abc123' });
    const req = wx.requests.at(-1)!;
    expect(req.path).toBe('/sns/jscode2session');
    expect(req.query).toMatchObject({ appid: wx.appId, js_code: code, grant_type: 'authorization_code' });
  });

  it('reports an unknown code and a used code as invalid, without retrying', async () => {
    expect(await kindOf(adapter.code2Session('never-issued'))).toBe('invalid_code');
    const code = wx.issueCode('o-twice');
    await adapter.code2Session(code);
    const before = wx.requests.length;
    expect(await kindOf(adapter.code2Session(code))).toBe('invalid_code');
    expect(wx.requests.length - before).toBe(1);
  });

  it('retries once when WeChat is busy (-1) or answers 5xx, then succeeds', async () => {
    const code = wx.issueCode('o-busy');
    wx.failNext({ errcode: -1, errmsg: 'system error' });
    await expect(adapter.code2Session(code)).resolves.toEqual({ openid: 'o-busy' });
    const code2 = wx.issueCode('o-5xx');
    wx.failNext({ status: 502, body: 'bad gateway' });
    await expect(adapter.code2Session(code2)).resolves.toEqual({ openid: 'o-5xx' });
  });

  it('gives up as unavailable after the retry also fails', async () => {
    const before = wx.requests.length;
    wx.failNext({ status: 503 }, { status: 503 });
    expect(await kindOf(adapter.code2Session(wx.issueCode('o-down')))).toBe('unavailable');
    expect(wx.requests.length - before).toBe(2);
  });

  it('maps frequency limits, risky users and wrong credentials', async () => {
    wx.failNext({ errcode: 45011 });
    expect(await kindOf(adapter.code2Session('x'))).toBe('rate_limited');
    wx.failNext({ errcode: 40226 });
    expect(await kindOf(adapter.code2Session('x'))).toBe('blocked');
    const wrongSecret = new HttpWeChatLogin(wx.appId, 'wrong-secret', wx.baseUrl);
    expect(await kindOf(wrongSecret.code2Session(wx.issueCode('o-x')))).toBe('misconfigured');
  });

  it('treats garbage and an unreachable server as unavailable', async () => {
    wx.failNext({ status: 200, body: '<html>' }, { status: 200, body: '<html>' });
    expect(await kindOf(adapter.code2Session('x'))).toBe('unavailable');
    const nowhere = new HttpWeChatLogin(wx.appId, wx.appSecret, 'http://127.0.0.1:9');
    expect(await kindOf(nowhere.code2Session('x'))).toBe('unavailable');
  });
});

describe('wechat-login endpoint in live mode', () => {
  let wx: FakeWeChatServer;
  let t: TestContext;
  beforeAll(async () => {
    wx = await new FakeWeChatServer().start();
    t = await createTestContext({
      env: {
        ...LIVE_TEST_SECRETS,
        WECHAT_APP_ID: wx.appId,
        WECHAT_APP_SECRET: wx.appSecret,
        WECHAT_API_BASE: wx.baseUrl,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('uses the real adapter from configuration', () => {
    expect(t.config.wechat.mode).toBe('live');
    expect(t.container.ports.wechatLogin).toBeInstanceOf(HttpWeChatLogin);
  });

  it('logs a holder in with a code WeChat issued', async () => {
    const res = await t.http
      .post('/api/v1/auth/wechat-login')
      .send({ code: wx.issueCode('o-live-1') })
      .expect(200);
    expect(res.body.user.roles).toEqual(['holder']);
    const again = await t.http
      .post('/api/v1/auth/wechat-login')
      .send({ code: wx.issueCode('o-live-1') })
      .expect(200);
    expect(again.body.user.id).toBe(res.body.user.id);
  });

  it('refuses dev codes in live mode', async () => {
    const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-someone' }).expect(400);
    expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  it('answers 503 while WeChat is down, and 429 when WeChat limits the user', async () => {
    wx.failNext({ status: 500 }, { status: 500 });
    const down = await t.http
      .post('/api/v1/auth/wechat-login')
      .send({ code: wx.issueCode('o-live-2') })
      .expect(503);
    expect(down.body.error.code).toBe('WECHAT_UNAVAILABLE');
    wx.failNext({ errcode: 45011 });
    const limited = await t.http
      .post('/api/v1/auth/wechat-login')
      .send({ code: wx.issueCode('o-live-3') })
      .expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('never logs the openid, the code or the secret', async () => {
    const code = wx.issueCode('o-secret-openid');
    await t.http.post('/api/v1/auth/wechat-login').send({ code }).expect(200);
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('o-secret-openid');
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(wx.appSecret);
  });
});
