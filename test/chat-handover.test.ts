import { ChatConversationEvent } from '../server/modules/chat/chat-conversation-event.entity';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createBureau, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, TEST_CLOCK_START, type TestContext } from './helpers/context';
import { loginHolder, type Session } from './helpers/factories';

interface Message {
  id: number;
  cursor: string;
  from: string;
  kind: string;
  text: string;
  quickReplies?: Array<{ id: string; label: string; action?: string; page?: string }>;
  intent?: string;
  staffName?: string;
}

const conversationOf = (t: TestContext, s: Session) =>
  t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: s.userId });

const historyOf = async (t: TestContext, s: Session) => {
  const c = await conversationOf(t, s);
  return t.container.db.manager.find(ChatConversationEvent, { where: { conversationId: c.id }, order: { id: 'ASC' } });
};

const send = async (t: TestContext, s: Session, body: object): Promise<Message[]> =>
  (await t.http.post('/api/v1/chat/messages').set(s.auth).send(body).expect(201)).body.items;

const view = async (t: TestContext, s: Session) =>
  (await t.http.get('/api/v1/chat/conversation?limit=100').set(s.auth).expect(200)).body;

/** Trades the session's refresh token for a new access token (after the clock jumped past its life). */
async function refreshed(t: TestContext, s: Session): Promise<void> {
  const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
  s.accessToken = res.body.accessToken;
  s.refreshToken = res.body.refreshToken;
  s.auth.Authorization = `Bearer ${res.body.accessToken}`;
}

/** A holder with an application at the station (so they queue there), handed over by 转人工. */
async function waitingHolder(t: TestContext, stationId: number) {
  const h = await readyHolder(t);
  await submittedApplication(t, h, stationId);
  const items = await send(t, h, { action: 'ask_person' });
  expect(items[1]).toMatchObject({ from: 'assistant', intent: 'ask_person' });
  return { ...h, conversationId: (await conversationOf(t, h)).id, handover: items[1] };
}

