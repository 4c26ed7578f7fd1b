import fs from 'node:fs';
import path from 'node:path';
import { transition } from '../server/lib/state-machine';
import { fromKnowledge } from '../server/modules/chat/chat-answers';
import { ChatConversationEvent } from '../server/modules/chat/chat-conversation-event.entity';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { CONVERSATION_TRANSITIONS } from '../server/modules/chat/chat-conversation.states';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { CHAT_PAGES } from '../server/modules/chat/chat.pages';
import { HOLDER_ACTIONS, SUGGESTIONS } from '../server/modules/chat/chat.replies';
import { CHAT_MESSAGES_PER_MINUTE } from '../server/modules/chat/chat.routes';
import { Employer } from '../server/modules/employment/employer.entity';
import { JobPosting } from '../server/modules/employment/job-posting.entity';
import { Station } from '../server/modules/staff/station.entity';
import { createBureau, issuedCard, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, type Session } from './helpers/factories';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';
import { approvedMerchant, CENTRE, createOffer } from './helpers/merchants';

interface Message {
  id: number;
  cursor: string;
  from: string;
  kind: string;
  text: string;
  card?: { title: string; lines: string[]; button?: { label: string; page: string } };
  quickReplies?: Array<{ id: string; label: string; page?: string; action?: string }>;
  intent?: string;
  source?: { entryId: number; document: string };
  feedback?: string;
  at: string;
}

/** Every page a button or chip in these tests' answers opened, checked against app.json at the end. */
const pagesSeen = new Set<string>();

function notePages(items: Message[]): Message[] {
  for (const m of items) {
    if (m.card?.button) pagesSeen.add(m.card.button.page);
    for (const q of m.quickReplies ?? []) if (q.page) pagesSeen.add(q.page);
  }
  return items;
}

const send = async (t: TestContext, s: Session, body: Record<string, unknown>): Promise<Message[]> => {
  const res = await t.http.post('/api/v1/chat/messages').set(s.auth).send(body).expect(201);
  return notePages(res.body.items);
};

/** The assistant's answer to a message (the second item sent back). */
const ask = async (t: TestContext, s: Session, body: Record<string, unknown>): Promise<Message> => {
  const items = await send(t, s, body);
  expect(items).toHaveLength(2);
  expect(items[0].from).toBe('holder');
  expect(items[1].from).toBe('assistant');
  return items[1];
};

const conversationOf = (t: TestContext, s: Session) =>
  t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: s.userId });

const historyOf = async (t: TestContext, s: Session) => {
  const c = await conversationOf(t, s);
  return t.container.db.manager.find(ChatConversationEvent, { where: { conversationId: c.id }, order: { id: 'ASC' } });
};

/** Staff take and close the conversation (the handover issue gives them endpoints for it). */
async function staffResolve(t: TestContext, s: Session): Promise<void> {
  const c = await conversationOf(t, s);
  const staff = { accountId: null, role: 'staff' };
  await t.container.db.transaction(async (em) => {
    for (const action of ['claim', 'resolve'] as const) {
      await transition(em, {
        entity: ChatConversation,
        id: c.id,
        table: CONVERSATION_TRANSITIONS,
        action,
        actor: staff,
        at: t.clock.now(),
        history: { entity: ChatConversationEvent, subjectKey: 'conversationId' },
      });
    }
  });
}

/**
 * A published knowledge-base entry, written through staff's endpoints (the seed's entries are staff's
 * to change, and a MariaDB test database starts without them); resolves once the assistant answers
 * its question with it.
 */
async function publishedEntry(t: TestContext, question: string): Promise<number> {
  const staff = await loginStaff(t, ['district_staff']);
  const created = await t.http
    .post('/api/v1/staff/knowledge/entries')
    .set(staff.auth)
    .send({
      question,
      phrasings: [],
      answer: '持证人凭[电子优待证](/packages/card/pages/card/card)可免费游览本区公园，节假日同样适用。',
      source: {
        document: '本区退役军人优待目录',
        article: '第三条',
        issuer: '区退役军人事务局',
        effectiveDate: '2024-01-01',
      },
      tags: ['公园'],
    })
    .expect(201);
  const id = created.body.id as number;
  await t.http.post(`/api/v1/staff/knowledge/entries/${id}/publish`).set(staff.auth).send({}).expect(200);
  const deadline = Date.now() + 5_000;
  while ((await t.container.services.knowledge.understand(question)).knowledge?.id !== id) {
    if (Date.now() > deadline) throw new Error('the assistant does not answer with the new entry');
    await new Promise((r) => setTimeout(r, 50));
  }
  return id;
}

