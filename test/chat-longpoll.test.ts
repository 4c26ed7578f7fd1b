import type { Principal } from '../server/lib/principal';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { appendMessages, lockConversation } from '../server/modules/chat/chat.stream';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, type Session } from './helpers/factories';

interface Message {
  id: number;
  cursor: string;
  from: string;
  kind: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `n` long polls wait on the instance (the poll under test has read and gone to sleep). */
async function pollsWaiting(t: TestContext, n = 1): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (t.container.services.chat.waitingPolls < n) {
    if (Date.now() > deadline) throw new Error(`no ${n} long polls waiting`);
    await sleep(5);
  }
}

/** Starts a long poll and says when it answered. */
function poll(t: TestContext, s: Session, query: string) {
  const started = Date.now();
  return t.http
    .get(`/api/v1/chat/messages?${query}`)
    .set(s.auth)
    .then((res) => ({ res, at: Date.now(), took: Date.now() - started }));
}

const principalOf = (s: Session): Principal => ({ accountId: s.userId, roles: ['holder'] });

/** The holder's conversation opened (greeting at cursor 1); returns the last cursor. */
async function opened(t: TestContext, s: Session): Promise<number> {
  const res = await t.http.get('/api/v1/chat/conversation').set(s.auth).expect(200);
  return Number(res.body.items.at(-1).cursor);
}

const serviceNotice = (recipient: number, key: string) => ({
  recipient,
  templateKey: 'service_notice' as const,
  data: { title: '预约提醒', remark: '明天上午有法律咨询', time: '2027年03月11日 09:00' },
  idempotencyKey: key,
});

