import { openDatabase } from '../server/db/data-source';
import { createContainer } from '../server/container';
import { WeChatAccessTokens } from '../server/integrations/wechat/access-token';
import { WeChatAccessToken } from '../server/integrations/wechat/wechat-access-token.entity';
import { OutboxDispatcher } from '../server/modules/notifications/dispatcher';
import { WeChatHttp } from '../server/integrations/wechat/wechat-http';
import { DevSubscribeMessages } from '../server/integrations/wechat/subscribe-dev';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { backoffMs, MAX_ATTEMPTS } from '../server/modules/notifications/outbox.states';
import { SubscriptionGrant } from '../server/modules/notifications/subscription-grant.entity';
import { fitField, wechatData } from '../server/lib/notice-template';
import { TEMPLATES } from '../server/modules';
import { TemplateRegistry } from '../server/modules/notifications/templates';
import type { Notice } from '../server/modules/notifications/notifications.service';
import type { TestContext } from './helpers/context';
import { createTestContext } from './helpers/context';
import { loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { createLiveContext, loginLiveHolder, TEMPLATE_IDS } from './helpers/live-wechat';
import type { FakeWeChatServer } from './fakes/fake-wechat';

const statusNotice = (recipient: number, key = unique('n'), remark = '请携带身份证原件到服务站领取'): Notice => ({
  recipient,
  templateKey: 'application_status',
  data: { subject: '优待证申请', status: '已通过', time: '2026年11月23日 10:00', remark },
  idempotencyKey: key,
});

const notify = (t: TestContext, notice: Notice) =>
  t.container.db.transaction((em) => t.container.services.notifications.notify(em, notice));

const rowsOf = (t: TestContext, recipient: number) =>
  t.container.db.manager.find(OutboxMessage, { where: { recipientAccountId: recipient }, order: { id: 'ASC' } });

const grant = (t: TestContext, s: Session, templateKey = 'application_status', answer = 'accept') =>
  t.http
    .post('/api/v1/me/subscriptions')
    .set(s.auth)
    .send({ results: { [templateKey]: answer } })
    .expect(200);

describe('notifications: outbox and timeline', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('queues one row per idempotency key; a repeat is a no-op, not an error', async () => {
    const s = await loginHolder(t);
    const n = statusNotice(s.userId);
    expect(await notify(t, n)).toBe(true);
    expect(await notify(t, n)).toBe(false);
    const rows = await rowsOf(t, s.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      templateKey: 'application_status',
      title: '优待证申请：已通过',
      page: 'packages/card/pages/card/card',
    });
  });

  it('keeps the caller’s transaction alive when the key repeats inside it', async () => {
    const s = await loginHolder(t);
    const key = unique('same');
    const result = await t.container.db.transaction(async (em) => {
      const first = await t.container.services.notifications.notify(em, statusNotice(s.userId, key));
      const second = await t.container.services.notifications.notify(em, statusNotice(s.userId, key));
      await t.container.services.notifications.notify(em, statusNotice(s.userId));
      return [first, second];
    });
    expect(result).toEqual([true, false]);
    expect(await rowsOf(t, s.userId)).toHaveLength(2);
  });

  it('never queues a notice whose transaction rolls back, so it is never sent', async () => {
    const s = await loginHolder(t);
    await grant(t, s);
    await expect(
      t.container.db.transaction(async (em) => {
        await t.container.services.notifications.notify(em, statusNotice(s.userId));
        throw new Error('the decision failed after the notice was written');
      }),
    ).rejects.toThrow('decision failed');
    expect(await rowsOf(t, s.userId)).toHaveLength(0);
    const dev = t.container.ports.subscribeMessages as DevSubscribeMessages;
    const before = dev.sent.length;
    await t.container.services.dispatcher.dispatchDue();
    expect(dev.sent.length).toBe(before);
  });

  it('refuses unknown templates and missing values at the call site', async () => {
    const s = await loginHolder(t);
    // The types refuse these (test/notify-types.test.ts); a notice that got past them is refused at run time.
    await expect(notify(t, { ...statusNotice(s.userId), templateKey: 'nope' } as unknown as Notice)).rejects.toThrow(
      'Unknown notification template',
    );
    await expect(notify(t, { ...statusNotice(s.userId), data: { subject: 'x' } } as unknown as Notice)).rejects.toThrow(
      'lacks',
    );
  });

  it('refuses at run time data fields the template does not read, and writes nothing', async () => {
    const s = await loginHolder(t);
    const extra = {
      ...statusNotice(s.userId),
      data: { ...statusNotice(s.userId).data, place: '服务站' },
    } as unknown as Notice;
    await expect(notify(t, extra)).rejects.toThrow('has no field "place"');
    const notText = {
      ...statusNotice(s.userId),
      data: { ...statusNotice(s.userId).data, detail: 42 },
    } as unknown as Notice;
    await expect(notify(t, notText)).rejects.toThrow('"detail" is not text');
    const inherited = { ...statusNotice(s.userId), templateKey: 'toString' } as unknown as Notice;
    await expect(notify(t, inherited)).rejects.toThrow('Unknown notification template');
    expect(await rowsOf(t, s.userId)).toHaveLength(0);
    // The timeline-only `detail` is optional, and an absent one may be spelled undefined.
    const plain = statusNotice(s.userId);
    expect(await notify(t, { ...plain, data: { ...plain.data, detail: undefined } } as Notice)).toBe(true);
  });

  it('shows the holder every notice, newest first, with after= and cursor paging, and only their own', async () => {
    const s = await loginHolder(t);
    const other = await loginHolder(t);
    for (let i = 0; i < 3; i++) await notify(t, statusNotice(s.userId, unique('tl'), `第 ${i} 条`));
    await notify(t, statusNotice(other.userId));

    const all = await t.http.get('/api/v1/me/timeline').set(s.auth).expect(200);
    expect(all.body.items.map((i: { body: string }) => i.body)).toEqual(['第 2 条', '第 1 条', '第 0 条']);
    expect(all.body.items[0].at).toMatch(/\+08:00$/);
    expect(all.body.nextCursor).toBeNull();

    const page1 = await t.http.get('/api/v1/me/timeline?limit=2').set(s.auth).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http
      .get(`/api/v1/me/timeline?limit=2&cursor=${page1.body.nextCursor}`)
      .set(s.auth)
      .expect(200);
    expect(page2.body.items.map((i: { body: string }) => i.body)).toEqual(['第 0 条']);

    const oldest = all.body.items[2].id;
    const newer = await t.http.get(`/api/v1/me/timeline?after=${oldest}`).set(s.auth).expect(200);
    expect(newer.body.items.map((i: { body: string }) => i.body)).toEqual(['第 2 条', '第 1 条']);

    const theirs = await t.http.get('/api/v1/me/timeline').set(other.auth).expect(200);
    expect(theirs.body.items).toHaveLength(1);
    await t.http.get('/api/v1/me/timeline').expect(401);
  });

  it('counts one-time grants per template: accept adds one, reject does not, unknown keys are refused', async () => {
    const s = await loginHolder(t);
    expect((await grant(t, s)).body.grants.application_status).toBe(1);
    expect((await grant(t, s)).body.grants.application_status).toBe(2);
    const mixed = await t.http
      .post('/api/v1/me/subscriptions')
      .set(s.auth)
      .send({ results: { application_status: 'reject', appointment_reminder: 'accept' } })
      .expect(200);
    expect(mixed.body.grants).toMatchObject({ application_status: 2, appointment_reminder: 1, service_notice: 0 });
    const bad = await t.http
      .post('/api/v1/me/subscriptions')
      .set(s.auth)
      .send({ results: { secret_template: 'accept' } })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const bogus = await t.http
      .post('/api/v1/me/subscriptions')
      .set(s.auth)
      .send({ results: { application_status: 'yes' } })
      .expect(400);
    expect(bogus.body.error.code).toBe('VALIDATION_FAILED');
    const mine = await t.http.get('/api/v1/me/subscriptions').set(s.auth).expect(200);
    expect(mine.body.grants.application_status).toBe(2);
  });

  it('delivers through the dev adapter on the embedded default, consuming grants', async () => {
    const s = await loginHolder(t);
    await grant(t, s);
    await notify(t, statusNotice(s.userId));
    await notify(t, statusNotice(s.userId));
    const dev = t.container.ports.subscribeMessages as DevSubscribeMessages;
    const before = dev.sent.length;
    const counts = await t.container.services.dispatcher.dispatchDue();
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect(dev.sent.length - before).toBe(1);
    expect((await rowsOf(t, s.userId)).map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
  });

  it('banks at most 50 grants of one template, and says so', async () => {
    const s = await loginHolder(t);
    const principal = { accountId: s.userId, roles: ['holder' as const] };
    for (let i = 0; i < 50; i++)
      await t.container.services.notifications.recordSubscriptions(principal, { application_status: 'accept' });
    expect((await grant(t, s)).body.grants.application_status).toBe(50);
    const row = await t.container.db.manager.findOneByOrFail(SubscriptionGrant, {
      accountId: s.userId,
      templateKey: 'application_status',
    });
    expect(row.remaining).toBe(50);
  });

  it('counts every one of 30 first grants made at one moment by 30 new holders, and the next ones too', async () => {
    const holders = await Promise.all(Array.from({ length: 30 }, () => loginHolder(t)));
    const both = { application_status: 'accept', appointment_reminder: 'accept', service_notice: 'reject' };
    const retriesBefore = t.container.db.retries;
    // Each request is a new holder's first grant: the rows do not exist yet.
    const first = await Promise.all(
      holders.map((s) => t.http.post('/api/v1/me/subscriptions').set(s.auth).send({ results: both })),
    );
    expect(first.map((r) => r.status)).toEqual(holders.map(() => 200));
    for (const r of first)
      expect(r.body.grants).toEqual({
        application_status: 1,
        appointment_reminder: 1,
        chat_reply: 0,
        service_notice: 0,
        voucher_paid: 0,
        voucher_redeemed: 0,
        voucher_refunded: 0,
      });
    // And all at once again, now that the rows exist, in the other order.
    const again = { appointment_reminder: 'accept', application_status: 'accept' };
    const second = await Promise.all(
      holders.map((s) => t.http.post('/api/v1/me/subscriptions').set(s.auth).send({ results: again })),
    );
    expect(second.map((r) => r.status)).toEqual(holders.map(() => 200));
    for (const s of holders) {
      const rows = await t.container.db.manager.find(SubscriptionGrant, {
        where: { accountId: s.userId },
        order: { templateKey: 'ASC' },
      });
      expect(rows.map((r) => [r.templateKey, r.remaining])).toEqual([
        ['application_status', 2],
        ['appointment_reminder', 2],
      ]);
    }
    // Answered without a single deadlock to retry: the cause is gone, not hidden by the retries.
    expect(t.container.db.retries).toBe(retriesBefore);
  }, 20_000);
});

