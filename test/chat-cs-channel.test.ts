import request from 'supertest';
import { buildApp } from '../server/app';
import { createContainer } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import { runJob } from '../server/jobs/job';
import { createLogger } from '../server/lib/logger';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { ChatChannelState } from '../server/modules/chat/cs-channel-state.entity';
import { CS_IMAGE_TEXT } from '../server/modules/chat/cs-inbound.service';
import { ChatChannelPush } from '../server/modules/chat/cs-push.entity';
import { csPushesJob } from '../server/modules/chat/cs-pushes.job';
import { csRepliesJob } from '../server/modules/chat/cs-replies.job';
import { ChatChannelReply } from '../server/modules/chat/cs-reply.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import type { FakeWeChatServer } from './fakes/fake-wechat';
import { pushJson, WeChatPushBuilder, type BuiltPush } from './fakes/wechat-push';
import type { TestContext } from './helpers/context';
import { createBureau } from './helpers/cards';
import { makeJpeg, unique } from './helpers/factories';
import { createLiveContext, loginLiveHolder } from './helpers/live-wechat';

const PATH = '/api/v1/wechat/customer-service';
const TOKEN = 'RongyouCsTest2027';
/** 43 letters and digits, as the console makes them. */
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
/** Beyond 2^53: a JS number would round it, and two ids could become one. */
const BIG_MSG_ID = 7312345678901234567n;

let msgSeq = 0n;
/** A fresh 64-bit MsgId above what a double holds exactly. */
const nextMsgId = () => BIG_MSG_ID + ++msgSeq * 2n + 1n;

/** Seconds on the context's clock, as WeChat stamps its pushes. */
const stamp = (t: TestContext) => String(Math.floor(t.clock.now().getTime() / 1000));

function textPush(t: TestContext, openid: string, content: string, msgId = nextMsgId()): string {
  return pushJson({
    ToUserName: 'gh_0a1b2c3d4e5f',
    FromUserName: openid,
    CreateTime: Number(stamp(t)),
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  });
}

async function post(t: TestContext, built: BuiltPush) {
  return t.http.post(PATH).query(built.query).set('content-type', 'application/json').send(built.body);
}

async function settled(t: TestContext): Promise<void> {
  await t.container.services.csInbound.idle();
}

async function holderMessages(t: TestContext, accountId: number): Promise<ChatMessage[]> {
  const conversation = await t.container.db.manager.findOneBy(ChatConversation, { accountId });
  if (!conversation) return [];
  return t.container.db.manager.find(ChatMessage, {
    where: { conversationId: conversation.id },
    order: { seq: 'ASC' },
  });
}

