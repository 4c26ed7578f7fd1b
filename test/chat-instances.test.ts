import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../server/app';
import { createContainer, type Container } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import { createLogger } from '../server/lib/logger';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, type Session } from './helpers/factories';

interface Message {
  id: number;
  cursor: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A second instance of the server on the first one's database: its own pool, waiter and caches. */
async function secondInstance(
  t: TestContext,
): Promise<{ http: TestAgent; container: Container; close(): Promise<void> }> {
  const db = await openDatabase(t.config.database, t.config.dbLimits);
  const container = await createContainer(t.config, { clock: t.clock, logger: createLogger('error', () => {}), db });
  return { http: request(buildApp(container).callback()), container, close: () => db.close() };
}

async function pollsWaiting(c: Container): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (c.services.chat.waitingPolls < 1) {
    if (Date.now() > deadline) throw new Error('no long poll waiting');
    await sleep(5);
  }
}

/**
 * Two instances behind a load balancer without sticky sessions: a holder's long poll lands on one,
 * their message (or a notice) is written on the other.
 */
describe('chat: long polls across instances', () => {
  let a: TestContext;
  let b: Awaited<ReturnType<typeof secondInstance>>;
  beforeAll(async () => {
    a = await createTestContext();
    b = await secondInstance(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  async function openOn(s: Session): Promise<number> {
    const res = await b.http.get('/api/v1/chat/conversation').set(s.auth).expect(200);
    return Number(res.body.items.at(-1).cursor);
  }

  it('delivers a message written on the other instance within 2 s', async () => {
    const h = await loginHolder(a);
    const after = await openOn(h);
    const started = Date.now();
    const waiting = b.http.get(`/api/v1/chat/messages?after=${after}&wait=20`).set(h.auth);
    const answered = waiting.then((res) => ({ res, at: Date.now() }));
    await pollsWaiting(b.container);
    const sent = await a.http.post('/api/v1/chat/messages').set(h.auth).send({ action: 'card_status' }).expect(201);
    const committed = Date.now();
    const { res, at } = await answered;
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: Message) => m.id)).toEqual(sent.body.items.map((m: Message) => m.id));
    expect(at - committed).toBeLessThan(2_000);
    // Found by B's re-read of the database (nothing was written on B to wake it), long before the wait ends.
    expect(at - started).toBeLessThan(5_000);
  });

  it('delivers a notice written on the other instance within 2 s, and reads back the same stream on both', async () => {
    const h = await loginHolder(a);
    const after = await openOn(h);
    const answered = b.http
      .get(`/api/v1/chat/messages?after=${after}&wait=20`)
      .set(h.auth)
      .then((res) => ({ res, at: Date.now() }));
    await pollsWaiting(b.container);
    await a.container.db.transaction((em) =>
      a.container.services.notifications.notify(em, {
        recipient: h.userId,
        templateKey: 'service_notice',
        data: { title: '办证提醒', remark: '优待证已制成', time: '2027年03月10日 10:00' },
        idempotencyKey: `instances:${h.userId}`,
      }),
    );
    const committed = Date.now();
    const { res, at } = await answered;
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ from: 'system', kind: 'notice' });
    expect(at - committed).toBeLessThan(2_000);

    const onA = await a.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    const onB = await b.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    expect(onA.body.items).toEqual(onB.body.items);
    expect(onA.body.unread).toBe(0);
  });

  it('numbers messages written on both instances at once without a gap or a repeat', async () => {
    const h = await loginHolder(a);
    await openOn(h);
    const writes = Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? a.http : b.http).post('/api/v1/chat/messages').set(h.auth).send({ action: 'card_status' }),
    );
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const page = await a.http.get('/api/v1/chat/messages?after=0&limit=100').set(h.auth).expect(200);
    expect(page.body.items.map((m: Message) => Number(m.cursor))).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });
});