describe('notifications: delivery through WeChat', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  beforeAll(async () => {
    ({ t, wx } = await createLiveContext());
  });
  afterAll(() => t.close());

  const dispatch = () => t.container.services.dispatcher.dispatchDue();
  const sendsTo = (openid: string) => wx.delivered.filter((d) => d.openid === openid);
  const sendAttempts = () => wx.requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').length;
  const grantsLeft = async (s: Session, key = 'application_status') =>
    (await t.container.db.manager.findOneBy(SubscriptionGrant, { accountId: s.userId, templateKey: key }))?.remaining ??
    0;

  it('sends with a grant, cutting values to WeChat’s limits, and consumes the grant', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    const long = '请于 2026 年 12 月 1 日前携带身份证原件与户口簿到城关街道服务站领取优待证';
    await notify(t, statusNotice(s.userId, unique('k'), long));
    const counts = await dispatch();
    expect(counts).toMatchObject({ claimed: 1, sent: 1 });
    const [sent] = sendsTo(openid);
    expect(sent.templateId).toBe(TEMPLATE_IDS.application_status);
    expect(sent.page).toBe('packages/card/pages/card/card');
    expect(sent.miniprogramState).toBe('formal');
    expect(Array.from(sent.data.thing4.value)).toHaveLength(20);
    expect(sent.data.thing4.value.endsWith('…')).toBe(true);
    expect(sent.data.phrase2.value).toBe('已通过');
    expect(await grantsLeft(s)).toBe(0);
    const [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('sent');
    expect(row.sentAt).not.toBeNull();
    // The timeline keeps the whole text.
    expect(row.body).toBe(long);
  });

  it('skips without a grant: nothing goes to WeChat, the timeline still has it', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await notify(t, statusNotice(s.userId));
    const before = sendAttempts();
    await dispatch();
    expect(sendAttempts()).toBe(before);
    const [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('skipped');
    expect(row.lastError).toBe('no subscription grant');
    const tl = await t.http.get('/api/v1/me/timeline').set(s.auth).expect(200);
    expect(tl.body.items).toHaveLength(1);
  });

  it('does not retry a refusal (43101) and forgets the grants for that template', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    await grant(t, s);
    wx.refuse(openid, TEMPLATE_IDS.application_status);
    await notify(t, statusNotice(s.userId));
    const before = sendAttempts();
    await dispatch();
    t.clock.advance(3_600_000);
    await dispatch();
    t.clock.advance(-3_600_000);
    expect(sendAttempts() - before).toBe(1);
    const [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('skipped');
    expect(row.lastError).toContain('43101');
    expect(await grantsLeft(s)).toBe(0);
  });

  it('marks a message WeChat rejects (47003, 40037) dead at once and gives the grant back', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    wx.failNextOn('/cgi-bin/message/subscribe/send', {
      errcode: 47003,
      errmsg: 'argument invalid! data.thing1.value invalid',
    });
    await notify(t, statusNotice(s.userId));
    const before = sendAttempts();
    await dispatch();
    const [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain('47003');
    expect(sendAttempts() - before).toBe(1);
    expect(await grantsLeft(s)).toBe(1);

    wx.failNextOn('/cgi-bin/message/subscribe/send', { errcode: 40037, errmsg: 'invalid template_id' });
    await notify(t, statusNotice(s.userId));
    await dispatch();
    const rows = await rowsOf(t, s.userId);
    expect(rows[1].status).toBe('dead');
    expect(rows[1].lastError).toContain('40037');
  });

  it('retries a 5xx later with backoff, then sends', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    wx.failNextOn('/cgi-bin/message/subscribe/send', { status: 502, body: 'bad gateway' });
    await notify(t, statusNotice(s.userId));
    const first = await dispatch();
    expect(first.retried).toBe(1);
    let [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('retry');
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime() + 20_000);
    expect(await grantsLeft(s)).toBe(1);

    // Not due yet: nothing happens.
    expect((await dispatch()).claimed).toBe(0);
    t.clock.advance(60_000);
    try {
      expect((await dispatch()).sent).toBe(1);
    } finally {
      t.clock.advance(-60_000);
    }
    [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('sent');
    expect(sendsTo(openid)).toHaveLength(1);
    expect(await grantsLeft(s)).toBe(0);
  });

  it('declares a message dead after repeated network failures; staff see it and can retry it', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    await notify(t, statusNotice(s.userId));
    const shift = 10 * 3_600_000;
    let moved = 0;
    try {
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        wx.failNextOn('/cgi-bin/message/subscribe/send', { status: 503 });
        await dispatch();
        t.clock.advance(shift);
        moved += shift;
      }
    } finally {
      t.clock.advance(-moved);
    }
    const [row] = await rowsOf(t, s.userId);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(await grantsLeft(s)).toBe(1);

    const clerk = await loginStaff(t, ['district_staff']);
    const dead = await t.http.get('/api/v1/staff/outbox?status=dead').set(clerk.auth).expect(200);
    expect(dead.body.items.map((i: { id: number }) => i.id)).toContain(row.id);
    expect(dead.body.items.every((i: { status: string }) => i.status === 'dead')).toBe(true);

    const retried = await t.http.post(`/api/v1/staff/outbox/${row.id}/retry`).set(clerk.auth).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await t.container.db.manager.countBy(AuditLog, { action: 'outbox.retry', targetId: String(row.id) })).toBe(
      1,
    );
    const again = await t.http.post(`/api/v1/staff/outbox/${row.id}/retry`).set(clerk.auth).expect(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    await t.http.post('/api/v1/staff/outbox/999999/retry').set(clerk.auth).expect(404);

    await dispatch();
    expect(sendsTo(openid)).toHaveLength(1);

    const holderTries = await t.http.get('/api/v1/staff/outbox?status=dead').set(s.auth).expect(403);
    expect(holderTries.body.error.code).toBe('FORBIDDEN');
  });

  it('owns one access token: fetched once, stored encrypted, reused by every send', async () => {
    const calls = wx.stableTokenCalls;
    const people = await Promise.all([0, 1, 2].map(() => loginLiveHolder(t, wx, unique('o-'))));
    for (const s of people) {
      await grant(t, s);
      await notify(t, statusNotice(s.userId));
    }
    await dispatch();
    expect(wx.stableTokenCalls - calls).toBeLessThanOrEqual(1);
    const [raw] = await t.container.db.dataSource.query('SELECT * FROM wechat_access_token');
    expect(raw.app_id).toBe(wx.appId);
    expect(JSON.stringify(raw)).not.toContain(wx.currentToken);
  });

  it('refreshes an expired token (42001) once and retries the send once', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    await notify(t, statusNotice(s.userId));
    wx.expireToken();
    const calls = wx.stableTokenCalls;
    const attempts = sendAttempts();
    const counts = await dispatch();
    expect(counts.sent).toBe(1);
    expect(wx.stableTokenCalls - calls).toBe(1);
    expect(sendAttempts() - attempts).toBe(2);
    expect(sendsTo(openid)).toHaveLength(1);
  });

  it('force-refreshes a revoked token (40001) once and retries the send once', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    await notify(t, statusNotice(s.userId));
    await dispatch(); // make sure a token exists
    await notify(t, statusNotice(s.userId));
    await grant(t, s);
    wx.revokeToken();
    const forced = wx.forcedRefreshes;
    const counts = await dispatch();
    expect(counts.sent).toBe(1);
    expect(wx.forcedRefreshes - forced).toBe(1);
    expect(sendsTo(openid)).toHaveLength(2);
  });

  it('gives up on the send (retry later) when the new token is refused too, without looping', async () => {
    const openid = unique('o-');
    const s = await loginLiveHolder(t, wx, openid);
    await grant(t, s);
    await notify(t, statusNotice(s.userId));
    const attempts = sendAttempts();
    wx.failNextOn('/cgi-bin/message/subscribe/send', { errcode: 40001 }, { errcode: 40001 });
    const counts = await dispatch();
    expect(counts.retried).toBe(1);
    expect(sendAttempts() - attempts).toBe(2);
  });

  it('lets only one instance force-refresh a rejected token; the other takes its result', async () => {
    await t.container.services.dispatcher.dispatchDue();
    const http = new WeChatHttp(wx.baseUrl);
    const make = () =>
      new WeChatAccessTokens(
        http,
        wx.appId,
        wx.appSecret,
        t.container.db,
        t.container.fieldCrypto,
        t.clock,
        t.container.logger,
      );
    const a = make();
    const b = make();
    const stale = await a.get();
    expect(await b.get()).toBe(stale);
    wx.revokeToken();
    const forced = wx.forcedRefreshes;
    const [ta, tb] = await Promise.all([a.replaceRejected(stale, false), b.replaceRejected(stale, false)]);
    expect(ta).toBe(tb);
    expect(ta).not.toBe(stale);
    expect(ta).toBe(wx.currentToken);
    expect(wx.forcedRefreshes - forced).toBe(1);
  });

  it('stores the first token of instances starting together in one row, with no deadlock to retry', async () => {
    await t.container.db.transaction((em) => em.delete(WeChatAccessToken, { appId: wx.appId }));
    const http = new WeChatHttp(wx.baseUrl);
    const instances = Array.from(
      { length: 6 },
      () =>
        new WeChatAccessTokens(
          http,
          wx.appId,
          wx.appSecret,
          t.container.db,
          t.container.fieldCrypto,
          t.clock,
          t.container.logger,
        ),
    );
    const retriesBefore = t.container.db.retries;
    const tokens = await Promise.all(instances.map((i) => i.get()));
    expect(new Set(tokens)).toEqual(new Set([wx.currentToken]));
    expect(await t.container.db.manager.countBy(WeChatAccessToken, { appId: wx.appId })).toBe(1);
    expect(t.container.db.retries).toBe(retriesBefore);
  });
});