describe('WeChat customer-service channel (安全模式)', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  let builder: WeChatPushBuilder;
  /** Everything personal the tests send: none of it may reach a log line. */
  const personal = new Set<string>();

  beforeAll(async () => {
    ({ t, wx } = await createLiveContext({ env: { WECHAT_CS_TOKEN: TOKEN, WECHAT_CS_AES_KEY: AES_KEY } }));
    builder = new WeChatPushBuilder(TOKEN, wx.appId, AES_KEY);
  });
  afterAll(async () => {
    for (const line of t.logs) for (const value of personal) expect(line).not.toContain(value);
    await t.close();
  });

  const openidOf = () => {
    const openid = unique('o-cs-');
    personal.add(openid);
    return openid;
  };
  const said = (text: string) => {
    personal.add(text);
    return text;
  };

  it('answers URL verification with the echo, and 401 in plain text to a wrong signature', async () => {
    const ok = await t.http.get(PATH).query(builder.urlVerification('echo-2027', { timestamp: stamp(t) }));
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('echo-2027');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    const bad = await t.http
      .get(PATH)
      .query(builder.urlVerification('echo-2027', { timestamp: stamp(t), token: 'SomeoneElse' }));
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toMatch(/^text\/plain/);
    expect(bad.text).toBe('unauthorized');
  });

  it('writes an encrypted text push into the holder’s conversation; the assistant answers through the channel', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    const res = await post(t, builder.push(textPush(t, openid, '我的优待证办到哪了'), { timestamp: stamp(t) }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    await settled(t);

    // The same conversation the mini-program reads: the holder's words, then the assistant's answer.
    const conv = await t.http.get('/api/v1/chat/conversation').set(holder.auth).expect(200);
    const items = conv.body.items as Array<{ from: string; text: string; intent?: string }>;
    expect(items.at(-2)).toMatchObject({ from: 'holder', text: '我的优待证办到哪了' });
    expect(items.at(-1)).toMatchObject({ from: 'assistant', intent: 'card_status' });

    const rows = await holderMessages(t, holder.userId);
    const asked = rows.find((m) => m.sender === 'holder')!;
    expect(asked).toMatchObject({ channel: 'wechat_cs', moderation: 'pass' });
    const push = await t.container.db.manager.findOneByOrFail(ChatChannelPush, { messageId: asked.id });
    // The MsgId kept whole: the dedupe key carries all 19 digits.
    expect(push.dedupeKey).toMatch(/^msg:73123456789012345\d\d$/);
    expect(push).toMatchObject({ status: 'done', accountId: holder.userId });

    // The answer went back through custom/send: its text, and its page as a mini-program card.
    const sent = wx.csSentTo(openid);
    expect(sent.map((m) => m.msgtype)).toEqual(['text', 'miniprogrampage']);
    expect(sent[0].text!.content).toContain('优待证');
    expect(sent[1].miniprogrampage!.pagepath).toBe('packages/card/pages/eligibility/eligibility');
    const replies = await t.container.db.manager.findBy(ChatChannelReply, { accountId: holder.userId });
    expect(replies.map((r) => r.status)).toEqual(['sent', 'sent']);
    const state = await t.container.db.manager.findOneByOrFail(ChatChannelState, { accountId: holder.userId });
    expect(state.repliesInWindow).toBe(2);
    expect(wx.requests.filter((r) => r.path === '/wxa/msg_sec_check').at(-1)!.body.openid).toBe(openid);
  });

  it('sends a staff reply back through the channel while its window is open, with no subscribe message', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    const asked = await post(t, builder.push(textPush(t, openid, '转人工'), { timestamp: stamp(t) }));
    expect(asked.text).toBe('success');
    await settled(t);
    const conversation = await t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: holder.userId });
    expect(conversation.status).toBe('waiting_staff');

    const bureau = await createBureau(t);
    const staff = bureau.districtReviewer;
    await t.http.post(`/api/v1/staff/conversations/${conversation.id}/claim`).set(staff.auth).expect(200);
    const before = wx.csSentTo(openid).length;
    const reply = await t.http
      .post(`/api/v1/staff/conversations/${conversation.id}/messages`)
      .set(staff.auth)
      .send({ text: said('您好，我来帮您看看补领的事') })
      .expect(201);

    const sent = wx.csSentTo(openid).slice(before);
    expect(sent.map((m) => m.text?.content)).toEqual(['您好，我来帮您看看补领的事']);
    const notice = await t.container.db.manager.findOneBy(OutboxMessage, {
      idempotencyKey: `chat-reply:${reply.body.item.id}`,
    });
    expect(notice).toBeNull();
  });

  it('stores the same push retried three times once: one message, one answer', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    const message = textPush(t, openid, said('怎么申请优待证呢'));
    for (let i = 0; i < 3; i++) {
      // WeChat's retries carry a new timestamp and nonce, and a new random prefix inside.
      const res = await post(t, builder.push(message, { timestamp: stamp(t) }));
      expect(res.text).toBe('success');
    }
    await settled(t);
    const rows = await holderMessages(t, holder.userId);
    expect(rows.filter((m) => m.sender === 'holder').map((m) => m.text)).toEqual(['怎么申请优待证呢']);
    expect(rows.filter((m) => m.sender === 'assistant')).toHaveLength(2); // the greeting and one answer
    expect(await t.container.db.manager.countBy(ChatChannelPush, { accountId: holder.userId })).toBe(1);
  });

  it('keeps 64-bit MsgIds apart that a double would merge', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    // 2^60 + 1 and 2^60 + 2 are the same double.
    for (const id of [2n ** 60n + 1n, 2n ** 60n + 2n]) {
      await post(t, builder.push(textPush(t, openid, said(`第${id % 10n}个问题`), id), { timestamp: stamp(t) }));
    }
    await settled(t);
    const asked = (await holderMessages(t, holder.userId)).filter((m) => m.sender === 'holder');
    expect(asked).toHaveLength(2);
  });

  it('makes the holder account of an openid first seen in the service chat, found again at login', async () => {
    const openid = openidOf();
    await post(t, builder.push(textPush(t, openid, said('你好')), { timestamp: stamp(t) }));
    await settled(t);
    const push = await t.container.db.manager.findOneOrFail(ChatChannelPush, { where: {}, order: { id: 'DESC' } });
    expect(push.status).toBe('done');
    const holder = await loginLiveHolder(t, wx, openid);
    expect(holder.userId).toBe(push.accountId);
    const conv = await t.http.get('/api/v1/chat/conversation').set(holder.auth).expect(200);
    expect(conv.body.items.some((m: { from: string; text: string }) => m.from === 'holder' && m.text === '你好')).toBe(
      true,
    );
  });

  it('refuses a bad signature, a wrong appid, another key and an old timestamp with 401, storing nothing', async () => {
    const openid = openidOf();
    const message = textPush(t, openid, said('不该被收下'));
    const before = await t.container.db.manager.count(ChatChannelPush);
    const otherKey = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
    const attempts: BuiltPush[] = [
      builder.push(message, { timestamp: stamp(t), token: 'NotOurToken' }),
      builder.push(message, { timestamp: stamp(t), appId: 'wx-someone-else' }),
      builder.push(message, { timestamp: stamp(t), encodingAesKey: otherKey }),
      builder.push(message, { timestamp: String(Number(stamp(t)) - 3600) }),
    ];
    for (const built of attempts) {
      const res = await post(t, built);
      expect(res.status).toBe(401);
      expect(res.text).toBe('unauthorized');
    }
    // A plaintext body on a safe-mode endpoint proves nothing about its content.
    const plain = new WeChatPushBuilder(TOKEN, wx.appId).push(message, { timestamp: stamp(t) });
    expect((await post(t, plain)).status).toBe(401);
    await settled(t);
    expect(await t.container.db.manager.count(ChatChannelPush)).toBe(before);
  });

  it('falls back to the subscribe message when WeChat says the window is closed; the stream keeps the answer', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    // The fake opened no window for this holder: custom/send answers 45015.
    await post(t, builder.push(textPush(t, openid, said('最近有什么通知')), { timestamp: stamp(t) }));
    await settled(t);
    expect(wx.csSentTo(openid)).toEqual([]);
    const replies = await t.container.db.manager.findBy(ChatChannelReply, { accountId: holder.userId });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 'fallback' && r.lastError === '45015 window_closed')).toBe(true);
    const notices = await t.container.db.manager.findBy(OutboxMessage, {
      recipientAccountId: holder.userId,
      templateKey: 'chat_reply',
    });
    expect(notices).toHaveLength(1);
    expect(notices[0].idempotencyKey).toBe(`chat-reply:${replies[0].messageId}`);
    expect(JSON.parse(notices[0].data)).toMatchObject({ agent: '戎友服务助手' });
    const rows = await holderMessages(t, holder.userId);
    expect(rows.some((m) => m.id === replies[0].messageId && m.sender === 'assistant')).toBe(true);
  });

  it('does not try WeChat once its own count says the 5 replies of the window are used', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    await post(t, builder.push(textPush(t, openid, said('谢谢')), { timestamp: stamp(t) }));
    await settled(t);
    const { csReplies } = t.container.services;
    await t.container.db.transaction((em) =>
      em.update(ChatChannelState, { accountId: holder.userId }, { repliesInWindow: 5 }),
    );
    const [answer] = (await holderMessages(t, holder.userId)).filter((m) => m.sender === 'assistant').slice(-1);
    // A staff reply is not queued for a closed window (the stream has it anyway) …
    const skipped = await t.container.db.transaction((em) => csReplies.queueIfWindowOpen(em, holder.userId, [answer]));
    expect(skipped).toEqual([]);
    // … and a reply queued anyway falls back without a call to WeChat.
    const sends = wx.requests.filter((r) => r.path === '/cgi-bin/message/custom/send').length;
    const ids = await t.container.db.transaction(async (em) => {
      await em.delete(ChatChannelReply, { messageId: answer.id });
      return csReplies.queueMessages(em, holder.userId, [answer]);
    });
    expect(await csReplies.deliver(ids)).toMatchObject({ claimed: ids.length, fallback: ids.length });
    expect(wx.requests.filter((r) => r.path === '/cgi-bin/message/custom/send').length).toBe(sends);
    const row = await t.container.db.manager.findOneByOrFail(ChatChannelReply, { id: ids[0] });
    expect(row.lastError).toBe('45047 window_closed');

    // The holder writes again: a new window, and the answer goes out.
    await post(t, builder.push(textPush(t, openid, said('再问一个')), { timestamp: stamp(t) }));
    await settled(t);
    expect(wx.requests.filter((r) => r.path === '/cgi-bin/message/custom/send').length).toBeGreaterThan(sends);
  });

  it('retries a reply WeChat could not take, with backoff, from the job', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    wx.failNextOn('/cgi-bin/message/custom/send', { status: 503 });
    await post(t, builder.push(textPush(t, openid, said('谢谢你')), { timestamp: stamp(t) }));
    await settled(t);
    const [row] = await t.container.db.manager.findBy(ChatChannelReply, { accountId: holder.userId });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    // Not due yet: the job leaves it.
    expect((await runJob(csRepliesJob, t.container)).claimed).toBe(0);
    t.clock.advance(60_000);
    expect(await runJob(csRepliesJob, t.container)).toMatchObject({ claimed: 1, sent: 1 });
    expect(wx.csSentTo(openid)).toHaveLength(1);
  });

  it('processes a push stored before a stop (answered, not processed) after the restart, once', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    // The process stops between WeChat's answer and the work.
    const inbound = t.container.services.csInbound;
    const spy = jest.spyOn(inbound, 'processSoon').mockImplementation(() => undefined);
    try {
      const res = await post(t, builder.push(textPush(t, openid, said('重启前发的')), { timestamp: stamp(t) }));
      expect(res.text).toBe('success');
    } finally {
      spy.mockRestore();
    }
    const pending = await t.container.db.manager.findOneOrFail(ChatChannelPush, {
      where: {},
      order: { id: 'DESC' },
    });
    expect(pending.status).toBe('pending');
    expect((await holderMessages(t, holder.userId)).filter((m) => m.sender === 'holder')).toHaveLength(0);

    // A new process on the same database: its job finds the push.
    const db = await openDatabase(t.config.database, t.config.dbLimits);
    try {
      const restarted = await createContainer(t.config, {
        clock: t.clock,
        logger: createLogger('debug', (line) => t.logs.push(line)),
        db,
      });
      expect(await runJob(csPushesJob, restarted)).toMatchObject({ done: 1 });
      expect(await runJob(csPushesJob, restarted)).toMatchObject({ done: 0 });
      // WeChat's retry of the same push reaches the new process: acknowledged, not written again.
      const retry = builder.push(pending.payload, { timestamp: stamp(t) });
      const app = request(buildApp(restarted).callback());
      const again = await app.post(PATH).query(retry.query).set('content-type', 'application/json').send(retry.body);
      expect(again.text).toBe('success');
      await restarted.services.csInbound.idle();
    } finally {
      await db.close();
    }
    const asked = (await holderMessages(t, holder.userId)).filter((m) => m.sender === 'holder');
    expect(asked.map((m) => m.text)).toEqual(['重启前发的']);
    expect(wx.csSentTo(openid).length).toBeGreaterThan(0);
  });

  it('records a picture as [图片] and tells the holder to write; remembers where an entered session came from', async () => {
    const openid = openidOf();
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    const enter = pushJson({
      ToUserName: 'gh_0a1b2c3d4e5f',
      FromUserName: openid,
      CreateTime: Number(stamp(t)),
      MsgType: 'event',
      Event: 'user_enter_tempsession',
      SessionFrom: 'card_application:12',
    });
    await post(t, builder.push(enter, { timestamp: stamp(t) }));
    await post(t, builder.push(enter, { timestamp: stamp(t) }));
    wx.addMedia('media-1', makeJpeg({ width: 32, height: 32, size: 600 }));
    const image = pushJson({
      ToUserName: 'gh_0a1b2c3d4e5f',
      FromUserName: openid,
      CreateTime: Number(stamp(t)),
      MsgType: 'image',
      PicUrl: 'https://mmbiz.example/pic',
      MediaId: 'media-1',
      MsgId: nextMsgId(),
    });
    await post(t, builder.push(image, { timestamp: stamp(t) }));
    await settled(t);
    const state = await t.container.db.manager.findOneByOrFail(ChatChannelState, { accountId: holder.userId });
    expect(state.sessionFrom).toBe('card_application:12');
    const rows = await holderMessages(t, holder.userId);
    // The event left no message; the picture one from the holder, and no answer from the assistant.
    expect(rows.map((m) => [m.sender, m.text])).toEqual([
      ['assistant', expect.any(String)],
      ['holder', '[图片]'],
    ]);
    expect(wx.csSentTo(openid).map((m) => m.text?.content)).toEqual([CS_IMAGE_TEXT]);
  });

  it('writes no openid and no message text to the logs', () => {
    // Checked for every test of this file in afterAll; here, that there were logs to check.
    expect(t.logs.some((l) => l.includes('customer-service push processed'))).toBe(true);
  });
});

