import { runJob } from '../server/jobs/job';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { contentRecheckJob } from '../server/modules/chat/content-check.job';
import {
  RECHECK_CUTOFF_MS,
  RECHECK_MAX_ATTEMPTS,
  STAFF_VISIBLE_MODERATIONS,
  visibleToStaff,
} from '../server/modules/chat/content-check.rules';
import { CS_REFUSED_TEXT } from '../server/modules/chat/cs-inbound.service';
import { ChatChannelPush } from '../server/modules/chat/cs-push.entity';
import { KnowledgeUnanswered } from '../server/modules/chat/knowledge/knowledge-unanswered.entity';
import type { FakeWeChatServer } from './fakes/fake-wechat';
import { pushJson, WeChatPushBuilder } from './fakes/wechat-push';
import type { TestContext } from './helpers/context';
import { unique } from './helpers/factories';
import { createLiveContext, loginLiveHolder } from './helpers/live-wechat';

const TOKEN = 'RongyouCsTest2027';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const RISKY = '违规词甲';
const REVIEW = '复核词乙';
const SEC_CHECK = '/wxa/msg_sec_check';

/** Holders' free text is checked (msg_sec_check v2 on the fake WeChat) before staff see it, by either channel. */
describe('content security of holders’ messages', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  const personal = new Set<string>();

  beforeAll(async () => {
    ({ t, wx } = await createLiveContext({ env: { WECHAT_CS_TOKEN: TOKEN, WECHAT_CS_AES_KEY: AES_KEY } }));
    wx.secWords.set(RISKY, { suggest: 'risky', label: 20001 });
    wx.secWords.set(REVIEW, { suggest: 'review', label: 21000 });
  });
  afterEach(() => {
    wx.secCheckOutage = undefined;
  });
  afterAll(async () => {
    for (const line of t.logs) for (const value of personal) expect(line).not.toContain(value);
    await t.close();
  });

  async function holder() {
    const openid = unique('o-sec-');
    personal.add(openid);
    return { openid, session: await loginLiveHolder(t, wx, openid) };
  }

  const said = (text: string) => {
    personal.add(text);
    return text;
  };

  async function messagesOf(accountId: number): Promise<ChatMessage[]> {
    const conversation = await t.container.db.manager.findOneBy(ChatConversation, { accountId });
    if (!conversation) return [];
    return t.container.db.manager.find(ChatMessage, {
      where: { conversationId: conversation.id },
      order: { seq: 'ASC' },
    });
  }

  const secChecks = () => wx.requests.filter((r) => r.path === SEC_CHECK);

  describe('in the mini-program', () => {
    it('refuses risky text with 400 MESSAGE_REFUSED and stores nothing', async () => {
      const { openid, session } = await holder();
      const text = said(`请问${RISKY}怎么办`);
      const res = await t.http.post('/api/v1/chat/messages').set(session.auth).send({ text }).expect(400);
      expect(res.body.error.code).toBe('MESSAGE_REFUSED');
      expect(res.body.error.message).toContain('不适宜');
      expect((await messagesOf(session.userId)).filter((m) => m.sender === 'holder')).toEqual([]);
      // Checked with the holder's openid, in the comment scene, version 2.
      expect(secChecks().at(-1)!.body).toEqual({ version: 2, openid, scene: 2, content: text });
    });

    it('stores text WeChat suggests reviewing, marked for review; staff see it marked', async () => {
      const { session } = await holder();
      const text = said(`${REVIEW}，优待证丢了怎么办`);
      const res = await t.http.post('/api/v1/chat/messages').set(session.auth).send({ text }).expect(201);
      expect(res.body.items[0]).toMatchObject({ from: 'holder', text });
      const [asked] = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked.moderation).toBe('review');
      expect(visibleToStaff(asked.moderation)).toBe(true);
    });

    it('passes ordinary text, and never checks a tapped quick reply (our own words)', async () => {
      const { session } = await holder();
      await t.http
        .post('/api/v1/chat/messages')
        .set(session.auth)
        .send({ text: said('优待证怎么申请') })
        .expect(201);
      const before = secChecks().length;
      await t.http.post('/api/v1/chat/messages').set(session.auth).send({ action: 'card_status' }).expect(201);
      expect(secChecks().length).toBe(before);
      const asked = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked.map((m) => m.moderation)).toEqual(['pass', 'pass']);
    });

    it('keeps text unchecked while the check is down; the assistant still answers; the job checks it later', async () => {
      const { session } = await holder();
      wx.secCheckOutage = { errcode: -1, errmsg: 'system error' };
      const text = said('我想问一下这个事情应该找哪个部门呢');
      const unanswered = await t.container.db.manager.count(KnowledgeUnanswered);
      const res = await t.http.post('/api/v1/chat/messages').set(session.auth).send({ text }).expect(201);
      expect(res.body.items.map((m: { from: string }) => m.from)).toEqual(['holder', 'assistant']);
      const [asked] = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked.moderation).toBe('unchecked');
      expect(visibleToStaff(asked.moderation)).toBe(false);
      // An unchecked question is not listed for staff among the unanswered ones either.
      expect(await t.container.db.manager.count(KnowledgeUnanswered)).toBe(unanswered);

      // Still down: one more attempt counted, still unchecked.
      expect(await runJob(contentRecheckJob, t.container)).toMatchObject({ unchecked: 1 });
      expect(await t.container.db.manager.findOneByOrFail(ChatMessage, { id: asked.id })).toMatchObject({
        moderation: 'unchecked',
        moderationAttempts: 1,
      });

      wx.secCheckOutage = undefined;
      expect(await runJob(contentRecheckJob, t.container)).toMatchObject({ checked: 1, passed: 1 });
      expect((await t.container.db.manager.findOneByOrFail(ChatMessage, { id: asked.id })).moderation).toBe('pass');
      expect(await runJob(contentRecheckJob, t.container)).toMatchObject({ checked: 0 });
    });

    it('marks unchecked text refused when the re-check finds it risky: staff never see it', async () => {
      const { session } = await holder();
      wx.secCheckOutage = { status: 503 };
      await t.http
        .post('/api/v1/chat/messages')
        .set(session.auth)
        .send({ text: said(`${RISKY}！`) })
        .expect(201);
      wx.secCheckOutage = undefined;
      expect(await runJob(contentRecheckJob, t.container)).toMatchObject({ refused: 1 });
      const [asked] = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked.moderation).toBe('refused');
      expect(STAFF_VISIBLE_MODERATIONS).not.toContain(asked.moderation);
    });

    it('shows text the check never judged to staff marked for review after the cut-off', async () => {
      const { session } = await holder();
      wx.secCheckOutage = { errcode: -1 };
      await t.http
        .post('/api/v1/chat/messages')
        .set(session.auth)
        .send({ text: said('第一条一直没检查的') })
        .expect(201);
      for (let i = 1; i < RECHECK_MAX_ATTEMPTS; i++) await runJob(contentRecheckJob, t.container);
      let [asked] = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked).toMatchObject({ moderation: 'unchecked', moderationAttempts: RECHECK_MAX_ATTEMPTS - 1 });
      await runJob(contentRecheckJob, t.container);
      [asked] = (await messagesOf(session.userId)).filter((m) => m.sender === 'holder');
      expect(asked).toMatchObject({ moderation: 'review', moderationAttempts: RECHECK_MAX_ATTEMPTS });

      // The time cut-off, without any attempt left to make.
      await t.http
        .post('/api/v1/chat/messages')
        .set(session.auth)
        .send({ text: said('第二条一直没检查的') })
        .expect(201);
      const calls = secChecks().length;
      t.clock.advance(RECHECK_CUTOFF_MS + 1000);
      expect(await runJob(contentRecheckJob, t.container)).toMatchObject({ review: 1, checked: 0 });
      expect(secChecks().length).toBe(calls);
    });
  });

  describe('in WeChat’s service chat', () => {
    const builder = () => new WeChatPushBuilder(TOKEN, wx.appId, AES_KEY);
    const stamp = () => String(Math.floor(t.clock.now().getTime() / 1000));
    let msgId = 8012345678901234567n;
    const push = (openid: string, content: string) =>
      builder().push(
        pushJson({
          ToUserName: 'gh_0a1b2c3d4e5f',
          FromUserName: openid,
          CreateTime: Number(stamp()),
          MsgType: 'text',
          Content: content,
          MsgId: ++msgId,
        }),
        { timestamp: stamp() },
      );
    const post = (built: ReturnType<typeof push>) =>
      t.http
        .post('/api/v1/wechat/customer-service')
        .query(built.query)
        .set('content-type', 'application/json')
        .send(built.body)
        .expect(200);

    it('refuses risky text politely through the channel; nothing reaches the conversation', async () => {
      const { openid, session } = await holder();
      wx.userWrote(openid);
      await post(push(openid, said(`${RISKY}在哪`)));
      await t.container.services.csInbound.idle();
      expect((await messagesOf(session.userId)).filter((m) => m.sender === 'holder')).toEqual([]);
      expect(wx.csSentTo(openid).map((m) => m.text?.content)).toEqual([CS_REFUSED_TEXT]);
      const row = await t.container.db.manager.findOneOrFail(ChatChannelPush, { where: {}, order: { id: 'DESC' } });
      expect(row).toMatchObject({ status: 'refused', messageId: null });
    });

    it('stores review and unchecked text with its verdict; the assistant answers both', async () => {
      const { openid, session } = await holder();
      wx.userWrote(openid);
      await post(push(openid, said(`${REVIEW}的问题`)));
      await t.container.services.csInbound.idle();
      wx.secCheckOutage = { errcode: -1 };
      await post(push(openid, said('检查不了的问题')));
      await t.container.services.csInbound.idle();
      const rows = await messagesOf(session.userId);
      expect(rows.filter((m) => m.sender === 'holder').map((m) => [m.moderation, m.channel])).toEqual([
        ['review', 'wechat_cs'],
        ['unchecked', 'wechat_cs'],
      ]);
      expect(rows.filter((m) => m.sender === 'assistant').length).toBe(3); // greeting and two answers
    });
  });
});