describe('notifications: two dispatchers racing', () => {
  it('send each message exactly once', async () => {
    const { t, wx } = await createLiveContext({ env: { DISPATCH_BATCH_SIZE: '7', DISPATCH_CONCURRENCY: '4' } });
    // The second dispatcher has its own DataSource, as a second instance would.
    const secondDb = await openDatabase(t.config.database);
    try {
      const second = await createContainer(t.config, { db: secondDb, clock: t.clock, logger: t.container.logger });
      const holders = await Promise.all(Array.from({ length: 10 }, () => loginLiveHolder(t, wx, unique('race-'))));
      const ids: string[] = [];
      for (const s of holders) {
        for (let i = 0; i < 6; i++) await grant(t, s);
        for (let i = 0; i < 6; i++) {
          const key = unique('race');
          ids.push(key);
          await notify(t, statusNotice(s.userId, key, key));
        }
      }
      const [a, b] = await Promise.all([
        t.container.services.dispatcher.dispatchDue(),
        second.services.dispatcher.dispatchDue(),
      ]);
      expect(a.sent + b.sent).toBe(60);
      expect(a.claimed + b.claimed).toBe(60);
      const delivered = wx.delivered.map((d) => d.data.thing4.value);
      expect(delivered).toHaveLength(60);
      expect(new Set(delivered).size).toBe(60);
      expect(new Set(delivered)).toEqual(new Set(ids.map((k) => fitField('thing', k))));
      const statuses = await t.container.db.manager.find(OutboxMessage, { select: { status: true } });
      expect(statuses.every((r) => r.status === 'sent')).toBe(true);
    } finally {
      await secondDb.close();
      await t.close();
    }
  });
});