describe('chat handover: from the assistant to a person and back', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('every assistant answer offers 转人工; a complaint or dispute hands over without being asked', async () => {
    const h = await loginHolder(t);
    const [, answer] = await send(t, h, { action: 'card_status' });
    expect(answer.quickReplies).toContainEqual({ id: 'ask_person', label: '转人工', action: 'send' });
    const [, thanks] = await send(t, h, { text: '谢谢你' });
    expect(thanks.quickReplies).toContainEqual({ id: 'ask_person', label: '转人工', action: 'send' });

    const other = await loginHolder(t);
    const [, handed] = await send(t, other, { text: '商家拒绝给我优惠，我要和他们解决纠纷' });
    expect(handed).toMatchObject({ from: 'assistant', intent: 'ask_person' });
    expect(handed.text).toContain('需要工作人员处理');
    expect((await conversationOf(t, other)).status).toBe('waiting_staff');
    const history = await historyOf(t, other);
    expect(history.at(-1)).toMatchObject({ action: 'hand_over', actorRole: 'system' });
  });

  it('the whole path: 转人工, queue, a claim raced by two, a reply reaching the long poll, a note, transfer, resolve, rating once', async () => {
    const bureau = await createBureau(t);
    const h = await waitingHolder(t, bureau.stationId);
    const next = await waitingHolder(t, bureau.stationId);
    expect(h.handover.text).toContain('工作人员会尽快在这里回复您');

    // 1. The holder sees their place; with no claimed history yet, no estimate.
    const waiting = await view(t, h);
    expect(waiting).toMatchObject({
      state: 'waiting_staff',
      queue: { position: 1, expectedWaitMinutes: null, staffBackAt: null },
      agent: null,
      rating: null,
    });
    expect((await view(t, next)).queue).toMatchObject({ position: 2 });

    // 2. What they write while waiting is kept, and the assistant stays quiet.
    const kept = await send(t, h, { text: '我的优待证申请为什么还没通过' });
    expect(kept).toHaveLength(1);

    // 3. The inbox: oldest waiting first, masked name, waiting time.
    t.clock.advance(90_000);
    const inbox = await t.http
      .get('/api/v1/staff/conversations?state=waiting_staff')
      .set(bureau.stationReviewer.auth)
      .expect(200);
    const ids = inbox.body.items.map((i: { id: number }) => i.id);
    expect(ids.indexOf(h.conversationId)).toBeLessThan(ids.indexOf(next.conversationId));
    const item = inbox.body.items.find((i: { id: number }) => i.id === h.conversationId);
    expect(item).toMatchObject({
      state: 'waiting_staff',
      holder: { name: '陈**', category: 'veteran', verified: false },
      station: { id: bureau.stationId },
      trigger: 'asked',
      waitingSeconds: 90,
      agent: null,
    });

    // 4. Two staff claim at once: exactly one wins, the other gets 409 ALREADY_CLAIMED.
    const claims = await Promise.all(
      [bureau.stationReviewer, bureau.districtReviewer].map((s) =>
        t.http.post(`/api/v1/staff/conversations/${h.conversationId}/claim`).set(s.auth),
      ),
    );
    expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = claims.find((r) => r.status === 409)!;
    expect(lost.body.error.code).toBe('ALREADY_CLAIMED');
    const agent = claims[0].status === 200 ? bureau.stationReviewer : bureau.districtReviewer;
    const other = agent === bureau.stationReviewer ? bureau.districtReviewer : bureau.stationReviewer;
    expect(claims.find((r) => r.status === 200)!.body).toMatchObject({
      state: 'with_staff',
      agent: { accountId: agent.userId },
    });
    const again = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/claim`)
      .set(other.auth)
      .expect(409);
    expect(again.body.error.code).toBe('ALREADY_CLAIMED');
    const withStaff = await view(t, h);
    expect(withStaff).toMatchObject({ state: 'with_staff', queue: null, agent: { displayName: '测试员' } });
    // The other holder moved up.
    expect((await view(t, next)).queue).toMatchObject({ position: 1 });

    // 5. A staff reply wakes the holder's long poll at once.
    const last = (await conversationOf(t, h)).lastSeq;
    const poll = t.http
      .get(`/api/v1/chat/messages?after=${last}&wait=20`)
      .set(h.auth)
      .then((r) => r);
    const deadline = Date.now() + 5_000;
    while (t.container.services.chat.waitingPolls === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    const replied = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(agent.auth)
      .send({ text: '您好，我来帮您查一下申请进度。' })
      .expect(201);
    expect(replied.body.item).toMatchObject({ internal: false, from: 'staff', staffName: '测试员' });
    const woken = await poll;
    expect(woken.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(woken.body.items).toEqual([
      expect.objectContaining({
        from: 'staff',
        kind: 'text',
        text: '您好，我来帮您查一下申请进度。',
        staffName: '测试员',
      }),
    ]);
    // The holder answering staff reaches staff only: no assistant reply.
    expect(await send(t, h, { text: '好的，谢谢' })).toHaveLength(1);

    // 6. An internal note is never in the holder's stream, but is in the staff context.
    const note = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(agent.auth)
      .send({ text: '内部备注：材料可能缺退伍证', internal: true })
      .expect(201);
    expect(note.body.item).toMatchObject({ internal: true, cursor: null });
    const stream = await t.http.get('/api/v1/chat/messages?after=0&limit=100').set(h.auth).expect(200);
    expect(JSON.stringify(stream.body)).not.toContain('内部备注');
    expect(JSON.stringify(await view(t, h))).not.toContain('内部备注');
    const context = await t.http.get(`/api/v1/staff/conversations/${h.conversationId}`).set(agent.auth).expect(200);
    expect(context.body.items.filter((i: { internal: boolean }) => i.internal).map((i: Message) => i.text)).toEqual([
      '内部备注：材料可能缺退伍证',
    ]);
    expect(context.body.items.map((i: Message) => i.text)).toContain('我的优待证申请为什么还没通过');

    // 7. Transfer: not to someone who cannot see the holder, not to nobody; then to the other staff member.
    const refused = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/transfer`)
      .set(agent.auth)
      .send({ toAccountId: bureau.otherStationReviewer.userId })
      .expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/transfer`)
      .set(agent.auth)
      .send({ toAccountId: 2_000_000 })
      .expect(404);
    const moved = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/transfer`)
      .set(agent.auth)
      .send({ toAccountId: other.userId })
      .expect(200);
    expect(moved.body).toMatchObject({ state: 'with_staff', agent: { accountId: other.userId } });
    // The former agent can no longer answer.
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(agent.auth)
      .send({ text: '还在吗' })
      .expect(403);

    // 8. Resolve: the holder is asked to rate, once.
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/resolve`)
      .set(other.auth)
      .send({ outcome: '已解答申请进度' })
      .expect(200);
    const after = await view(t, h);
    expect(after).toMatchObject({ state: 'resolved', queue: null, agent: null, rating: { asked: true, score: null } });
    const ask = (after.items as Message[]).at(-1)!;
    expect(ask).toMatchObject({ from: 'system', kind: 'quick_replies' });
    expect(ask.quickReplies!.map((q) => [q.id, q.action])).toContainEqual(['rating.5', 'rate']);
    await t.http.post('/api/v1/chat/rating').set(h.auth).send({ score: 6 }).expect(400);
    await t.http.post('/api/v1/chat/rating').set(h.auth).send({ score: 5, comment: '很耐心' }).expect(200);
    const twice = await t.http.post('/api/v1/chat/rating').set(h.auth).send({ score: 1 }).expect(409);
    expect(twice.body.error.code).toBe('RATING_ALREADY_GIVEN');
    expect((await view(t, h)).rating).toEqual({ asked: true, score: 5 });
    const never = await loginHolder(t);
    const notAsked = await t.http.post('/api/v1/chat/rating').set(never.auth).send({ score: 3 }).expect(409);
    expect(notAsked.body.error.code).toBe('RATING_NOT_ASKED');

    // 9. The history names every step; the transfer's names both staff members.
    const history = await historyOf(t, h);
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      // Opened by the notice of the application's submission.
      ['start', null, 'bot', 'system'],
      ['hand_over', 'bot', 'waiting_staff', 'holder'],
      ['claim', 'waiting_staff', 'with_staff', 'staff'],
      ['transfer', 'with_staff', 'with_staff', 'staff'],
      ['resolve', 'with_staff', 'resolved', 'staff'],
    ]);
    const transfer = history[3];
    expect(transfer.actorAccountId).toBe(agent.userId);
    expect(transfer.reason).toContain(`#${agent.userId}`);
    expect(transfer.reason).toContain(`#${other.userId}`);
    expect(history[4].reason).toBe('已解答申请进度');

    // 10. The holder's next message goes back to the assistant.
    const [, back] = await send(t, h, { action: 'card_status' });
    expect(back).toMatchObject({ from: 'assistant', intent: 'card_status' });
    expect((await view(t, h)).state).toBe('bot');
  });

  it('a staff reply to a holder who left also goes out as a subscribe message, once per reply', async () => {
    const bureau = await createBureau(t);
    const h = await waitingHolder(t, bureau.stationId);
    const staff = bureau.stationReviewer;
    await t.http.post(`/api/v1/staff/conversations/${h.conversationId}/claim`).set(staff.auth).expect(200);
    const reply = (text: string) =>
      t.http
        .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
        .set(staff.auth)
        .send({ text })
        .expect(201);
    const outbox = () =>
      t.container.db.manager.findBy(OutboxMessage, { recipientAccountId: h.userId, templateKey: 'chat_reply' });

    // Just active: the stream alone.
    await reply('马上为您处理');
    expect(await outbox()).toHaveLength(0);

    // Away for more than five minutes: the stream and a subscribe message.
    t.clock.advance(6 * 60_000);
    const away = await reply('您的材料已收到，请周五来服务站领取');
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotencyKey: `chat-reply:${away.body.item.id}`, page: 'pages/index/index' });
    // Not copied into the conversation a second time as a notice (the one there is the application's).
    const c = await conversationOf(t, h);
    const notices = await t.container.db.manager.findBy(ChatMessage, { conversationId: c.id, kind: 'notice' });
    expect(notices.map((m) => m.outboxId)).not.toContain(rows[0].id);
    expect(
      await t.container.db.manager.countBy(ChatMessage, {
        conversationId: c.id,
        text: '您的材料已收到，请周五来服务站领取',
      }),
    ).toBe(1);

    // Back in the mini-program: the next reply is in the stream only.
    await view(t, h);
    await reply('不客气');
    expect(await outbox()).toHaveLength(1);
  });
});