describe('chat: the holder’s conversation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());
  // Each test starts a fresh minute, so the per-holder send limit never carries over.
  beforeEach(() => t.clock.advance(60_000));

  describe('first visit', () => {
    it('opens with a greeting and the five suggestions, once', async () => {
      const h = await loginHolder(t);
      const res = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(res.body).toMatchObject({ state: 'bot', unread: 1, readCursor: '0', nextCursor: null });
      expect(res.body.items).toHaveLength(1);
      const greeting = res.body.items[0] as Message;
      expect(greeting).toMatchObject({ cursor: '1', from: 'assistant', kind: 'quick_replies', intent: 'greeting' });
      expect(greeting.quickReplies!.map((q) => q.label)).toEqual([
        '我的优待证办到哪了',
        '附近哪里能打折',
        '我想找律师',
        '优待证丢了怎么办',
        '转人工',
      ]);
      expect(greeting.at).toMatch(/\+08:00$/);

      // Visiting again (and reading the stream) finds the same conversation, not a second greeting.
      await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      const page = await t.http.get('/api/v1/chat/messages?after=0').set(h.auth).expect(200);
      expect(page.body.items.map((m: Message) => m.intent)).toEqual(['greeting']);
      expect(await t.container.db.manager.countBy(ChatConversation, { accountId: h.userId })).toBe(1);
      const history = await historyOf(t, h);
      expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
        ['start', null, 'bot', 'holder'],
      ]);
    });

    it('makes one conversation when two first visits race', async () => {
      const h = await loginHolder(t);
      const res = await Promise.all(
        Array.from({ length: 6 }, () => t.http.get('/api/v1/chat/conversation').set(h.auth)),
      );
      expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(res.map((r) => r.body.id)).size).toBe(1);
      const c = await conversationOf(t, h);
      expect(await t.container.db.manager.countBy(ChatMessage, { conversationId: c.id })).toBe(1);
    });

    it('is for holders only, and for logged-in ones', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      await t.http.get('/api/v1/chat/conversation').set(staff.auth).expect(403);
      await t.http.post('/api/v1/chat/messages').set(staff.auth).send({ text: '你好' }).expect(403);
      await t.http.get('/api/v1/chat/conversation').expect(401);
      await t.http.get('/api/v1/chat/messages').expect(401);
    });
  });

  describe('sending', () => {
    it('answers with the holder’s message and the assistant’s, numbered in order, and reads them back', async () => {
      const h = await loginHolder(t);
      const items = await send(t, h, { action: 'card_status' });
      expect(items[0]).toMatchObject({ from: 'holder', kind: 'text', text: '我的优待证办到哪了' });
      expect(items[0]).not.toHaveProperty('intent');
      expect(items[1]).toMatchObject({ from: 'assistant', intent: 'card_status' });
      // The conversation was opened by this message: the greeting came first.
      expect(items.map((m) => m.cursor)).toEqual(['2', '3']);
      expect(items[1].id).toBeGreaterThan(items[0].id);

      const page = await t.http.get('/api/v1/chat/messages?after=1').set(h.auth).expect(200);
      expect(page.body.items.map((m: Message) => m.id)).toEqual(items.map((m) => m.id));
      expect(page.body.nextCursor).toBeNull();
      const conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(conv.body).toMatchObject({ unread: 0, readCursor: '3' });
      expect(conv.body.items).toHaveLength(3);
    });

    it('pages back through older messages and on through newer ones', async () => {
      const h = await loginHolder(t);
      for (let i = 0; i < 3; i++) await send(t, h, { action: 'card_status' });
      // Seven messages: the greeting and three exchanges.
      const last = await t.http.get('/api/v1/chat/conversation?limit=3').set(h.auth).expect(200);
      expect(last.body.items.map((m: Message) => m.cursor)).toEqual(['5', '6', '7']);
      expect(last.body.nextCursor).toBe('5');
      const older = await t.http.get('/api/v1/chat/messages?before=5&limit=3').set(h.auth).expect(200);
      expect(older.body.items.map((m: Message) => m.cursor)).toEqual(['2', '3', '4']);
      expect(older.body.nextCursor).toBe('2');
      const start = await t.http.get('/api/v1/chat/messages?before=2&limit=3').set(h.auth).expect(200);
      expect(start.body).toMatchObject({ items: [{ cursor: '1' }], nextCursor: null });
      const newer = await t.http.get('/api/v1/chat/messages?after=1&limit=4').set(h.auth).expect(200);
      expect(newer.body.items.map((m: Message) => m.cursor)).toEqual(['2', '3', '4', '5']);
      expect(newer.body.nextCursor).toBe('5');
    });

    it('refuses empty, blank, over-long and control-character text with codes of their own', async () => {
      const h = await loginHolder(t);
      const refuse = async (body: unknown, status: number, code: string) => {
        const res = await t.http
          .post('/api/v1/chat/messages')
          .set(h.auth)
          .send(body as object)
          .expect(status);
        expect(res.body.error.code).toBe(code);
      };
      await refuse({ text: '' }, 400, 'MESSAGE_EMPTY');
      await refuse({ text: ' \n\t\u3000 ' }, 400, 'MESSAGE_EMPTY');
      await refuse({ text: '优'.repeat(501) }, 400, 'MESSAGE_TOO_LONG');
      await refuse({ text: '你好\u0007' }, 400, 'MESSAGE_INVALID_CHARACTERS');
      await refuse({ text: '你好\u0000啊' }, 400, 'MESSAGE_INVALID_CHARACTERS');
      await refuse({ text: '\u202e好你' }, 400, 'MESSAGE_INVALID_CHARACTERS');
      await refuse({ text: 'ab\ud800cd' }, 400, 'MESSAGE_INVALID_CHARACTERS');
      await refuse({ action: 'no_such_reply' }, 400, 'UNKNOWN_ACTION');
      await refuse({ action: 'feedback.useful' }, 400, 'UNKNOWN_ACTION');
      await refuse({}, 400, 'VALIDATION_FAILED');
      await refuse({ text: '你好', action: 'card_status' }, 400, 'VALIDATION_FAILED');
      await refuse({ text: 5 }, 400, 'VALIDATION_FAILED');
      await refuse({ text: '附近', location: { lat: 91, lng: 0 } }, 400, 'VALIDATION_FAILED');
      // Nothing was written by any of them.
      expect(await t.container.db.manager.countBy(ChatConversation, { accountId: h.userId })).toBe(0);

      // Characters, not UTF-16 units: 500 emoji fit; a line break and an emoji joiner are fine.
      const emoji = await send(t, h, { text: '👍'.repeat(500) });
      expect(Array.from(emoji[0].text)).toHaveLength(500);
      const lines = await send(t, h, { text: '  第一行\r\n第二行 👨\u200d👩\u200d👧  ' });
      expect(lines[0].text).toBe('第一行\n第二行 👨\u200d👩\u200d👧');
    });

    it(`limits each holder to ${CHAT_MESSAGES_PER_MINUTE} messages a minute`, async () => {
      const h = await loginHolder(t);
      const other = await loginHolder(t);
      for (let i = 0; i < CHAT_MESSAGES_PER_MINUTE; i++) {
        await t.http.post('/api/v1/chat/messages').set(h.auth).send({ action: 'card_status' }).expect(201);
      }
      const refused = await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '还在吗' }).expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another holder is not affected; the next minute the first may write again.
      await t.http.post('/api/v1/chat/messages').set(other.auth).send({ text: '你好' }).expect(201);
      t.clock.advance(60_000);
      await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '还在吗' }).expect(201);
    });
  });

  describe('answers from live data', () => {
    it('card status: none yet, then the application in words with its page, then sent back with a deadline', async () => {
      const bureau = await createBureau(t);
      const h = await readyHolder(t);
      const none = await ask(t, h, { action: 'card_status' });
      expect(none.card!.button).toEqual({ label: '开始申请', page: CHAT_PAGES.cardEligibility });

      const id = await submittedApplication(t, h, bureau.stationId);
      const submitted = await ask(t, h, { action: 'card_status' });
      expect(submitted).toMatchObject({ kind: 'card', intent: 'card_status' });
      expect(submitted.text).toContain('已提交');
      expect(submitted.card!.lines).toContain('下一步：申请已提交，服务站将尽快审核');
      expect(submitted.card!.button).toEqual({ label: '查看申请', page: CHAT_PAGES.application(id) });

      await review(t, bureau.stationReviewer, id, 'request_info', '户口簿页面不清晰，请重新上传').expect(200);
      const sentBack = await ask(t, h, { action: 'card_status' });
      expect(sentBack.text).toContain('待补充');
      expect(sentBack.text).toContain('户口簿页面不清晰');
      expect(sentBack.card!.lines.some((l) => l.startsWith('补充截止：'))).toBe(true);
    });

    it('card show and card lost follow the card: show it, report it lost, then apply for the reissue', async () => {
      const bureau = await createBureau(t);
      const h = await readyHolder(t);
      const noCard = await ask(t, h, { action: 'card_show' });
      expect(noCard.intent).toBe('card_show');
      expect(noCard.card!.button!.page).toBe(CHAT_PAGES.cardEligibility);

      const id = await submittedApplication(t, h, bureau.stationId);
      await issuedCard(t, bureau, id, `YD${String(Date.now()).slice(-8)}`);
      const show = await ask(t, h, { action: 'card_show' });
      expect(show.card!.button).toEqual({ label: '出示电子优待证', page: CHAT_PAGES.card });
      const status = await ask(t, h, { action: 'card_status' });
      expect(status.card!.button!.page).toBe(CHAT_PAGES.card);

      const lost = await ask(t, h, { action: 'card_lost' });
      expect(lost.intent).toBe('card_lost');
      expect(lost.card!.button).toEqual({ label: '去挂失', page: CHAT_PAGES.card });
      await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
      const reissue = await ask(t, h, { action: 'card_lost' });
      expect(reissue.card!.button).toEqual({ label: '申请补领', page: `${CHAT_PAGES.cardApply}?kind=reissue` });
    });

    it('appeals: how to file one, then where the holder’s appeals stand, with the promised day and their page', async () => {
      const bureau = await createBureau(t);
      const h = await readyHolder(t);
      const how = await ask(t, h, { text: '我要反映问题' });
      expect(how).toMatchObject({ kind: 'card', intent: 'appeal_file' });
      expect(how.card!.button).toEqual({ label: '反映诉求', page: `${CHAT_PAGES.appealsNew}?kind=appeal` });
      expect(how.quickReplies!.map((q) => q.page)).toContain(`${CHAT_PAGES.appealsNew}?kind=errand`);

      const none = await ask(t, h, { action: 'appeal_status' });
      expect(none.intent).toBe('appeal_status');
      expect(none.text).toContain('还没有提交过');
      expect(none.card!.lines).toEqual([]);

      const filed = await t.http
        .post('/api/v1/appeals')
        .set(h.auth)
        .send({ kind: 'errand', category: '代取证件', text: '请帮忙代取残疾军人证', stationId: bureau.stationId })
        .expect(201);
      const promised = new Date(t.clock.now().getTime() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
      await t.http
        .post(`/api/v1/staff/appeals/${filed.body.id}/accept`)
        .set(bureau.stationReviewer.auth)
        .send({ promisedDate: promised })
        .expect(200);
      const one = await ask(t, h, { text: '我的代办到哪一步了' });
      expect(one).toMatchObject({ kind: 'card', intent: 'appeal_status' });
      expect(one.text).toContain('1 件');
      expect(one.card!.lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^代办（代取证件）.+提交：已受理，承诺 ${Number(promised.slice(5, 7))}月${Number(promised.slice(8))}日前办结$`,
          ),
        ),
      ]);
      expect(one.card!.button).toEqual({ label: '查看办理进度', page: CHAT_PAGES.appeal(filed.body.id) });
    });

    it('jobs and 军人驿站: none yet, then the newest postings and the free rooms tonight, each with its page', async () => {
      const h = await loginHolder(t);
      const noJobs = await ask(t, h, { text: '我想找份工作' });
      expect(noJobs).toMatchObject({ kind: 'card', intent: 'jobs' });
      expect(noJobs.card!.lines).toEqual([]);
      expect(noJobs.card!.button).toEqual({ label: '打开就业超市', page: CHAT_PAGES.jobs });

      const now = t.clock.now();
      const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const owner = await loginHolder(t);
      await t.container.db.transaction(async (em) => {
        const employer = await em.insert(Employer, {
          ownerAccountId: owner.userId,
          companyName: '拥军安保公司',
          creditCode: '91330100MA27XY1234',
          contactName: '李经理',
          contactPhone: '0571-88880000',
          address: '城关街道',
          licenceFileId: null,
          status: 'approved',
          reason: null,
          reviewedBy: null,
          reviewedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        const base = {
          employerId: Number(employer.identifiers[0].id),
          category: '安保服务',
          district: '城关街道',
          address: '城关街道 1 号',
          headcount: 2,
          requirements: '身体健康',
          veteranPreferenceText: null,
          status: 'published' as const,
          takedownReason: null,
          closedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await em.insert(JobPosting, {
          ...base,
          title: '门岗保安',
          salaryMin: 4000,
          salaryMax: 5000,
          veteranPreferred: true,
          validUntil: today,
        });
        // Past its day: not offered.
        await em.insert(JobPosting, {
          ...base,
          title: '过期岗位',
          salaryMin: 1,
          salaryMax: 2,
          veteranPreferred: false,
          validUntil: '2020-01-01',
        });
      });
      const jobs = await ask(t, h, { action: 'jobs' });
      expect(jobs.card!.lines).toEqual(['门岗保安（拥军安保公司）4000–5000 元/月，退役军人优先']);
      expect(jobs.quickReplies!.map((q) => q.page)).toEqual(
        expect.arrayContaining([CHAT_PAGES.jobFairs, CHAT_PAGES.jobApplications]),
      );

      const noRooms = await ask(t, h, { text: '军人驿站在哪' });
      expect(noRooms).toMatchObject({ intent: 'lodging', text: '本区暂时没有开放的军人驿站。' });
      const { merchantId } = await approvedMerchant(t, { name: '拥军宾馆' });
      const district = await loginStaff(t, ['district_staff']);
      await t.http.post('/api/v1/staff/lodging/hotels').set(district.auth).send({ merchantId }).expect(201);
      const rooms = await ask(t, h, { action: 'lodging' });
      expect(rooms.card!.lines).toEqual([expect.stringMatching(/^拥军宾馆.*：今晚还有 2 间$/)]);
      expect(rooms.card!.button).toEqual({ label: '查看军人驿站', page: CHAT_PAGES.lodging });
    });

    it('nearby: asks for the location, then lists the three nearest offers with distances', async () => {
      const h = await loginHolder(t);
      const ask1 = await ask(t, h, { action: 'nearby_discounts' });
      expect(ask1.kind).toBe('quick_replies');
      expect(ask1.quickReplies).toContainEqual({
        id: 'nearby.location',
        label: '发送我的位置',
        action: 'send_location',
      });

      // Four merchants north of the centre, 0.3 to 1.2 km away, each with an offer.
      const names = ['近一号店', '近二号店', '近三号店', '近四号店'];
      for (const [i, name] of names.entries()) {
        const m = await approvedMerchant(t, { lat: CENTRE.lat + 0.0027 * (i + 1) + 0.2, lng: CENTRE.lng, name });
        await createOffer(t, m.owner, { title: `${name}拥军 9 折` });
      }
      const here = { lat: CENTRE.lat + 0.2, lng: CENTRE.lng };
      const nearby = await ask(t, h, { action: 'nearby.location', location: here });
      expect(nearby).toMatchObject({ kind: 'card', intent: 'nearby_discounts' });
      expect(nearby.card!.lines).toHaveLength(3);
      expect(nearby.card!.lines[0]).toMatch(/^近一号店（300 米）：近一号店拥军 9 折$/);
      expect(nearby.card!.lines[1]).toContain('近二号店（600 米）');
      expect(nearby.card!.lines[2]).toContain('近三号店');
      expect(nearby.card!.button).toEqual({ label: '查看全部商户', page: CHAT_PAGES.merchantList });

      const far = await ask(t, h, { action: 'nearby.location', location: { lat: 45, lng: 90 } });
      expect(far.card!.lines).toEqual([]);
    });

    it('legal aid: the services, the next three free times each opening its booking page, my appointments', async () => {
      const h = await loginHolder(t);
      const services = await ask(t, h, { action: 'legal_services' });
      expect(services.quickReplies!.map((q) => q.id)).toEqual(
        expect.arrayContaining(['legal.consultation', 'legal.legal_aid', 'legal.mediation', 'legal.counselling']),
      );
      const { providerId } = await providerWithSlots(t);
      const times = await ask(t, h, { action: 'legal.consultation' });
      expect(times).toMatchObject({ kind: 'card', intent: 'legal_free_times' });
      expect(times.card!.lines).toHaveLength(3);
      expect(times.card!.button!.page).toBe(`${CHAT_PAGES.legalProviders}?serviceType=consultation`);
      const slots = await openSlots(t, providerId, 0);
      const chips = times.quickReplies!;
      // Three times to book, then 转人工 (under every answer).
      expect(chips).toHaveLength(4);
      expect(chips[3]).toEqual({ id: 'ask_person', label: '转人工', action: 'send' });
      expect(chips[0].page).toContain(`${CHAT_PAGES.legalBook}?slotId=${slots[0].id}&serviceType=consultation`);

      // Counselling is not offered by this provider: no time, the list of providers instead.
      const none = await ask(t, h, { action: 'legal.counselling' });
      expect(none.card!.lines).toEqual([]);

      const empty = await ask(t, h, { action: 'legal_my_appointments' });
      expect(empty.text).toContain('没有待进行');
      await t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slots[0].id)).expect(201);
      const mine = await ask(t, h, { action: 'legal_my_appointments' });
      expect(mine.card!.lines).toHaveLength(1);
      expect(mine.card!.lines[0]).toContain('法律咨询');
      expect(mine.card!.button!.page).toBe(CHAT_PAGES.legalAppointments);
    });

    it('notices: the latest ones, pointing to the 消息 page', async () => {
      const bureau = await createBureau(t);
      const h = await readyHolder(t);
      const none = await ask(t, h, { action: 'notices' });
      expect(none.text).toContain('没有新的通知');
      await submittedApplication(t, h, bureau.stationId);
      const latest = await ask(t, h, { action: 'notices' });
      expect(latest.card!.lines.length).toBeGreaterThan(0);
      expect(latest.card!.button).toEqual({ label: '查看全部消息', page: CHAT_PAGES.timeline });
    });

    it('policy: the knowledge base’s answer with its source, links as chips, and 有用 / 没用', async () => {
      const h = await loginHolder(t);
      const question = '持优待证逛本区公园要门票吗';
      const entryId = await publishedEntry(t, question);
      const answer = await ask(t, h, { text: question });
      expect(answer.source).toEqual({
        entryId,
        document: '本区退役军人优待目录',
        article: '第三条',
        issuer: '区退役军人事务局',
        effectiveDate: '2024-01-01',
      });
      expect(answer.text).toBe('持证人凭「电子优待证」可免费游览本区公园，节假日同样适用。');
      expect(answer.quickReplies).toEqual([
        { id: 'link.1', label: '电子优待证', page: CHAT_PAGES.card },
        { id: 'feedback.useful', label: '有用', action: 'feedback' },
        { id: 'feedback.not_useful', label: '没用', action: 'feedback' },
        { id: 'ask_person', label: '转人工', action: 'send' },
      ]);
      await t.http.post(`/api/v1/chat/messages/${answer.id}/feedback`).set(h.auth).send({ useful: false }).expect(200);
    });

    it('turns links in an answer into chips for real pages only, and the text names the chip', () => {
      const quoted = fromKnowledge({
        id: 3,
        question: '怎么申请',
        answer: '先做[资格自测](/packages/card/pages/eligibility/eligibility)，再看[别处](/pages/nowhere/nowhere)。',
        source: { document: '办事指南', article: null, issuer: null, effectiveDate: null },
      });
      expect(quoted.text).toBe('先做「资格自测」，再看别处。');
      // A link introduced by a colon says where to tap instead of repeating the words before it.
      const introduced = fromKnowledge({
        id: 4,
        question: '怎么自查',
        answer:
          '可以先做一次资格自查：[资格自查](/packages/card/pages/eligibility/eligibility)。' +
          '别处：[别处](/pages/nowhere/nowhere)。',
        source: { document: '办事指南', article: null, issuer: null, effectiveDate: null },
      });
      expect(introduced.text).toBe('可以先做一次资格自查：点下方「资格自查」。别处：别处。');
      expect(quoted.quickReplies).toEqual([
        { id: 'link.1', label: '资格自测', page: CHAT_PAGES.cardEligibility },
        { id: 'feedback.useful', label: '有用', action: 'feedback' },
        { id: 'feedback.not_useful', label: '没用', action: 'feedback' },
      ]);
      expect(quoted.source).toEqual({
        entryId: 3,
        document: '办事指南',
        article: null,
        issuer: null,
        effectiveDate: null,
      });
    });

    it('greets and thanks', async () => {
      const h = await loginHolder(t);
      const hello = await ask(t, h, { text: '你好' });
      expect(hello.intent).toBe('greeting');
      expect(hello.quickReplies).toEqual(SUGGESTIONS);
      const thanks = await ask(t, h, { text: '谢谢你' });
      expect(thanks.intent).toBe('thanks');
    });
  });

  describe('when the assistant cannot help', () => {
    const nonsense = ['量子色动力学里的渐近自由怎么推导', '火星上今天刮不刮沙尘暴'];

    it('says so, offers a person and the station’s phone, records the question; the second time hands over', async () => {
      const bureau = await createBureau(t);
      await t.container.db.transaction((em) =>
        em.update(Station, { id: bureau.stationId }, { phone: '0571-8888-0001' }),
      );
      const h = await readyHolder(t);
      await submittedApplication(t, h, bureau.stationId);
      const recorded = jest.spyOn(t.container.services.knowledge, 'recordUnanswered');
      try {
        const first = await ask(t, h, { text: nonsense[0] });
        expect(first.intent).toBe('unknown');
        expect(first.text).toContain('0571-8888-0001');
        expect(first.quickReplies![0]).toEqual({ id: 'ask_person', label: '转人工', action: 'send' });
        expect(recorded).toHaveBeenCalledWith(expect.anything(), nonsense[0], h.userId);
        expect((await conversationOf(t, h)).status).toBe('bot');

        const second = await ask(t, h, { text: nonsense[1] });
        expect(second.intent).toBe('unknown');
        expect(second.text).toContain('已为您转接人工客服');
        expect(recorded).toHaveBeenCalledTimes(2);
      } finally {
        recorded.mockRestore();
      }
      expect((await conversationOf(t, h)).status).toBe('waiting_staff');
      const handover = (await historyOf(t, h)).at(-1)!;
      expect(handover).toMatchObject({ action: 'hand_over', fromStatus: 'bot', toStatus: 'waiting_staff' });
      expect(handover).toMatchObject({ actorRole: 'system', actorAccountId: null, reason: '助手连续两次未能回答' });
    });

    it('a known answer in between starts the count again', async () => {
      const h = await loginHolder(t);
      await ask(t, h, { text: nonsense[0] });
      await ask(t, h, { action: 'card_status' });
      await ask(t, h, { text: nonsense[1] });
      expect((await conversationOf(t, h)).status).toBe('bot');
    });
  });

  describe('the conversation’s states', () => {
    it('转人工 hands over; while staff have it the assistant is quiet; resolved reopens with the assistant', async () => {
      const h = await loginHolder(t);
      const handed = await ask(t, h, { action: 'ask_person' });
      expect(handed).toMatchObject({ intent: 'ask_person', kind: 'text' });
      expect(handed.text).toContain('已为您转接人工客服');
      let conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(conv.body.state).toBe('waiting_staff');

      // Written while waiting: kept, and not answered.
      const quiet = await send(t, h, { text: '我想问一下补领要多久' });
      expect(quiet).toHaveLength(1);
      expect(quiet[0]).toMatchObject({ from: 'holder', text: '我想问一下补领要多久' });
      expect(await send(t, h, { action: 'ask_person' })).toHaveLength(1);

      await staffResolve(t, h);
      conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(conv.body.state).toBe('resolved');
      const again = await ask(t, h, { action: 'card_status' });
      expect(again.intent).toBe('card_status');
      conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(conv.body.state).toBe('bot');
      const history = await historyOf(t, h);
      expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
        ['start', null, 'bot', 'holder'],
        ['hand_over', 'bot', 'waiting_staff', 'holder'],
        ['claim', 'waiting_staff', 'with_staff', 'staff'],
        ['resolve', 'with_staff', 'resolved', 'staff'],
        ['reopen', 'resolved', 'bot', 'holder'],
      ]);
      expect(history[1].reason).toBe('用户要求转人工');
      // What the holder asked is kept on their message for staff and figures.
      const asked = await t.container.db.manager.findOneByOrFail(ChatMessage, {
        conversationId: history[0].conversationId,
        text: '我想问一下补领要多久',
      });
      expect(asked.answeredByAssistant).toBe(false);
    });
  });

  describe('notices in the stream', () => {
    const notice = (recipient: number, key: string) => ({
      recipient,
      templateKey: 'service_notice' as const,
      data: {
        title: '服务站通知',
        remark: '请带身份证到服务站',
        time: '2027年03月10日 10:00',
        detail: '请于周五前带身份证原件到服务站。',
      },
      page: CHAT_PAGES.timeline,
      idempotencyKey: key,
    });

    it('shows a committed notice once, and nothing of one whose transaction rolled back', async () => {
      const h = await loginHolder(t);
      const notifications = t.container.services.notifications;
      await expect(
        t.container.db.transaction(async (em) => {
          await notifications.notify(em, notice(h.userId, `chat-test:${h.userId}:rolled-back`));
          throw new Error('the causing change failed');
        }),
      ).rejects.toThrow('the causing change failed');
      expect(await t.container.db.manager.countBy(ChatConversation, { accountId: h.userId })).toBe(0);

      const key = `chat-test:${h.userId}:kept`;
      await t.container.db.transaction((em) => notifications.notify(em, notice(h.userId, key)));
      // The same notice again (a retried job, say) is a no-op for the outbox and for the stream.
      await t.container.db.transaction((em) => notifications.notify(em, notice(h.userId, key)));

      const conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(conv.body.unread).toBe(2);
      const items = notePages(conv.body.items) as Message[];
      expect(items.map((m) => [m.from, m.kind])).toEqual([
        ['assistant', 'quick_replies'],
        ['system', 'notice'],
      ]);
      expect(items[1]).toMatchObject({
        text: '请于周五前带身份证原件到服务站。',
        card: { title: '服务站通知', lines: [], button: { label: '查看详情', page: CHAT_PAGES.timeline } },
      });
      expect(items[1]).not.toHaveProperty('intent');
      // The same item is on the 消息 page.
      const timeline = await t.http.get('/api/v1/me/timeline').set(h.auth).expect(200);
      expect(timeline.body.items).toHaveLength(1);

      // Copying the same outbox row again writes nothing either.
      const [row] = await t.container.db.manager.findBy(ChatMessage, { conversationId: conv.body.id, kind: 'notice' });
      await t.container.db.transaction((em) =>
        t.container.services.chat.recordNotice(em, {
          outboxId: row.outboxId!,
          recipient: h.userId,
          templateKey: 'service_notice',
          title: 'x',
          body: 'x',
          page: CHAT_PAGES.timeline,
          at: t.clock.now(),
        }),
      );
      expect(await t.container.db.manager.countBy(ChatMessage, { conversationId: conv.body.id })).toBe(2);
    });

    it('brings a real workflow’s notices into the stream, linking to their page', async () => {
      const bureau = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, bureau.stationId);
      await review(t, bureau.stationReviewer, id, 'approve').expect(200);
      const conv = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      const notices = (notePages(conv.body.items) as Message[]).filter((m) => m.kind === 'notice');
      expect(notices.length).toBeGreaterThanOrEqual(2);
      expect(notices.every((n) => n.card!.button!.page.includes(`id=${id}`))).toBe(true);
      const timeline = await t.http.get('/api/v1/me/timeline').set(h.auth).expect(200);
      expect(notices).toHaveLength(timeline.body.items.length);
    });
  });

  describe('reading', () => {
    it('counts unread messages and marks them read, never backwards and never past the end', async () => {
      const h = await loginHolder(t);
      const first = await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      expect(first.body.unread).toBe(1);
      const read = await t.http.post('/api/v1/chat/read').set(h.auth).send({ cursor: '1' }).expect(200);
      expect(read.body).toEqual({ unread: 0, readCursor: '1' });
      const back = await t.http.post('/api/v1/chat/read').set(h.auth).send({ cursor: '0' }).expect(200);
      expect(back.body.readCursor).toBe('1');
      const ahead = await t.http.post('/api/v1/chat/read').set(h.auth).send({ cursor: '99' }).expect(200);
      expect(ahead.body.readCursor).toBe('1');
      await t.http.post('/api/v1/chat/read').set(h.auth).send({ cursor: 1 }).expect(400);

      await t.container.db.transaction((em) =>
        t.container.services.notifications.notify(em, {
          recipient: h.userId,
          templateKey: 'service_notice',
          data: { title: '提醒', remark: '明天有预约', time: '2027年03月11日 09:00' },
          idempotencyKey: `chat-read:${h.userId}`,
        }),
      );
      expect((await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200)).body.unread).toBe(1);
      // Reading the stream marks what it delivered.
      await t.http.get('/api/v1/chat/messages?after=1').set(h.auth).expect(200);
      expect((await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200)).body.unread).toBe(0);
    });

    it('refuses a wait above 25 seconds, a cursor beyond the end, and after with before', async () => {
      const h = await loginHolder(t);
      await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
      const long = await t.http.get('/api/v1/chat/messages?after=1&wait=26').set(h.auth).expect(400);
      expect(long.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(long.body.error.message).toContain('wait');
      await t.http.get('/api/v1/chat/messages?after=1&wait=-1').set(h.auth).expect(400);
      await t.http.get('/api/v1/chat/messages?after=abc').set(h.auth).expect(400);
      const beyond = await t.http.get('/api/v1/chat/messages?after=5').set(h.auth).expect(400);
      expect(beyond.body.error.message).toContain('after');
      await t.http.get('/api/v1/chat/messages?after=1&before=1').set(h.auth).expect(400);
    });
  });

  describe('feedback', () => {
    it('is recorded once per answer of the assistant, and only for the holder’s own', async () => {
      const h = await loginHolder(t);
      const other = await loginHolder(t);
      const [asked, answer] = await send(t, h, { action: 'card_status' });
      const res = await t.http
        .post(`/api/v1/chat/messages/${answer.id}/feedback`)
        .set(h.auth)
        .send({ useful: true })
        .expect(200);
      expect(res.body).toMatchObject({ id: answer.id, feedback: 'useful' });
      const again = await t.http
        .post(`/api/v1/chat/messages/${answer.id}/feedback`)
        .set(h.auth)
        .send({ useful: false })
        .expect(409);
      expect(again.body.error.code).toBe('FEEDBACK_ALREADY_GIVEN');
      const own = await t.http
        .post(`/api/v1/chat/messages/${asked.id}/feedback`)
        .set(h.auth)
        .send({ useful: true })
        .expect(409);
      expect(own.body.error.code).toBe('FEEDBACK_NOT_ASKED');
      await t.http
        .post(`/api/v1/chat/messages/${answer.id}/feedback`)
        .set(other.auth)
        .send({ useful: true })
        .expect(404);
      await t.http.post('/api/v1/chat/messages/999999/feedback').set(h.auth).send({ useful: true }).expect(404);
      await t.http.post(`/api/v1/chat/messages/${answer.id}/feedback`).set(h.auth).send({}).expect(400);
      const page = await t.http.get('/api/v1/chat/messages?after=0').set(h.auth).expect(200);
      expect(page.body.items.find((m: Message) => m.id === answer.id).feedback).toBe('useful');
    });
  });

  describe('figures', () => {
    it('counts per week: messages, answered by the assistant, 有用, handovers, top intents', async () => {
      // A week of its own (Wednesday 2 June), far from the other tests' messages.
      t.clock.set('2027-06-02T02:00:00Z');
      const district = await loginStaff(t, ['district_staff']);
      const a = await loginHolder(t);
      const b = await loginHolder(t);
      const [, answer] = await send(t, a, { action: 'card_status' });
      await send(t, a, { action: 'card_status' });
      await send(t, a, { action: 'notices' });
      await t.http.post(`/api/v1/chat/messages/${answer.id}/feedback`).set(a.auth).send({ useful: true }).expect(200);
      await send(t, b, { action: 'ask_person' });
      await send(t, b, { text: '在吗' });
      const c = await loginHolder(t);
      await send(t, c, { text: '帮我订一张去北京的火车票' });

      const res = await t.http.get('/api/v1/staff/knowledge/figures?weeks=2').set(district.auth).expect(200);
      expect(res.body.items).toHaveLength(2);
      const [before, week] = res.body.items;
      expect(before).toMatchObject({ weekStart: '2027-05-24', holderMessages: 0, answeredRate: null });
      expect(week).toMatchObject({
        weekStart: '2027-05-31',
        holderMessages: 6,
        answeredByAssistant: 3,
        answeredRate: 0.5,
        notUnderstood: 1,
        useful: 1,
        notUseful: 0,
        usefulRate: 1,
        conversations: 3,
        handovers: 1,
        handoverRate: 0.333,
      });
      expect(week.topIntents[0]).toEqual({ intent: 'card_status', count: 2 });

      const holder = await loginHolder(t);
      await t.http.get('/api/v1/staff/knowledge/figures').set(holder.auth).expect(403);
      await t.http.get('/api/v1/staff/knowledge/figures?weeks=27').set(district.auth).expect(400);
    });
  });

  describe('pages', () => {
    it('lists every holder action as a send or send_location chip', () => {
      for (const [id, a] of Object.entries(HOLDER_ACTIONS)) {
        expect(typeof a.label).toBe('string');
        expect(id).toMatch(/^[a-z_.]+$/);
      }
    });

    it('opens only pages the mini-program declares, with their files', () => {
      const app = JSON.parse(fs.readFileSync(path.join(__dirname, '../miniprogram/app.json'), 'utf8')) as {
        pages: string[];
        subPackages: Array<{ root: string; pages: string[] }>;
      };
      const declared = new Set([
        ...app.pages,
        ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
      ]);
      const seen = [...pagesSeen].map((p) => p.split('?')[0]);
      // The tests above opened cards, the lists, booking and the notices' pages.
      expect(seen.length).toBeGreaterThan(8);
      for (const page of new Set(seen)) {
        expect({ page, declared: declared.has(page) }).toEqual({ page, declared: true });
        expect(fs.existsSync(path.join(__dirname, '../miniprogram', `${page}.ts`))).toBe(true);
      }
    });
  });
});
