import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { AGENT_OPEN_LIMIT } from '../server/modules/chat/inbox/inbox.service';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { Station } from '../server/modules/staff/station.entity';
import { createBureau, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, type Session } from './helpers/factories';

const send = async (t: TestContext, s: Session, body: object) =>
  (await t.http.post('/api/v1/chat/messages').set(s.auth).send(body).expect(201)).body.items;

const conversationId = async (t: TestContext, s: Session) =>
  (await t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: s.userId })).id;

/** A holder with an application at the station, who asked about it and then for a person. */
async function waitingHolder(t: TestContext, stationId: number) {
  const h = await readyHolder(t);
  const applicationId = await submittedApplication(t, h, stationId);
  await send(t, h, { action: 'card_status' });
  await send(t, h, { action: 'ask_person' });
  return { ...h, applicationId, conversationId: await conversationId(t, h) };
}

/** Trades the session's refresh token for a new access token (after the clock jumped past its life). */
async function refreshed(t: TestContext, s: Session): Promise<void> {
  const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
  s.accessToken = res.body.accessToken;
  s.refreshToken = res.body.refreshToken;
  s.auth.Authorization = `Bearer ${res.body.accessToken}`;
}

const claim = (t: TestContext, s: Session, id: number) =>
  t.http.post(`/api/v1/staff/conversations/${id}/claim`).set(s.auth);

