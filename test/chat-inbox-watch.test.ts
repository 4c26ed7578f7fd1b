import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../server/app';
import { createContainer, type Container } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import { createLogger } from '../server/lib/logger';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { createBureau, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, type Session } from './helpers/factories';

const CHANGES = '/api/v1/staff/conversations/changes';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const send = async (http: TestAgent, s: Session, body: object) =>
  (await http.post('/api/v1/chat/messages').set(s.auth).send(body).expect(201)).body.items;

/** Resolves once `n` inbox polls wait on the instance (read their mark and went to sleep). */
async function watching(c: Container, n = 1): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (c.services.inbox.watchingPolls < n) {
    if (Date.now() > deadline) throw new Error(`no ${n} inbox polls waiting`);
    await sleep(5);
  }
}

/** The staff member's inbox cursor now. */
async function cursorOf(http: TestAgent, s: Session): Promise<string> {
  const res = await http.get(CHANGES).set(s.auth).expect(200);
  expect(res.body.changed).toBe(true);
  return res.body.cursor;
}

/** Starts an inbox long poll and says when it answered. */
function watch(http: TestAgent, s: Session, since: string, wait: number) {
  const started = Date.now();
  return http
    .get(CHANGES)
    .query({ since, wait })
    .set(s.auth)
    .then((res) => ({ res, at: Date.now(), took: Date.now() - started }));
}

/** A second instance of the server on the first one's database: its own pool, waiter and caches. */
async function secondInstance(t: TestContext) {
  const db = await openDatabase(t.config.database, t.config.dbLimits);
  const container = await createContainer(t.config, { clock: t.clock, logger: createLogger('error', () => {}), db });
  return { http: request(buildApp(container).callback()), container, close: () => db.close() };
}

