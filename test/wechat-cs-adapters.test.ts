import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config';
import type { Database } from '../server/db/database';
import { WeChatAccessTokens } from '../server/integrations/wechat/access-token';
import { DevContentSecurity } from '../server/integrations/wechat/content-security-dev';
import { HttpContentSecurity, MSG_SEC_CHECK_MAX_CHARS } from '../server/integrations/wechat/content-security-http';
import { DevCustomerServiceChannel } from '../server/integrations/wechat/cs-channel-dev';
import { HttpCustomerServiceChannel } from '../server/integrations/wechat/cs-channel-http';
import { WeChatHttp } from '../server/integrations/wechat/wechat-http';
import { FakeClock } from '../server/lib/clock';
import { FieldCrypto } from '../server/lib/field-crypto';
import { createLogger } from '../server/lib/logger';
import { CS_WINDOW_MESSAGES, FakeWeChatServer } from './fakes/fake-wechat';
import { TEST_CLOCK_START } from './helpers/context';
import { openTestDatabase, testDatabaseUrl } from './helpers/database';
import { unique } from './helpers/factories';
import { LIVE_TEST_SECRETS } from './helpers/live-wechat';

const HOUR = 3600_000;

/** The real adapters on the project's access-token owner, against a WeChat server on loopback. */
describe('WeChat customer-service and content-security adapters', () => {
  let wx: FakeWeChatServer;
  let db: Database;
  let tokens: WeChatAccessTokens;
  let channel: HttpCustomerServiceChannel;
  let security: HttpContentSecurity;
  let sqliteFile: string | undefined;
  const clock = new FakeClock(TEST_CLOCK_START);
  const logs: string[] = [];
  /** Everything personal the tests send: none of it may reach a log line. */
  const personal = new Set<string>();

  beforeAll(async () => {
    wx = await new FakeWeChatServer().start();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl(),
      ...LIVE_TEST_SECRETS,
      WECHAT_APP_ID: wx.appId,
      WECHAT_APP_SECRET: wx.appSecret,
      WECHAT_API_BASE: wx.baseUrl,
    });
    if (config.database.type === 'sqlite') sqliteFile = config.database.file;
    db = await openTestDatabase(config.database, config.dbLimits);
    const logger = createLogger('debug', (line) => logs.push(line));
    const http = new WeChatHttp(wx.baseUrl);
    tokens = new WeChatAccessTokens(
      http,
      wx.appId,
      wx.appSecret,
      db,
      new FieldCrypto(config.encryption),
      clock,
      logger,
    );
    channel = new HttpCustomerServiceChannel(http, tokens);
    security = new HttpContentSecurity(http, tokens);
  });

  afterAll(async () => {
    for (const line of logs) {
      for (const value of personal) expect(line).not.toContain(value);
      if (wx.currentToken) expect(line).not.toContain(wx.currentToken);
    }
    await db?.close();
    if (sqliteFile) fs.rmSync(path.dirname(sqliteFile), { recursive: true, force: true });
    await wx.stop();
  });

  const holder = () => {
    const openid = unique('o-cs-');
    personal.add(openid);
    return openid;
  };
  const said = (text: string) => {
    personal.add(text);
    return text;
  };
  const callsTo = (p: string) => wx.requests.filter((r) => r.path === p).length;

  describe('customer-service replies (cgi-bin/message/custom/send)', () => {
    const SEND = '/cgi-bin/message/custom/send';

    it('sends text to a holder who wrote, with the current access token', async () => {
      const openid = holder();
      wx.userWrote(openid);
      const text = said('您好，您的优待证申请已到区退役军人事务局审核。');
      await expect(channel.sendText(openid, text)).resolves.toEqual({ kind: 'sent' });
      expect(wx.csSentTo(openid)).toEqual([{ openid, msgtype: 'text', text: { content: text } }]);
      const req = wx.requests.at(-1)!;
      expect(req.path).toBe(SEND);
      expect(req.query.access_token).toBe(wx.currentToken);
      expect(req.body).toEqual({ touser: openid, msgtype: 'text', text: { content: text } });
    });

    it('sends a mini-program card, with its cover when given and without the field otherwise', async () => {
      const openid = holder();
      wx.userWrote(openid);
      const page = { title: '查看我的申请', pagePath: 'packages/cards/pages/application/application?id=12' };
      await expect(channel.sendMiniProgramPage(openid, { ...page, thumbMediaId: 'thumb-77' })).resolves.toEqual({
        kind: 'sent',
      });
      expect(wx.requests.at(-1)!.body).toEqual({
        touser: openid,
        msgtype: 'miniprogrampage',
        miniprogrampage: { title: page.title, pagepath: page.pagePath, thumb_media_id: 'thumb-77' },
      });
      await expect(channel.sendMiniProgramPage(openid, page)).resolves.toEqual({ kind: 'sent' });
      expect(wx.requests.at(-1)!.body.miniprogrampage).toEqual({ title: page.title, pagepath: page.pagePath });
      expect(wx.csSentTo(openid).map((m) => m.msgtype)).toEqual(['miniprogrampage', 'miniprogrampage']);
    });

    it('reports the window closed (45015) to a holder who never wrote or wrote more than 48 h ago', async () => {
      const never = holder();
      await expect(channel.sendText(never, said('您好'))).resolves.toEqual({ kind: 'window_closed', errcode: 45015 });
      const lapsed = holder();
      wx.userWrote(lapsed, Date.now() - 49 * HOUR);
      await expect(
        channel.sendMiniProgramPage(lapsed, { title: '预约', pagePath: 'pages/index/index' }),
      ).resolves.toEqual({ kind: 'window_closed', errcode: 45015 });
      wx.userWrote(lapsed, Date.now() - 47 * HOUR);
      await expect(channel.sendText(lapsed, said('还在窗口内'))).resolves.toEqual({ kind: 'sent' });
      expect(wx.csSentTo(never)).toEqual([]);
    });

    it('reports the window used up (45047) after five replies, until the holder writes again', async () => {
      const openid = holder();
      wx.userWrote(openid);
      for (let i = 0; i < CS_WINDOW_MESSAGES; i++) {
        await expect(channel.sendText(openid, said(`第${i + 1}条回复内容`))).resolves.toEqual({ kind: 'sent' });
      }
      await expect(channel.sendText(openid, said('第六条回复内容'))).resolves.toEqual({
        kind: 'window_closed',
        errcode: 45047,
      });
      wx.userWrote(openid);
      await expect(channel.sendText(openid, said('再次写信之后'))).resolves.toEqual({ kind: 'sent' });
      expect(wx.csSentTo(openid)).toHaveLength(CS_WINDOW_MESSAGES + 1);
    });

    it('refreshes an expired token (42001) once and retries the send once', async () => {
      const openid = holder();
      wx.userWrote(openid);
      await channel.sendText(openid, said('先拿到一个令牌'));
      wx.expireToken();
      const stable = wx.stableTokenCalls;
      const sends = callsTo(SEND);
      await expect(channel.sendText(openid, said('令牌过期后的回复'))).resolves.toEqual({ kind: 'sent' });
      expect(wx.stableTokenCalls - stable).toBe(1);
      expect(callsTo(SEND) - sends).toBe(2);
      expect(wx.requests.at(-1)!.query.access_token).toBe(wx.currentToken);
    });

    it('force-refreshes a revoked token (40001) once and retries once', async () => {
      const openid = holder();
      wx.userWrote(openid);
      await channel.sendText(openid, said('先拿到令牌'));
      wx.revokeToken();
      const forced = wx.forcedRefreshes;
      await expect(channel.sendText(openid, said('令牌作废后的回复'))).resolves.toEqual({ kind: 'sent' });
      expect(wx.forcedRefreshes - forced).toBe(1);
    });

    it('gives up as retryable when the new token is refused too, without looping', async () => {
      const openid = holder();
      wx.userWrote(openid);
      const sends = callsTo(SEND);
      wx.failNextOn(SEND, { errcode: 40001 }, { errcode: 40001 });
      await expect(channel.sendText(openid, said('两次令牌错误'))).resolves.toMatchObject({
        kind: 'retryable',
        errcode: 40001,
      });
      expect(callsTo(SEND) - sends).toBe(2);
    });

    it('tells retryable failures (busy, 5xx, network, token endpoint down) from final ones', async () => {
      const openid = holder();
      wx.userWrote(openid);
      wx.failNextOn(SEND, { errcode: -1 });
      await expect(channel.sendText(openid, said('忙'))).resolves.toMatchObject({ kind: 'retryable', errcode: -1 });
      wx.failNextOn(SEND, { errcode: 45009 });
      await expect(channel.sendText(openid, said('限频'))).resolves.toMatchObject({
        kind: 'retryable',
        errcode: 45009,
      });
      wx.failNextOn(SEND, { status: 502, body: 'bad gateway' });
      await expect(channel.sendText(openid, said('网关错误'))).resolves.toMatchObject({ kind: 'retryable' });
      wx.failNextOn(SEND, { status: 200, body: '<html>' });
      await expect(channel.sendText(openid, said('乱码'))).resolves.toMatchObject({ kind: 'retryable' });

      const unreachable = new HttpCustomerServiceChannel(new WeChatHttp('http://127.0.0.1:9', 500), tokens);
      await expect(unreachable.sendText(openid, said('网络断开'))).resolves.toMatchObject({ kind: 'retryable' });

      wx.revokeToken();
      wx.failNextOn('/cgi-bin/stable_token', { status: 503 });
      await expect(channel.sendText(openid, said('令牌服务不可用'))).resolves.toMatchObject({
        kind: 'retryable',
        reason: 'access token',
      });
      // The failed refresh keeps its lease on the token row until the lease runs out.
      clock.advance(31_000);

      wx.failNextOn(SEND, { errcode: 40003 });
      await expect(channel.sendText(openid, said('错误用户'))).resolves.toMatchObject({
        kind: 'final',
        errcode: 40003,
      });
      wx.failNextOn(SEND, { errcode: 41030 });
      await expect(
        channel.sendMiniProgramPage(openid, { title: 't', pagePath: 'no/such/page' }),
      ).resolves.toMatchObject({ kind: 'final', errcode: 41030 });
      wx.failNextOn(SEND, { errcode: 40007 });
      await expect(
        channel.sendMiniProgramPage(openid, { title: 't', pagePath: 'pages/index/index', thumbMediaId: 'gone' }),
      ).resolves.toMatchObject({ kind: 'final', errcode: 40007 });
      expect(wx.csSentTo(openid)).toEqual([]);

      await expect(channel.sendText(openid, said('恢复之后的回复'))).resolves.toEqual({ kind: 'sent' });
      expect(wx.csSentTo(openid)).toHaveLength(1);
    });
  });

  describe('content security (wxa/msg_sec_check version 2)', () => {
    const CHECK = '/wxa/msg_sec_check';
    beforeAll(() => {
      wx.secWords.set('违禁词', { suggest: 'risky', label: 20006 });
      wx.secWords.set('待复核', { suggest: 'review', label: 21000 });
    });
    afterEach(() => {
      wx.secCheckOutage = undefined;
    });

    it('passes ordinary text, sending version 2, openid, scene and content', async () => {
      const openid = holder();
      const content = said('请问优待证丢了怎么补领？');
      const result = await security.check({ openid, scene: 'comment', content });
      expect(result).toMatchObject({ verdict: 'pass', label: 100 });
      expect(result.traceId).toMatch(/^trace-/);
      const req = wx.requests.at(-1)!;
      expect(req.path).toBe(CHECK);
      expect(req.query.access_token).toBe(wx.currentToken);
      expect(req.body).toEqual({ version: 2, openid, scene: 2, content });
    });

    it('reads review and risky with their label, and maps every scene', async () => {
      const openid = holder();
      await expect(
        security.check({ openid, scene: 'social_log', content: said('这句话待复核一下') }),
      ).resolves.toMatchObject({ verdict: 'review', label: 21000 });
      expect(wx.requests.at(-1)!.body.scene).toBe(4);
      await expect(
        security.check({ openid, scene: 'forum', content: said('含有违禁词的一句话') }),
      ).resolves.toMatchObject({ verdict: 'risky', label: 20006 });
      expect(wx.requests.at(-1)!.body.scene).toBe(3);
      await security.check({ openid, scene: 'profile', content: said('张三') });
      expect(wx.requests.at(-1)!.body.scene).toBe(1);
    });

    it('answers unavailable, never throwing, on errcode -1, 5xx, garbage, a bad answer or no network', async () => {
      const openid = holder();
      const content = said('检测不可用时的消息');
      wx.secCheckOutage = { errcode: -1 };
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toEqual({
        verdict: 'unavailable',
        reason: 'errcode -1',
      });
      wx.secCheckOutage = { status: 503 };
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toMatchObject({
        verdict: 'unavailable',
      });
      wx.secCheckOutage = undefined;
      wx.failNextOn(CHECK, { status: 200, body: 'not json' });
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toMatchObject({
        verdict: 'unavailable',
      });
      wx.failNextOn(CHECK, { status: 200, body: JSON.stringify({ errcode: 0, result: { suggest: 'maybe' } }) });
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toMatchObject({
        verdict: 'unavailable',
      });
      wx.failNextOn(CHECK, { errcode: 61010 });
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toEqual({
        verdict: 'unavailable',
        reason: 'errcode 61010',
      });
      const unreachable = new HttpContentSecurity(new WeChatHttp('http://127.0.0.1:9', 500), tokens);
      await expect(unreachable.check({ openid, scene: 'comment', content })).resolves.toMatchObject({
        verdict: 'unavailable',
      });
      wx.revokeToken();
      wx.failNextOn('/cgi-bin/stable_token', { status: 500 });
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toEqual({
        verdict: 'unavailable',
        reason: 'access token',
      });
      clock.advance(31_000);
      await expect(security.check({ openid, scene: 'comment', content })).resolves.toMatchObject({ verdict: 'pass' });
    });

    it('refreshes an expired token once and retries the check once', async () => {
      await security.check({ openid: holder(), scene: 'comment', content: said('先拿到令牌的检测') });
      wx.expireToken();
      const checks = callsTo(CHECK);
      const stable = wx.stableTokenCalls;
      await expect(
        security.check({ openid: holder(), scene: 'comment', content: said('过期后再检测') }),
      ).resolves.toMatchObject({ verdict: 'pass' });
      expect(callsTo(CHECK) - checks).toBe(2);
      expect(wx.stableTokenCalls - stable).toBe(1);
    });

    it('checks text longer than WeChat takes in parts, the worst part deciding', async () => {
      const openid = holder();
      const long = said('一'.repeat(MSG_SEC_CHECK_MAX_CHARS) + '后半段含有违禁词');
      const checks = callsTo(CHECK);
      await expect(security.check({ openid, scene: 'comment', content: long })).resolves.toMatchObject({
        verdict: 'risky',
      });
      expect(callsTo(CHECK) - checks).toBe(2);
      const parts = wx.requests.slice(-2).map((r) => Array.from(r.body.content as string).length);
      expect(parts).toEqual([MSG_SEC_CHECK_MAX_CHARS, 8]);

      const reviewThenDown = said('待复核'.repeat(900));
      wx.failNextOn(CHECK, { status: 200, body: JSON.stringify({ errcode: 0, result: { suggest: 'review' } }) });
      wx.failNextOn(CHECK, { errcode: -1 });
      await expect(security.check({ openid, scene: 'comment', content: reviewThenDown })).resolves.toMatchObject({
        verdict: 'unavailable',
      });
    });

    it('passes empty text without asking WeChat', async () => {
      const checks = callsTo(CHECK);
      await expect(security.check({ openid: holder(), scene: 'comment', content: '  ' })).resolves.toEqual({
        verdict: 'pass',
      });
      expect(callsTo(CHECK)).toBe(checks);
    });
  });
});

