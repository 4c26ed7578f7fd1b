import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { KnowledgeUnanswered } from '../server/modules/chat/knowledge/knowledge-unanswered.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, loginHolder, loginStaff, type Session } from './helpers/factories';

const TRY = '/api/v1/staff/knowledge/try';

describe('the knowledge base: 试一试', () => {
  let t: TestContext;
  let manager: Session;
  let station: Session;
  beforeAll(async () => {
    t = await createTestContext();
    const { stationId } = await createDistrictAndStation(t);
    manager = await loginStaff(t, ['district_staff']);
    station = await loginStaff(t, ['station_staff'], { stationId });
  });
  afterAll(() => t.close());

  it('shows the entry a holder would get, its relevance and the answer as the holder reads it', async () => {
    const created = await t.http
      .post('/api/v1/staff/knowledge/entries')
      .set(manager.auth)
      .send({
        question: '光荣牌换新怎么办理？',
        phrasings: ['光荣牌换新去哪里办'],
        answer: '光荣牌换新请到服务站登记。详见[服务站](/pages/me/me)。',
        source: { document: '戎友服务说明', issuer: '区退役军人事务局' },
      })
      .expect(201);
    await t.http
      .post(`/api/v1/staff/knowledge/entries/${created.body.id}/publish`)
      .set(manager.auth)
      .send({})
      .expect(200);

    const res = await t.http.post(TRY).set(station.auth).send({ text: '光荣牌换新怎么办理' }).expect(200);
    expect(res.body).toMatchObject({
      intent: 'policy',
      outcome: 'knowledge',
      entry: { id: created.body.id, question: '光荣牌换新怎么办理？' },
      answer: {
        source: { document: '戎友服务说明', issuer: '区退役军人事务局', article: null, effectiveDate: null },
      },
    });
    expect(res.body.entry.relevance).toBeGreaterThanOrEqual(0.5);
    expect(typeof res.body.entry.score).toBe('number');
    // The same words the holder's conversation shows: the link is a button, named in the sentence.
    const holder = await loginHolder(t);
    const sent = await t.http
      .post('/api/v1/chat/messages')
      .set(holder.auth)
      .send({ text: '光荣牌换新怎么办理' })
      .expect(201);
    const answer = sent.body.items.at(-1);
    expect(res.body.answer.text).toBe(answer.text);
    expect(res.body.answer.links).toEqual([{ label: '服务站', page: 'pages/me/me' }]);
    expect(res.body.candidates[0]).toMatchObject({ id: created.body.id });
  });

  it('says when nothing answers, and writes nothing: no conversation, no unanswered question', async () => {
    const em = t.container.db.manager;
    const [conversations, unanswered] = [await em.count(ChatConversation), await em.count(KnowledgeUnanswered)];
    const res = await t.http.post(TRY).set(manager.auth).send({ text: '火星上的天气怎么样呢朋友' }).expect(200);
    expect(res.body).toMatchObject({ intent: 'unknown', outcome: 'unknown', entry: null, answer: null });
    const person = await t.http.post(TRY).set(manager.auth).send({ text: '我要找人工客服' }).expect(200);
    expect(person.body).toMatchObject({ outcome: 'handover', entry: null });
    const live = await t.http.post(TRY).set(manager.auth).send({ text: '我的优待证申请到哪一步了' }).expect(200);
    expect(live.body).toMatchObject({ intent: 'card_status', outcome: 'action', answer: null });
    expect(await em.count(ChatConversation)).toBe(conversations);
    expect(await em.count(KnowledgeUnanswered)).toBe(unanswered);
  });

  it('is for knowledge-base readers only, and validates the question', async () => {
    const holder = await loginHolder(t);
    await t.http.post(TRY).set(holder.auth).send({ text: '你好' }).expect(403);
    const lawyer = await loginStaff(t, ['lawyer']);
    await t.http.post(TRY).set(lawyer.auth).send({ text: '你好' }).expect(403);
    await t.http.post(TRY).send({ text: '你好' }).expect(401);
    for (const body of [{}, { text: '' }, { text: 'x'.repeat(501) }, { text: '你好', extra: 1 }]) {
      const res = await t.http.post(TRY).set(station.auth).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
