import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder } from './helpers/factories';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const notice = (recipient: number, key: string) =>
  t.container.db.transaction((tx) =>
    t.container.services.notifications.notify(tx, {
      recipient,
      templateKey: 'service_notice',
      data: { title: '服务通知', remark: '请查看', time: '2027年03月10日 09:30' },
      idempotencyKey: key,
    }),
  );

describe('a conversation opened by a notice', () => {
  it('notices to 30 holders at once, none with a conversation yet, open one each with no deadlock to retry', async () => {
    const holders = await Promise.all(Array.from({ length: 30 }, () => loginHolder(t)));
    const ids = holders.map((h) => h.userId);
    const em = t.container.db.manager;
    for (const id of ids) expect(await em.countBy(ChatConversation, { accountId: id })).toBe(0);
    const retriesBefore = t.container.db.retries;

    await Promise.all(ids.map((id) => notice(id, `open-test:${id}`)));

    // Each transaction ran once: none was chosen as a deadlock victim and run again.
    expect(t.container.db.retries).toBe(retriesBefore);
    for (const id of ids) expect(await em.countBy(ChatConversation, { accountId: id })).toBe(1);
  });

  it('five notices to one new holder at once open one conversation with one greeting and all five notices', async () => {
    const holder = await loginHolder(t);
    await Promise.all([1, 2, 3, 4, 5].map((n) => notice(holder.userId, `open-one:${holder.userId}:${n}`)));
    const em = t.container.db.manager;
    const conversations = await em.findBy(ChatConversation, { accountId: holder.userId });
    expect(conversations).toHaveLength(1);
    const messages = await em.find(ChatMessage, {
      where: { conversationId: conversations[0].id },
      order: { seq: 'ASC' },
    });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(messages.filter((m) => m.sender === 'assistant')).toHaveLength(1);
    expect(messages).toHaveLength(6);
  });
});