describe('staff inbox: the long poll', () => {
  let t: TestContext;
  let bureau: Awaited<ReturnType<typeof createBureau>>;
  let colleague: Session;
  beforeAll(async () => {
    t = await createTestContext();
    bureau = await createBureau(t);
    colleague = await loginStaff(t, ['station_staff'], { stationId: bureau.stationId });
    await t.container.services.knowledge.understand('你好');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.advance(60_000));

  /** A holder of the bureau's station with an application, not yet handed over. */
  async function stationHolder() {
    const h = await readyHolder(t);
    await submittedApplication(t, h, bureau.stationId);
    return h;
  }
  const conversationOf = async (h: Session) =>
    (await t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: h.userId })).id;

  it('gives the cursor at once without `since`, and answers unchanged when the wait runs out', async () => {
    const staff = bureau.stationReviewer;
    const cursor = await cursorOf(t.http, staff);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const out = await watch(t.http, staff, cursor, 1);
    expect(out.res.status).toBe(200);
    expect(out.res.body).toEqual({ cursor, changed: false });
    expect(out.took).toBeGreaterThanOrEqual(950);
    expect(out.took).toBeLessThan(3_000);
    expect(t.container.services.inbox.watchingPolls).toBe(0);
    // wait=0 answers at once.
    const now = await watch(t.http, staff, cursor, 0);
    expect(now.res.body).toEqual({ cursor, changed: false });
    expect(now.took).toBeLessThan(1_000);
  });

  it('wakes at once when a holder is handed over, and when they write while waiting', async () => {
    const staff = bureau.stationReviewer;
    const h = await stationHolder();
    await send(t.http, h, { action: 'card_status' });
    const before = await cursorOf(t.http, staff);
    const waiting = watch(t.http, staff, before, 20);
    await watching(t.container);
    // Past the poll's first read, before its first re-read of the database (1 s in).
    await sleep(150);
    await send(t.http, h, { action: 'ask_person' });
    const handedOver = Date.now();
    const first = await waiting;
    expect(first.res.body.changed).toBe(true);
    expect(first.res.body.cursor).not.toBe(before);
    expect(first.at - handedOver).toBeLessThan(250);
    const id = await conversationOf(h);
    const list = await t.http.get('/api/v1/staff/conversations?state=waiting_staff').set(staff.auth).expect(200);
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(id);

    const next = watch(t.http, staff, first.res.body.cursor, 20);
    await watching(t.container);
    await sleep(150);
    await send(t.http, h, { text: '请问还要等多久' });
    const wrote = Date.now();
    const second = await next;
    expect(second.res.body.changed).toBe(true);
    expect(second.at - wrote).toBeLessThan(250);
  });

  it('wakes a colleague when someone else claims, and then not for messages in the other’s conversation', async () => {
    const h = await stationHolder();
    await send(t.http, h, { action: 'ask_person' });
    const id = await conversationOf(h);
    const before = await cursorOf(t.http, colleague);
    const waiting = watch(t.http, colleague, before, 20);
    await watching(t.container);
    await sleep(150);
    await t.http.post(`/api/v1/staff/conversations/${id}/claim`).set(bureau.stationReviewer.auth).expect(200);
    const claimed = Date.now();
    const woke = await waiting;
    expect(woke.res.body.changed).toBe(true);
    expect(woke.at - claimed).toBeLessThan(250);

    // The claimer's own poll moves with the holder's messages; the colleague's does not.
    const mine = await cursorOf(t.http, bureau.stationReviewer);
    const theirs = woke.res.body.cursor;
    const claimerWaits = watch(t.http, bureau.stationReviewer, mine, 5);
    const colleagueWaits = watch(t.http, colleague, theirs, 2);
    await watching(t.container, 2);
    await send(t.http, h, { text: '你好，我的申请到哪一步了' });
    expect((await claimerWaits).res.body.changed).toBe(true);
    const quiet = await colleagueWaits;
    expect(quiet.res.body).toEqual({ cursor: theirs, changed: false });
    expect(quiet.took).toBeGreaterThanOrEqual(1_900);
  });

  it('does not wake staff who cannot see the conversation', async () => {
    const other = bureau.otherStationReviewer;
    const cursor = await cursorOf(t.http, other);
    const waiting = watch(t.http, other, cursor, 2);
    await watching(t.container);
    const h = await stationHolder();
    await send(t.http, h, { action: 'ask_person' });
    const out = await waiting;
    expect(out.res.body).toEqual({ cursor, changed: false });
    expect(out.took).toBeGreaterThanOrEqual(1_900);
  });

  it('refuses holders, other roles, anonymous callers and a malformed cursor or wait', async () => {
    const holder = await loginHolder(t);
    await t.http.get(CHANGES).set(holder.auth).expect(403);
    const lawyer = await loginStaff(t, ['lawyer']);
    await t.http.get(CHANGES).set(lawyer.auth).expect(403);
    await t.http.get(CHANGES).expect(401);
    const staff = bureau.stationReviewer.auth;
    for (const query of [{ wait: 26 }, { wait: -1 }, { since: 'a b' }, { since: 'x'.repeat(65) }]) {
      const res = await t.http.get(CHANGES).query(query).set(staff).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('staff inbox: the long poll across instances', () => {
  let a: TestContext;
  let b: Awaited<ReturnType<typeof secondInstance>>;
  let bureau: Awaited<ReturnType<typeof createBureau>>;
  beforeAll(async () => {
    a = await createTestContext();
    b = await secondInstance(a);
    bureau = await createBureau(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('sees a handover made on the other instance within 2 s, by its re-read of the database', async () => {
    const staff = bureau.stationReviewer;
    const h = await readyHolder(a);
    await submittedApplication(a, h, bureau.stationId);
    const before = await cursorOf(b.http, staff);
    const started = Date.now();
    const waiting = watch(b.http, staff, before, 20);
    await watching(b.container);
    await send(a.http, h, { action: 'ask_person' });
    const committed = Date.now();
    const out = await waiting;
    expect(out.res.body.changed).toBe(true);
    expect(out.at - committed).toBeLessThan(2_000);
    expect(out.at - started).toBeLessThan(5_000);
  });
});
