import { DEV_CONTENT_MARKERS } from '../server/integrations/wechat/content-security-dev';
import { ChatConversationEvent } from '../server/modules/chat/chat-conversation-event.entity';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import type { Notice, WrittenNotice } from '../server/modules/notifications/notifications.service';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { usingMysql } from './helpers/database';
import { loginHolder, unique, type Session } from './helpers/factories';
import { statementsDuring } from './helpers/statements';

/**
 * What a holder's message to the assistant costs: the write limit and the chat limit (one
 * statement each, three on SQLite with their BEGIN and COMMIT), the holder's openid for the
 * content check, then BEGIN, the conversation locked (one statement), one INSERT of both
 * messages, one UPDATE of the conversation (last and read sequence numbers, the assistant's
 * streak, the holder's presence), COMMIT.
 */
const MESSAGE_BUDGET = usingMysql() ? 8 : 12;

/**
 * What a notice costs inside the transaction that writes it: the outbox row, the conversation
 * locked with the notice's sequence number taken in the same statement (MySQL reads the row back
 * with a locking read), the message; with BEGIN and COMMIT.
 */
const NOTICE_BUDGET = usingMysql() ? 6 : 5;

interface Item {
  id: number;
  cursor: string;
  from: string;
  kind: string;
  text: string;
}

const conversationOf = (t: TestContext, s: Session) =>
  t.container.db.manager.findOneByOrFail(ChatConversation, { accountId: s.userId });

const messagesOf = (t: TestContext, conversationId: number) =>
  t.container.db.manager.find(ChatMessage, { where: { conversationId }, order: { seq: 'ASC' } });

const statusNotice = (recipient: number, idempotencyKey = unique('speed-chat')): Notice => ({
  recipient,
  templateKey: 'application_status',
  data: {
    subject: '优待证申请',
    status: '已通过',
    time: '2026年11月23日 10:00',
    remark: '请携带身份证原件到服务站领取',
  },
  idempotencyKey,
});