describe('subscribe-message values', () => {
  it('cuts each field type to WeChat’s limit in characters', () => {
    expect(fitField('thing', '一二三四五六七八九十一二三四五六七八九十')).toHaveLength(20);
    expect(fitField('thing', '一二三四五六七八九十一二三四五六七八九十多')).toBe(
      '一二三四五六七八九十一二三四五六七八九…',
    );
    expect(fitField('phrase', '审核已经通过')).toBe('审核已经通');
    expect(Array.from(fitField('thing', '🎖'.repeat(25)))).toHaveLength(20);
    expect(fitField('thing', '  多余   空格  ')).toBe('多余 空格');
  });

  it('maps data keys to the template’s WeChat fields', () => {
    const data = wechatData(TEMPLATES.appointment_reminder, {
      service: '法律咨询',
      time: '2026年11月24日 09:00',
      place: '区退役军人服务中心',
      remark: '请提前 10 分钟到达',
    });
    expect(data).toEqual({
      thing1: { value: '法律咨询' },
      time2: { value: '2026年11月24日 09:00' },
      thing3: { value: '区退役军人服务中心' },
      thing4: { value: '请提前 10 分钟到达' },
    });
  });

  it('keeps the whole text in the timeline while WeChat gets the short remark', () => {
    const d = {
      subject: '优待证申请',
      status: '待补充',
      time: '2026年11月17日 10:00',
      remark: '请于2026年11月17日前补充材料',
      detail: '请在 2026年11月17日 10:00 前补充材料并重新提交，逾期申请将自动关闭',
    };
    expect(TEMPLATES.application_status.render(d).body).toBe(d.detail);
    expect(wechatData(TEMPLATES.application_status, d).thing4.value).toBe('请于2026年11月17日前补充材料');
    expect(TEMPLATES.application_status.render({ ...d, detail: undefined as unknown as string }).body).toBe(d.remark);
  });

  it('backs off longer after each failure', () => {
    const mid = () => 0.5;
    const delays = [1, 2, 3, 4, 5].map((n) => backoffMs(n, mid));
    expect(delays).toEqual([...delays].sort((x, y) => x - y));
    expect(delays[0]).toBe(30_000);
    expect(backoffMs(9, mid)).toBe(delays[4]);
  });
});