describe('dev adapters', () => {
  it('keep customer-service replies in memory and log them without openid or text', async () => {
    const lines: string[] = [];
    const dev = new DevCustomerServiceChannel(createLogger('debug', (l) => lines.push(l)));
    const openid = 'o-dev-holder-0001';
    const text = '您好，请携带证件到服务站办理。';
    await expect(dev.sendText(openid, text)).resolves.toEqual({ kind: 'sent' });
    await expect(
      dev.sendMiniProgramPage(openid, {
        title: '我的申请',
        pagePath: 'packages/cards/pages/application/application?id=77',
      }),
    ).resolves.toEqual({ kind: 'sent' });
    expect(dev.sent).toEqual([
      { openid, text },
      { openid, page: { title: '我的申请', pagePath: 'packages/cards/pages/application/application?id=77' } },
    ]);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(openid);
      expect(line).not.toContain('请携带');
      expect(line).not.toContain('id=77');
    }
    expect(JSON.parse(lines[1])).toMatchObject({
      msgtype: 'miniprogrampage',
      page: 'packages/cards/pages/application/application',
    });

    dev.closeWindow(openid);
    await expect(dev.sendText(openid, text)).resolves.toEqual({ kind: 'window_closed', errcode: 45015 });
    dev.openWindow(openid);
    await expect(dev.sendText(openid, text)).resolves.toEqual({ kind: 'sent' });
  });

  it('pass content but for the test markers, which can be changed', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    const dev = new DevContentSecurity(logger);
    const check = (content: string, d = dev) => d.check({ openid: 'o-dev', scene: 'comment', content });
    expect((await check('请问怎么预约法律援助')).verdict).toBe('pass');
    expect((await check('这是【测试违规】内容')).verdict).toBe('risky');
    expect((await check('这是【测试复核】内容')).verdict).toBe('review');
    expect((await check('这是【测试不可用】内容')).verdict).toBe('unavailable');
    const custom = new DevContentSecurity(logger, { risky: '#bad#' });
    expect((await check('这是【测试违规】内容', custom)).verdict).toBe('pass');
    expect((await check('x #bad# y', custom)).verdict).toBe('risky');
    for (const line of lines) {
      expect(line).not.toContain('内容');
      expect(line).not.toContain('o-dev');
    }
  });
});