/** Reads that follow an insert or update of the stream: none are needed, every column is known. */
const readsBack = (statements: string[]) =>
  statements.filter((q) => /^SELECT/i.test(q.trim()) && /FROM [`"](chat_message|outbox_message)[`"]/.test(q));

describe('speed: a message to the assistant', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it(`costs at most ${MESSAGE_BUDGET} statements, and still writes both messages, the read cursor and the presence`, async () => {
    const h = await loginHolder(t);
    await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    // Warm: the knowledge index is built on the first message an instance answers. A second
    // later (before the periodic checks of the index and the session fall due), the presence
    // written is the message's own.
    await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '你好' }).expect(201);
    t.clock.advance(1_000);

    let res: { body: { items: Item[] } } | undefined;
    const statements = await statementsDuring(t.container.db, async () => {
      res = await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '怎么申请优待证' }).expect(201);
    });
    expect(statements.length).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(readsBack(statements)).toEqual([]);

    const items = res!.body.items;
    expect(items.map((m) => m.from)).toEqual(['holder', 'assistant']);
    const conversation = await conversationOf(t, h);
    const rows = (await messagesOf(t, conversation.id)).slice(-2);
    // The ids sent back are the rows' own, numbered on in order after the greeting and the first exchange.
    expect(items.map((m) => m.id)).toEqual(rows.map((r) => r.id));
    expect(rows.map((r) => r.seq)).toEqual([4, 5]);
    expect(items.map((m) => m.cursor)).toEqual(['4', '5']);
    expect(rows[0]).toMatchObject({
      sender: 'holder',
      text: '怎么申请优待证',
      intent: 'card_apply',
      moderation: 'pass',
    });
    expect(rows[0].answeredByAssistant).toBe(true);
    expect(rows[1]).toMatchObject({ sender: 'assistant', intent: 'card_apply' });
    expect(conversation).toMatchObject({ lastSeq: 5, readSeq: 5, unknownStreak: 0, status: 'bot' });
    expect(conversation.holderActiveAt?.getTime()).toBe(t.clock.now().getTime());
  });

  it('keeps the assistant’s count of questions it could not answer, and hands over on the second', async () => {
    const h = await loginHolder(t);
    const first = await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '量子纠缠的原理' }).expect(201);
    expect(first.body.items[1].intent).toBe('unknown');
    expect(await conversationOf(t, h)).toMatchObject({ unknownStreak: 1, status: 'bot' });
    await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '黑洞蒸发的速度' }).expect(201);
    const conversation = await conversationOf(t, h);
    expect(conversation).toMatchObject({ unknownStreak: 0, status: 'waiting_staff' });
    const history = await t.container.db.manager.findBy(ChatConversationEvent, { conversationId: conversation.id });
    expect(history.map((e) => e.action)).toEqual(['start', 'hand_over']);
  });

  it('notes the presence of a holder whose message is refused, and writes nothing', async () => {
    const h = await loginHolder(t);
    await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    const before = await conversationOf(t, h);
    t.clock.advance(10 * 60_000);
    const res = await t.http
      .post('/api/v1/chat/messages')
      .set(h.auth)
      .send({ text: `${DEV_CONTENT_MARKERS.risky}怎么办` })
      .expect(400);
    expect(res.body.error.code).toBe('MESSAGE_REFUSED');
    const after = await conversationOf(t, h);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.holderActiveAt?.getTime()).toBe(t.clock.now().getTime());
  });

  it('opens the conversation of a holder whose first request is a message, greeting first', async () => {
    const h = await loginHolder(t);
    const res = await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '怎么申请优待证' }).expect(201);
    const conversation = await conversationOf(t, h);
    const rows = await messagesOf(t, conversation.id);
    expect(rows.map((r) => [r.seq, r.sender])).toEqual([
      [1, 'assistant'],
      [2, 'holder'],
      [3, 'assistant'],
    ]);
    expect(res.body.items.map((m: Item) => m.id)).toEqual([rows[1].id, rows[2].id]);
    const history = await t.container.db.manager.findBy(ChatConversationEvent, { conversationId: conversation.id });
    expect(history.map((e) => e.action)).toEqual(['start']);
    expect(conversation).toMatchObject({ lastSeq: 3, readSeq: 3 });
    expect(conversation.holderActiveAt?.getTime()).toBe(t.clock.now().getTime());
  });

  it('gives two messages sent at once distinct sequence numbers, each answer right after its question', async () => {
    const h = await loginHolder(t);
    await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    const sent = await Promise.all(
      ['怎么申请优待证', '优待证丢了怎么办'].map((text) =>
        t.http.post('/api/v1/chat/messages').set(h.auth).send({ text }).expect(201),
      ),
    );
    const seqs = sent.map((r) => r.body.items.map((m: Item) => Number(m.cursor)));
    for (const [asked, answered] of seqs) expect(answered).toBe(asked + 1);
    expect(seqs.flat().sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    const conversation = await conversationOf(t, h);
    expect((await messagesOf(t, conversation.id)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(conversation).toMatchObject({ lastSeq: 5, readSeq: 5 });
  });
});

describe('speed: a notice posted into the conversation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const notify = (notice: Notice) =>
    t.container.db.transaction((em) => t.container.services.notifications.notify(em, notice));

  it(`costs at most ${NOTICE_BUDGET} statements, and still writes the outbox row and the message once`, async () => {
    const h = await loginHolder(t);
    await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    const notice = statusNotice(h.userId);

    let queued: boolean | undefined;
    const statements = await statementsDuring(t.container.db, async () => {
      queued = await notify(notice);
    });
    expect(queued).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(NOTICE_BUDGET);
    expect(readsBack(statements)).toEqual([]);

    const [row] = await t.container.db.manager.findBy(OutboxMessage, { idempotencyKey: notice.idempotencyKey });
    expect(row).toMatchObject({
      recipientAccountId: h.userId,
      status: 'pending',
      attempts: 0,
      title: '优待证申请：已通过',
    });
    const conversation = await conversationOf(t, h);
    const rows = await messagesOf(t, conversation.id);
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [1, 'quick_replies'],
      [2, 'notice'],
    ]);
    expect(rows[1]).toMatchObject({ sender: 'system', outboxId: row.id });
    expect(conversation.lastSeq).toBe(2);
    // Unread until the holder reads it.
    expect(conversation.readSeq).toBe(0);

    // The same key again: a no-op, in a transaction that goes on.
    const again = await t.container.db.transaction(async (em) => {
      const repeat = await t.container.services.notifications.notify(em, notice);
      const other = await t.container.services.notifications.notify(em, statusNotice(h.userId));
      return [repeat, other];
    });
    expect(again).toEqual([false, true]);
    expect(await t.container.db.manager.countBy(OutboxMessage, { idempotencyKey: notice.idempotencyKey })).toBe(1);
    expect(await t.container.db.manager.countBy(ChatMessage, { outboxId: row.id })).toBe(1);
    expect((await messagesOf(t, conversation.id)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await conversationOf(t, h)).lastSeq).toBe(3);
  });

  it('opens the conversation of a holder who has none, greeting and history first', async () => {
    const h = await loginHolder(t);
    expect(await notify(statusNotice(h.userId))).toBe(true);
    const conversation = await conversationOf(t, h);
    const rows = await messagesOf(t, conversation.id);
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [1, 'quick_replies'],
      [2, 'notice'],
    ]);
    expect(conversation).toMatchObject({ lastSeq: 2, readSeq: 0, status: 'bot' });
    const history = await t.container.db.manager.findBy(ChatConversationEvent, { conversationId: conversation.id });
    expect(history.map((e) => [e.action, e.actorRole])).toEqual([['start', 'system']]);
  });

  it('shows an outbox id once, giving back the number a second copy took, and the transaction goes on', async () => {
    const h = await loginHolder(t);
    await t.http.get('/api/v1/chat/conversation').set(h.auth).expect(200);
    const written: WrittenNotice = {
      outboxId: 900_000 + Math.floor(Math.random() * 90_000),
      recipient: h.userId,
      templateKey: 'service_notice',
      title: '服务通知',
      body: '本周六服务站照常开放',
      page: 'pages/index/index',
      at: t.clock.now(),
    };
    const chat = t.container.services.chat;
    await t.container.db.transaction((em) => chat.recordNotice(em, written));
    const afterFirst = await conversationOf(t, h);
    const committed = await t.container.db.transaction(async (em) => {
      await chat.recordNotice(em, written);
      await em.update(ChatConversation, { id: afterFirst.id }, { unknownStreak: 1 });
      return true;
    });
    expect(committed).toBe(true);
    const conversation = await conversationOf(t, h);
    expect(conversation).toMatchObject({ lastSeq: afterFirst.lastSeq, unknownStreak: 1 });
    expect(await t.container.db.manager.countBy(ChatMessage, { outboxId: written.outboxId })).toBe(1);
    expect((await messagesOf(t, conversation.id)).map((r) => r.seq)).toEqual([1, 2]);
  });
});