describe('chat handover outside business hours', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('says when staff are back, keeps everything, and the morning inbox shows it first', async () => {
    // Saturday 13 March 2027, 10:00 in Asia/Shanghai.
    t.clock.set('2027-03-13T02:00:00Z');
    const bureau = await createBureau(t);
    const h = await waitingHolder(t, bureau.stationId);
    expect(h.handover.text).toContain('工作人员将于 周一 9:00 上班后回复您');
    expect(h.handover.text).not.toContain('尽快在这里回复');
    expect((await view(t, h)).queue).toEqual({
      position: 1,
      expectedWaitMinutes: null,
      staffBackAt: '2027-03-15T09:00:00.000+08:00',
    });
    for (const text of ['我上个月提交的申请', '一直没有消息', '麻烦帮忙看看']) {
      expect(await send(t, h, { text })).toHaveLength(1);
    }

    // A station with Monday as a holiday: back on Tuesday.
    await t.http
      .put(`/api/v1/staff/stations/${bureau.otherStationId}/business-hours`)
      .set(bureau.otherStationReviewer.auth)
      .send({
        weekly: [
          [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
          [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
          [{ start: '09:00', end: '12:00' }],
          [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
          [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
          [],
          [],
        ],
        holidays: ['2027-03-15'],
        extraWorkdays: [],
      })
      .expect(200);
    const closedMonday = await waitingHolder(t, bureau.otherStationId);
    expect(closedMonday.handover.text).toContain('工作人员将于 周二 9:00 上班后回复您');

    // Monday 9:01: someone hands over during hours; the weekend's message is still first.
    t.clock.set('2027-03-15T01:01:00Z');
    await refreshed(t, bureau.stationReviewer);
    const monday = await waitingHolder(t, bureau.stationId);
    expect(monday.handover.text).toContain('工作人员会尽快在这里回复您');
    const inbox = await t.http
      .get('/api/v1/staff/conversations?state=waiting_staff')
      .set(bureau.stationReviewer.auth)
      .expect(200);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toEqual([h.conversationId, monday.conversationId]);
    expect(inbox.body.items[0].waitingSeconds).toBe(47 * 3600 + 60);
    const context = await t.http
      .get(`/api/v1/staff/conversations/${h.conversationId}`)
      .set(bureau.stationReviewer.auth)
      .expect(200);
    const texts = context.body.items.map((i: Message) => i.text);
    for (const text of ['我上个月提交的申请', '一直没有消息', '麻烦帮忙看看']) expect(texts).toContain(text);
    t.clock.set(TEST_CLOCK_START);
  });
});