describe('staff inbox', () => {
  let t: TestContext;
  let bureau: Awaited<ReturnType<typeof createBureau>>;
  beforeAll(async () => {
    t = await createTestContext();
    bureau = await createBureau(t);
    await t.container.db.transaction((em) => em.update(Station, { id: bureau.stationId }, { phone: '010-66668888' }));
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.advance(60_000));

  it('is scoped: another station’s staff get 404, the district sees its stations and the district queue', async () => {
    const h = await waitingHolder(t, bureau.stationId);
    const list = (s: Session) => t.http.get('/api/v1/staff/conversations?state=waiting_staff').set(s.auth).expect(200);
    const ids = async (s: Session) => (await list(s)).body.items.map((i: { id: number }) => i.id);
    expect(await ids(bureau.stationReviewer)).toContain(h.conversationId);
    expect(await ids(bureau.districtReviewer)).toContain(h.conversationId);
    expect(await ids(bureau.otherStationReviewer)).not.toContain(h.conversationId);
    expect(await ids(bureau.otherDistrictReviewer)).not.toContain(h.conversationId);
    for (const s of [bureau.otherStationReviewer, bureau.otherDistrictReviewer]) {
      await t.http.get(`/api/v1/staff/conversations/${h.conversationId}`).set(s.auth).expect(404);
      await claim(t, s, h.conversationId).expect(404);
      await t.http
        .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
        .set(s.auth)
        .send({ text: '你好', internal: true })
        .expect(404);
    }

    // A holder without an application waits in the district queue: district staff only.
    const loose = await loginHolder(t);
    await send(t, loose, { action: 'ask_person' });
    const looseId = await conversationId(t, loose);
    expect(await ids(bureau.districtReviewer)).toContain(looseId);
    expect(await ids(bureau.stationReviewer)).not.toContain(looseId);

    // Holders and other roles are refused; nobody logged out gets in.
    const holder = await loginHolder(t);
    await t.http.get('/api/v1/staff/conversations').set(holder.auth).expect(403);
    const lawyer = await loginStaff(t, ['lawyer']);
    await t.http.get('/api/v1/staff/conversations').set(lawyer.auth).expect(403);
    await t.http.get('/api/v1/staff/conversations').expect(401);
    await t.http.get('/api/v1/staff/conversations?state=open').set(bureau.stationReviewer.auth).expect(400);
  });

  it('gives the context in one call, audit-logged', async () => {
    const h = await waitingHolder(t, bureau.stationId);
    const res = await t.http
      .get(`/api/v1/staff/conversations/${h.conversationId}`)
      .set(bureau.stationReviewer.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      conversation: { id: h.conversationId, state: 'waiting_staff', holder: { name: '陈**' } },
      holder: { name: '陈**', category: 'veteran', verified: false, phone: '*******2222' },
      application: { id: h.applicationId, status: 'submitted' },
      appointments: [],
      redemptions: [],
      complaints: [],
      assistantIntent: 'card_status',
    });
    expect(res.body.items.length).toBeGreaterThanOrEqual(5);
    expect(res.body.history.map((e: { action: string }) => e.action)).toEqual(['start', 'hand_over']);
    // No plaintext identity anywhere in the answer.
    expect(JSON.stringify(res.body)).not.toContain(h.idNumber);
    expect(JSON.stringify(res.body)).not.toContain('陈卫国');
    const audit = await t.container.db.manager.findBy(AuditLog, {
      action: 'chat.context',
      targetId: String(h.conversationId),
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorAccountId).toBe(bureau.stationReviewer.userId);
  });

  it('shows staff only what the content check let through, and marks text it wants a person to read', async () => {
    const h = await waitingHolder(t, bureau.stationId);
    await send(t, h, { text: '我想问一下补领的事' });
    await send(t, h, { text: '还有一件事想说' });
    const [unchecked, review] = await t.container.db.manager.find(ChatMessage, {
      where: { conversationId: h.conversationId, sender: 'holder' },
      order: { seq: 'DESC' },
      take: 2,
    });
    await t.container.db.transaction(async (em) => {
      await em.update(ChatMessage, { id: unchecked.id }, { moderation: 'unchecked' });
      await em.update(ChatMessage, { id: review.id }, { moderation: 'review' });
    });
    const staff = bureau.stationReviewer;
    const ctx = await t.http.get(`/api/v1/staff/conversations/${h.conversationId}`).set(staff.auth).expect(200);
    const items = ctx.body.items as Array<{ id: number; internal: boolean; forReview: boolean }>;
    expect(items.map((i) => i.id)).not.toContain(unchecked.id);
    expect(items.find((i) => !i.internal && i.id === review.id)).toMatchObject({ forReview: true });
    expect(items.filter((i) => !i.internal && i.id !== review.id).every((i) => !i.forReview)).toBe(true);
    // The queue's preview is the last message only when staff may read it.
    const list = await t.http.get('/api/v1/staff/conversations?state=waiting_staff').set(staff.auth).expect(200);
    const entry = (list.body.items as Array<{ id: number; lastMessage: unknown }>).find(
      (i) => i.id === h.conversationId,
    );
    expect(entry!.lastMessage).toBeNull();
  });

  it('answers only once claimed, only by the agent; limits each agent’s open conversations', async () => {
    const h = await waitingHolder(t, bureau.stationId);
    const early = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(bureau.stationReviewer.auth)
      .send({ text: '您好' })
      .expect(409);
    expect(early.body.error.code).toBe('CONVERSATION_NOT_CLAIMED');
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(bureau.stationReviewer.auth)
      .send({ text: '   ' })
      .expect(400);
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(bureau.stationReviewer.auth)
      .send({})
      .expect(400);

    // One agent at the limit: the next claim is refused until one is released.
    const agent = await loginStaff(t, ['district_staff'], { districtId: bureau.districtId });
    const ids: number[] = [];
    for (let i = 0; i <= AGENT_OPEN_LIMIT; i++) {
      const holder = await loginHolder(t);
      await send(t, holder, { action: 'ask_person' });
      ids.push(await conversationId(t, holder));
    }
    for (const id of ids.slice(0, AGENT_OPEN_LIMIT)) await claim(t, agent, id).expect(200);
    const full = await claim(t, agent, ids[AGENT_OPEN_LIMIT]).expect(409);
    expect(full.body.error.code).toBe('AGENT_LIMIT_REACHED');
    const mine = await t.http.get('/api/v1/staff/conversations?state=with_staff&mine=true').set(agent.auth).expect(200);
    expect(mine.body.items).toHaveLength(AGENT_OPEN_LIMIT);
    const released = await t.http.post(`/api/v1/staff/conversations/${ids[0]}/release`).set(agent.auth).expect(200);
    expect(released.body).toMatchObject({ state: 'waiting_staff', agent: null });
    await claim(t, agent, ids[AGENT_OPEN_LIMIT]).expect(200);
    // Another staff member cannot answer the agent's conversation.
    await t.http
      .post(`/api/v1/staff/conversations/${ids[1]}/messages`)
      .set(bureau.districtReviewer.auth)
      .send({ text: '您好' })
      .expect(403);
  });

  it('canned replies per station, with {姓名} {申请状态} {服务站电话} filled for the holder', async () => {
    const staff = bureau.stationReviewer;
    const created = await t.http
      .post('/api/v1/staff/canned-replies')
      .set(staff.auth)
      .send({ title: '进度', text: '{姓名}您好，您的申请目前是“{申请状态}”，有疑问可致电{服务站电话}。' })
      .expect(201);
    expect(created.body).toMatchObject({ stationId: bureau.stationId, districtId: bureau.districtId });
    const id = created.body.id as number;
    const list = async (s: Session) =>
      (await t.http.get('/api/v1/staff/canned-replies').set(s.auth).expect(200)).body.items.map(
        (r: { id: number }) => r.id,
      );
    expect(await list(staff)).toContain(id);
    expect(await list(bureau.districtReviewer)).toContain(id);
    expect(await list(bureau.otherStationReviewer)).not.toContain(id);
    await t.http
      .patch(`/api/v1/staff/canned-replies/${id}`)
      .set(bureau.otherStationReviewer.auth)
      .send({ title: 'x' })
      .expect(404);
    await t.http.patch(`/api/v1/staff/canned-replies/${id}`).set(staff.auth).send({ title: '申请进度' }).expect(200);

    const h = await waitingHolder(t, bureau.stationId);
    await claim(t, staff, h.conversationId).expect(200);
    // Someone else's station's reply cannot be used here.
    const foreign = await t.http
      .post('/api/v1/staff/canned-replies')
      .set(bureau.otherStationReviewer.auth)
      .send({ title: '别处', text: '别处的回复' })
      .expect(201);
    await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(staff.auth)
      .send({ cannedReplyId: foreign.body.id })
      .expect(404);
    const sent = await t.http
      .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
      .set(staff.auth)
      .send({ cannedReplyId: id })
      .expect(201);
    expect(sent.body.item.text).toBe('陈卫国您好，您的申请目前是“已提交”，有疑问可致电010-66668888。');
    const stream = await t.http.get('/api/v1/chat/messages?after=0&limit=100').set(h.auth).expect(200);
    expect(stream.body.items.at(-1)).toMatchObject({ from: 'staff', text: sent.body.item.text });

    await t.http.delete(`/api/v1/staff/canned-replies/${id}`).set(staff.auth).expect(204);
    expect(await list(staff)).not.toContain(id);
  });

  it('business hours: read and edited by the station’s and the district’s staff only', async () => {
    const path = `/api/v1/staff/stations/${bureau.stationId}/business-hours`;
    const got = await t.http.get(path).set(bureau.stationReviewer.auth).expect(200);
    expect(got.body).toMatchObject({
      stationId: bureau.stationId,
      holidays: [],
      extraWorkdays: [],
      openNow: true,
    });
    expect(got.body.weekly[0]).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(got.body.weekly[5]).toEqual([]);
    await t.http.get(path).set(bureau.otherStationReviewer.auth).expect(404);
    await t.http.get(path).set(bureau.otherDistrictReviewer.auth).expect(404);
    const holder = await loginHolder(t);
    await t.http.get(path).set(holder.auth).expect(403);
    const week = Array.from({ length: 7 }, () => [{ start: '08:30', end: '17:00' }]);
    await t.http
      .put(path)
      .set(bureau.districtReviewer.auth)
      .send({ weekly: [[{ start: '12:00', end: '09:00' }], ...week.slice(1)], holidays: [], extraWorkdays: [] })
      .expect(400);
    await t.http
      .put(path)
      .set(bureau.districtReviewer.auth)
      .send({ weekly: week.slice(1), holidays: [], extraWorkdays: [] })
      .expect(400);
    const saved = await t.http
      .put(path)
      .set(bureau.districtReviewer.auth)
      .send({ weekly: week, holidays: ['2027-05-01', '2027-05-01'], extraWorkdays: [] })
      .expect(200);
    expect(saved.body).toMatchObject({ holidays: ['2027-05-01'], weekly: week });
    const audit = await t.container.db.manager.findBy(AuditLog, {
      action: 'station.business_hours',
      targetId: String(bureau.stationId),
    });
    expect(audit).toHaveLength(1);
  });
});

describe('staff inbox figures', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('first response and resolution in business hours, per day, handover rate, ratings, per station and agent', async () => {
    const bureau = await createBureau(t);
    const staff = bureau.stationReviewer;
    const minutes = (n: number) => t.clock.advance(n * 60_000);
    const serve = async (h: { conversationId: number } & Session, reply: number, resolve: number, score: number) => {
      await refreshed(t, staff);
      await claim(t, staff, h.conversationId).expect(200);
      minutes(reply);
      await t.http
        .post(`/api/v1/staff/conversations/${h.conversationId}/messages`)
        .set(staff.auth)
        .send({ text: '您好' })
        .expect(201);
      minutes(resolve);
      await refreshed(t, staff);
      await refreshed(t, h);
      await t.http
        .post(`/api/v1/staff/conversations/${h.conversationId}/resolve`)
        .set(staff.auth)
        .send({ outcome: '已解答' })
        .expect(200);
      await t.http.post('/api/v1/chat/rating').set(h.auth).send({ score }).expect(200);
    };

    // Wednesday 09:30: handed over, answered after 10 minutes, resolved 20 minutes later, rated 4.
    t.clock.set('2027-03-10T01:30:00Z');
    const first = await waitingHolder(t, bureau.stationId);
    await serve(first, 10, 20, 4);

    // The next holder's expected wait comes from that first response: 10 minutes.
    t.clock.set('2027-03-10T03:50:00Z'); // 11:50
    const second = await waitingHolder(t, bureau.stationId);
    expect((await t.http.get('/api/v1/chat/conversation').set(second.auth).expect(200)).body.queue).toEqual({
      position: 1,
      expectedWaitMinutes: 10,
      staffBackAt: null,
    });
    // Answered at 13:40 across the lunch break: 10 + 10 business minutes; resolved at 14:00.
    t.clock.set('2027-03-10T05:40:00Z');
    await serve(second, 0, 20, 2);

    // A holder who only talked to the assistant counts among the conversations.
    const chatted = await loginHolder(t);
    await send(t, chatted, { action: 'card_status' });
    await refreshed(t, staff);
    await refreshed(t, bureau.otherStationReviewer);

    const res = await t.http
      .get('/api/v1/staff/conversations/figures?from=2027-03-10&to=2027-03-10')
      .set(staff.auth)
      .expect(200);
    const summary = {
      handovers: 2,
      resolved: 2,
      firstResponseSeconds: { median: 900, p90: 1200 },
      resolutionSeconds: { median: 2100, p90: 2400 },
      ratings: 2,
      averageRating: 3,
    };
    expect(res.body).toMatchObject({
      from: '2027-03-10',
      to: '2027-03-10',
      conversations: 3,
      handoverRate: 0.667,
      overall: summary,
      perDay: [{ date: '2027-03-10', conversations: 3, handovers: 2 }],
      stations: [{ stationId: bureau.stationId, ...summary }],
      agents: [{ accountId: staff.userId, displayName: '测试员', ...summary }],
    });
    // Another station's staff see none of it.
    const other = await t.http
      .get('/api/v1/staff/conversations/figures?from=2027-03-10&to=2027-03-10')
      .set(bureau.otherStationReviewer.auth)
      .expect(200);
    expect(other.body.overall.handovers).toBe(0);
    await t.http.get('/api/v1/staff/conversations/figures?from=2027-03-11&to=2027-03-10').set(staff.auth).expect(400);
  });
});