describe('chat: the long poll', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    // The assistant builds its index on first use; build it now, so sends take their usual time.
    await t.container.services.knowledge.understand('你好');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.advance(60_000));

  it('answers at once when something newer exists, and at once with nothing when wait is 0', async () => {
    const h = await loginHolder(t);
    await opened(t, h);
    const now = await poll(t, h, 'after=0&wait=25');
    expect(now.res.status).toBe(200);
    expect(now.res.body.items.map((m: Message) => m.cursor)).toEqual(['1']);
    expect(now.took).toBeLessThan(1_000);
    const none = await poll(t, h, 'after=1&wait=0');
    expect(none.res.body).toEqual({ items: [], nextCursor: null });
    expect(none.took).toBeLessThan(1_000);
  });

  it('ends empty when the wait runs out', async () => {
    const h = await loginHolder(t);
    const after = await opened(t, h);
    const out = await poll(t, h, `after=${after}&wait=1`);
    expect(out.res.body.items).toEqual([]);
    expect(out.took).toBeGreaterThanOrEqual(950);
    expect(out.took).toBeLessThan(3_000);
    expect(t.container.services.chat.waitingPolls).toBe(0);
  });

  it('is woken in process by a message written on this instance, well within 100 ms', async () => {
    const h = await loginHolder(t);
    const after = await opened(t, h);
    const waiting = poll(t, h, `after=${after}&wait=20`);
    await pollsWaiting(t);
    // Past the poll's first read, before its first re-read of the database (1 s in).
    await sleep(150);
    const sent = await t.http.post('/api/v1/chat/messages').set(h.auth).send({ action: 'card_status' }).expect(201);
    const committed = Date.now();
    const { res, at, took } = await waiting;
    expect(res.body.items.map((m: Message) => m.id)).toEqual(sent.body.items.map((m: Message) => m.id));
    // The wake-up comes with the commit: the poll answers within ~100 ms of it (it may even answer
    // before the POST's own response is read), long before its 20 s wait would end.
    expect(at - committed).toBeLessThan(150);
    expect(took).toBeLessThan(10_000);
  });

  it('is woken by a notice only when the notice’s transaction commits, and not by one rolled back', async () => {
    const h = await loginHolder(t);
    const after = await opened(t, h);
    const waiting = poll(t, h, `after=${after}&wait=20`);
    await pollsWaiting(t);
    let committedAt = 0;
    const notices = t.container.services.notifications;
    await t.container.db.transaction(async (em) => {
      await notices.notify(em, serviceNotice(h.userId, `longpoll:${h.userId}:1`));
      // The message exists in this transaction only; a poll woken now would read nothing.
      await sleep(300);
      expect(t.container.services.chat.waitingPolls).toBe(1);
    });
    committedAt = Date.now();
    const { res, at } = await waiting;
    expect(res.body.items.map((m: Message) => m.kind)).toEqual(['notice']);
    expect(at - committedAt).toBeLessThan(150);

    const next = Number(res.body.items[0].cursor);
    const again = poll(t, h, `after=${next}&wait=2`);
    await pollsWaiting(t);
    await expect(
      t.container.db.transaction(async (em) => {
        await notices.notify(em, serviceNotice(h.userId, `longpoll:${h.userId}:2`));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const quiet = await again;
    expect(quiet.res.body.items).toEqual([]);
    expect(quiet.took).toBeGreaterThanOrEqual(1_900);
  });

  it('wakes every poll of the conversation (two devices), and only that conversation’s', async () => {
    const h = await loginHolder(t);
    const other = await loginHolder(t);
    const after = await opened(t, h);
    const otherAfter = await opened(t, other);
    const phone = poll(t, h, `after=${after}&wait=10`);
    const tablet = poll(t, h, `after=${after}&wait=10`);
    const stranger = poll(t, other, `after=${otherAfter}&wait=2`);
    await pollsWaiting(t, 3);
    await t.http.post('/api/v1/chat/messages').set(h.auth).send({ action: 'notices' }).expect(201);
    const committed = Date.now();
    const [a, b, c] = await Promise.all([phone, tablet, stranger]);
    expect(a.res.body.items).toHaveLength(2);
    expect(b.res.body.items).toHaveLength(2);
    expect(a.at - committed).toBeLessThan(150);
    expect(b.at - committed).toBeLessThan(150);
    expect(c.res.body.items).toEqual([]);
    expect(c.took).toBeGreaterThanOrEqual(1_900);
  });

  it('stops waiting when the client goes away', async () => {
    const h = await loginHolder(t);
    const after = await opened(t, h);
    const gone = t.http
      .get(`/api/v1/chat/messages?after=${after}&wait=20`)
      .set(h.auth)
      .timeout(400)
      .then(
        () => 'answered',
        (err: Error) => err.message,
      );
    await pollsWaiting(t);
    expect(await gone).toMatch(/timeout/i);
    const deadline = Date.now() + 2_000;
    while (t.container.services.chat.waitingPolls > 0 && Date.now() < deadline) await sleep(10);
    expect(t.container.services.chat.waitingPolls).toBe(0);
  });

  describe('the cursor', () => {
    it('never shows a later number before an earlier one commits: writers of a conversation take turns', async () => {
      const h = await loginHolder(t);
      const last = await opened(t, h);
      const db = t.container.db;
      const now = t.clock.now();
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((r) => {
        releaseFirst = r;
      });
      let firstWrote!: () => void;
      const firstWroteP = new Promise<void>((r) => {
        firstWrote = r;
      });
      const holder = { accountId: h.userId, role: 'holder' as const };
      const first = db.transaction(async (em) => {
        const { conversation } = await lockConversation(em, h.userId, holder, now);
        const [m] = await appendMessages(em, conversation, [{ sender: 'holder', kind: 'text', text: '一' }], now);
        firstWrote();
        await firstHolds;
        return m.seq;
      });
      await firstWroteP;
      let secondDone = false;
      const second = db
        .transaction(async (em) => {
          const { conversation } = await lockConversation(em, h.userId, holder, now);
          const [m] = await appendMessages(em, conversation, [{ sender: 'holder', kind: 'text', text: '二' }], now);
          return m.seq;
        })
        .then((seq) => {
          secondDone = true;
          return seq;
        });
      await sleep(300);
      // The second writer waits for the first's lock; a reader sees neither yet.
      expect(secondDone).toBe(false);
      const page = await t.container.services.chat.read(principalOf(h), {
        after: last,
        limit: 50,
        waitMs: 0,
        signal: new AbortController().signal,
      });
      expect(page.messages).toEqual([]);
      releaseFirst();
      expect(await first).toBe(last + 1);
      expect(await second).toBe(last + 2);
      const rows = await db.manager.find(ChatMessage, { where: { text: '一' } });
      expect(rows.map((r) => r.seq)).toEqual([last + 1]);
    });

    it('never skips a message while many write at once and a poll keeps reading', async () => {
      const h = await loginHolder(t);
      const chat = t.container.services.chat;
      const notices = t.container.services.notifications;
      let cursor = await opened(t, h);
      const seen: number[] = [];
      let writing = true;
      const reader = (async () => {
        for (;;) {
          const page = await chat.read(principalOf(h), {
            after: cursor,
            limit: 7,
            waitMs: 200,
            signal: new AbortController().signal,
          });
          for (const m of page.messages) seen.push(m.seq);
          if (page.messages.length) cursor = page.messages.at(-1)!.seq;
          else if (!writing) return;
        }
      })();
      const actions = ['card_status', 'notices', 'legal_services', 'card_show', 'card_lost'];
      const writers = [
        ...Array.from({ length: 25 }, (_, i) => chat.send(principalOf(h), { action: actions[i % actions.length] })),
        ...Array.from({ length: 15 }, (_, i) =>
          t.container.db.transaction((em) => notices.notify(em, serviceNotice(h.userId, `flood:${h.userId}:${i}`))),
        ),
      ];
      await Promise.all(writers);
      writing = false;
      await reader;
      const all = await t.container.db.manager.find(ChatMessage, {
        where: { conversationId: (await chat.conversation(principalOf(h), 1)).conversation.id },
        order: { seq: 'ASC' },
      });
      // 1 greeting + 25 × (question and answer) + 15 notices, numbered 1…66 without a gap.
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 66 }, (_, i) => i + 1));
      expect(seen).toEqual(Array.from({ length: 65 }, (_, i) => i + 2));
    });
  });
});

describe('chat: the long poll when the server drains', () => {
  it('ends waiting polls at once with an empty answer, and does not wait for new ones', async () => {
    const drain = new AbortController();
    const t = await createTestContext({ drainSignal: drain.signal });
    try {
      const h = await loginHolder(t);
      const after = await opened(t, h);
      const waiting = poll(t, h, `after=${after}&wait=25`);
      await pollsWaiting(t);
      drain.abort();
      const { res, took } = await waiting;
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
      expect(res.headers.connection).toBe('close');
      expect(took).toBeLessThan(1_500);
      const late = await poll(t, h, `after=${after}&wait=25`);
      expect(late.res.body.items).toEqual([]);
      expect(late.took).toBeLessThan(1_000);
    } finally {
      await t.close();
    }
  });
});