describe('WeChat customer-service channel (plaintext mode)', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  let builder: WeChatPushBuilder;

  beforeAll(async () => {
    ({ t, wx } = await createLiveContext({ env: { WECHAT_CS_TOKEN: TOKEN } }));
    builder = new WeChatPushBuilder(TOKEN, wx.appId);
  });
  afterAll(() => t.close());

  it('takes a plaintext push signed with the token, and refuses one signed with another', async () => {
    const openid = unique('o-cs-');
    const holder = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    const message = textPush(t, openid, '附近哪里能打折');
    expect((await post(t, builder.push(message, { timestamp: stamp(t), token: 'Wrong' }))).status).toBe(401);
    const res = await post(t, builder.push(message, { timestamp: stamp(t) }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    await settled(t);
    const asked = (await holderMessages(t, holder.userId)).filter((m) => m.sender === 'holder');
    expect(asked.map((m) => m.text)).toEqual(['附近哪里能打折']);
    expect(wx.csSentTo(openid).length).toBeGreaterThan(0);
  });

  it('describes the endpoint in the API document, answers in plain text', async () => {
    const doc = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths[PATH]).sort()).toEqual(['get', 'post']);
    expect(doc.body.paths[PATH].post.responses['200'].content).toHaveProperty('text/plain');
  });
});

describe('WeChat customer-service channel: off without its token', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  beforeAll(async () => {
    ({ t, wx } = await createLiveContext());
  });
  afterAll(() => t.close());

  it('has no push endpoint', async () => {
    expect(wx.appId).toBeTruthy();
    await t.http.get(PATH).expect(404);
    const doc = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).not.toContain(PATH);
  });
});