describe('notifications: a dispatcher that dies mid-send', () => {
  it('lets another dispatcher take the row over once the lease runs out; the late result is dropped', async () => {
    const t = await createTestContext();
    try {
      let release!: () => void;
      const stuck = new Promise<void>((r) => (release = r));
      const calls: string[] = [];
      const hanging = {
        send: async () => {
          calls.push('hanging');
          await stuck;
        },
      };
      const healthy = {
        send: async () => {
          calls.push('healthy');
        },
      };
      const opts = {
        batchSize: 10,
        concurrency: 1,
        leaseMs: 120_000,
        templateIds: { application_status: 'TPL' },
        templates: new TemplateRegistry(TEMPLATES),
      };
      const a = new OutboxDispatcher(t.container.db, hanging, t.clock, t.container.logger, opts);
      const b = new OutboxDispatcher(t.container.db, healthy, t.clock, t.container.logger, opts);

      const s = await loginHolder(t);
      await grant(t, s);
      await grant(t, s);
      await notify(t, statusNotice(s.userId));
      const first = a.dispatchDue();
      while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
      const [claimed] = await rowsOf(t, s.userId);
      expect(claimed.status).toBe('sending');

      // Within the lease nobody else touches it.
      expect((await b.dispatchDue()).claimed).toBe(0);
      t.clock.advance(121_000);
      const taken = await b.dispatchDue();
      expect(taken).toMatchObject({ claimed: 1, sent: 1 });

      release();
      await first;
      const [row] = await rowsOf(t, s.userId);
      expect(row.status).toBe('sent');
      expect(row.claimToken).toBeNull();
      expect(calls).toEqual(['hanging', 'healthy']);
      expect(t.logs.some((l) => l.includes('outbox claim lost'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
