import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/errors';
import { firstInsertedId } from '../../db/inserted-id';
import { upsertStatement } from '../../db/upsert';
import { ChatConversationEvent } from './chat-conversation-event.entity';
import { ChatConversation } from './chat-conversation.entity';
import type { ConversationActor } from './chat-conversation.states';
import { ChatMessage, type MessageKind, type MessageSender } from './chat-message.entity';
import type { MessageChannel, Moderation } from './content-check.rules';
import {
  GREETING,
  kindOf,
  type AnswerSource,
  type MessageCard,
  type QuickReply,
  type ReplyDraft,
} from './chat.replies';

/** A message about to be written; the stream numbers it. */
export interface NewMessage {
  sender: MessageSender;
  kind: MessageKind;
  text: string;
  card?: MessageCard;
  quickReplies?: QuickReply[];
  intent?: string | null;
  answeredByAssistant?: boolean;
  source?: AnswerSource;
  outboxId?: number;
  authorAccountId?: number;
  /** A staff message's author, as shown to the holder. */
  authorName?: string;
  /** Where a holder's message was written (default `app`). */
  channel?: MessageChannel;
  /** The content check's verdict on a holder's text (default `pass`: nothing to check). */
  moderation?: Moderation;
  /** The private file a holder's picture was stored as (WeChat's service chat). */
  fileId?: number;
}

/** The assistant's draft as a message of the stream. */
export const assistantMessage = (draft: ReplyDraft): NewMessage => ({
  sender: 'assistant',
  kind: kindOf(draft),
  text: draft.text,
  card: draft.card,
  quickReplies: draft.quickReplies,
  intent: draft.intent,
  source: draft.source,
});

const isMysql = (em: EntityManager) => em.connection.options.type === 'mysql';

/**
 * Reads the holder's conversation with its row locked until the transaction ends (MySQL; SQLite
 * writes one transaction at a time anyway). The locking read also returns the latest committed
 * row, whatever snapshot the transaction read other tables from.
 */
async function findLocked(em: EntityManager, accountId: number): Promise<ChatConversation | null> {
  const q = em.createQueryBuilder(ChatConversation, 'c').where('c.account_id = :accountId', { accountId });
  if (isMysql(em)) q.setLock('pessimistic_write');
  return q.getOne();
}

/** A conversation row as SQLite's `RETURNING *` gives it, converted as TypeORM would on a read. */
function hydrateConversation(em: EntityManager, raw: Record<string, unknown>): ChatConversation {
  const meta = em.connection.getMetadata(ChatConversation);
  const conversation = new ChatConversation();
  for (const column of meta.columns) {
    column.setEntityValue(conversation, em.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return conversation;
}

/**
 * The statement that opens a conversation or, when it exists, takes its row lock: an INSERT that
 * on the unique account key updates the existing row instead. `reserve` > 0 also counts that many
 * messages about to be written into `last_seq` when the row exists (a made row keeps 0, which is
 * how the caller tells the two apart: an open conversation always holds its greeting). On SQLite
 * the statement returns the row (`RETURNING`); MySQL reads it back with a locking read.
 */
async function openRow(em: EntityManager, accountId: number, now: Date, reserve: number): Promise<ChatConversation> {
  const opened = upsertStatement(
    em,
    ChatConversation,
    {
      accountId,
      status: 'bot',
      lastSeq: 0,
      readSeq: 0,
      unknownStreak: 0,
      currentHandoverId: null,
      agentAccountId: null,
      holderActiveAt: null,
      createdAt: now,
      updatedAt: now,
    },
    ['accountId'],
    reserve > 0
      ? { lastSeq: { sql: 'last_seq + ?', params: [reserve] }, updatedAt: 'inserted' }
      : { accountId: 'inserted' },
  );
  let found: ChatConversation | null;
  if (isMysql(em)) {
    await em.query(opened.sql, opened.params);
    found = await findLocked(em, accountId);
  } else {
    const rows = (await em.query(`${opened.sql} RETURNING *`, opened.params)) as Array<Record<string, unknown>>;
    found = rows[0] ? hydrateConversation(em, rows[0]) : null;
  }
  if (!found) throw new Error('conversation row missing after its upsert');
  return found;
}

/** A conversation's first history row and its greeting, written by whoever made its row. */
async function start(
  em: EntityManager,
  conversation: ChatConversation,
  actor: { accountId: number | null; role: ConversationActor },
  now: Date,
): Promise<void> {
  await em.insert(ChatConversationEvent, {
    conversationId: conversation.id,
    action: 'start',
    fromStatus: null,
    toStatus: 'bot',
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
    createdAt: now,
  });
  await appendMessages(em, conversation, [assistantMessage(GREETING)], now);
}

/**
 * The holder's conversation, locked for the rest of the transaction; made when missing, with its
 * first history row and the greeting, so every conversation opens the same way whoever starts it
 * (the holder's first visit or a notice). The row is inserted or, when it exists, locked in one
 * statement: a locking read of a missing row would take a gap lock on MySQL, and two transactions
 * opening conversations for different holders at once would then deadlock on their inserts. Two
 * first visits of one holder take turns on the row; the first writes the greeting, so a row found
 * with no message yet is this transaction's own. (On MySQL the statement spends an AUTO_INCREMENT
 * value even when the row exists: ids have gaps, and an integer id lasts two billion openings.)
 */
export async function lockConversation(
  em: EntityManager,
  accountId: number,
  actor: { accountId: number | null; role: ConversationActor },
  now: Date,
): Promise<{ conversation: ChatConversation; created: boolean }> {
  const conversation = await openRow(em, accountId, now, 0);
  if (conversation.lastSeq > 0) return { conversation, created: false };
  await start(em, conversation, actor, now);
  return { conversation, created: true };
}

/**
 * Writes one message into a holder's conversation from outside it (a notice, inside the
 * transaction that caused it), opening the conversation when missing as `lockConversation` does.
 * When it is open already, the statement that locks its row also takes the message's sequence
 * number, so the INSERT is all that follows. A duplicate (the message's unique outbox id) gives
 * the number back and throws the driver's error, after which the transaction may go on.
 */
export async function appendToConversation(
  em: EntityManager,
  accountId: number,
  actor: { accountId: number | null; role: ConversationActor },
  message: NewMessage,
  now: Date,
): Promise<{ conversationId: number; message: ChatMessage }> {
  const conversation = await openRow(em, accountId, now, 1);
  if (conversation.lastSeq === 0) {
    await start(em, conversation, actor, now);
    const [written] = await appendMessages(em, conversation, [message], now);
    return { conversationId: conversation.id, message: written };
  }
  try {
    const [written] = await insertMessages(em, conversation.id, conversation.lastSeq - 1, [message], now);
    return { conversationId: conversation.id, message: written };
  } catch (err) {
    if (isUniqueViolation(err)) {
      await em.update(ChatConversation, { id: conversation.id }, { lastSeq: conversation.lastSeq - 1 });
    }
    throw err;
  }
}

/**
 * The holder's conversation locked, in one statement, for the holder's own writes: nearly always
 * it is open already (the home page opens it). On MySQL that is a locking read, which returns null
 * when there is no conversation yet: the caller then ends the transaction, releasing the gap lock
 * the read took before anything is inserted into the gap, and opens it with `lockConversation` in
 * a new one. On SQLite, where gap locks do not exist, it is `lockConversation` itself.
 */
export async function lockOpenConversation(
  em: EntityManager,
  accountId: number,
  actor: { accountId: number | null; role: ConversationActor },
  now: Date,
): Promise<ChatConversation | null> {
  if (isMysql(em)) return findLocked(em, accountId);
  return (await lockConversation(em, accountId, actor, now)).conversation;
}

/** Conversation columns a writer of messages sets in the same UPDATE as the new last sequence number. */
export type AlongWithMessages = Partial<Pick<ChatConversation, 'readSeq' | 'unknownStreak' | 'holderActiveAt'>>;

/**
 * Writes messages at the end of a conversation whose row the transaction holds locked
 * (`lockConversation`): each gets the next sequence number. The lock makes writers of one
 * conversation take turns until they commit, so sequence numbers become visible in order and a
 * poll reading "after n" can never miss a message committed later with a smaller number.
 * One UPDATE moves the conversation on, with whatever else the writer changes on it (`along`).
 */
export async function appendMessages(
  em: EntityManager,
  conversation: ChatConversation,
  messages: NewMessage[],
  now: Date,
  along: AlongWithMessages = {},
): Promise<ChatMessage[]> {
  if (messages.length === 0) return [];
  const written = await insertMessages(em, conversation.id, conversation.lastSeq, messages, now);
  conversation.lastSeq += written.length;
  conversation.updatedAt = now;
  await em.update(
    ChatConversation,
    { id: conversation.id },
    { lastSeq: conversation.lastSeq, updatedAt: now, ...along },
  );
  Object.assign(conversation, along);
  return written;
}

/**
 * The messages as rows numbered on from `afterSeq`, in one INSERT with every column given, so
 * nothing is read back.
 */
async function insertMessages(
  em: EntityManager,
  conversationId: number,
  afterSeq: number,
  messages: NewMessage[],
  now: Date,
): Promise<ChatMessage[]> {
  const rows: Array<Omit<ChatMessage, 'id'>> = messages.map((m, i) => ({
    conversationId,
    seq: afterSeq + i + 1,
    sender: m.sender,
    authorAccountId: m.authorAccountId ?? null,
    authorName: m.authorName ?? null,
    kind: m.kind,
    text: m.text,
    card: m.card ? JSON.stringify(m.card) : null,
    quickReplies: m.quickReplies?.length ? JSON.stringify(m.quickReplies) : null,
    intent: m.intent ?? null,
    answeredByAssistant: m.answeredByAssistant ?? false,
    sourceEntryId: m.source?.entryId ?? null,
    source: m.source ? JSON.stringify(m.source) : null,
    outboxId: m.outboxId ?? null,
    feedback: null,
    feedbackAt: null,
    createdAt: now,
    channel: m.channel ?? 'app',
    moderation: m.moderation ?? 'pass',
    moderationAttempts: 0,
    fileId: m.fileId ?? null,
  }));
  const r = await em.createQueryBuilder().insert().into(ChatMessage).values(rows).updateEntity(false).execute();
  const first = firstInsertedId(r.raw, rows.length);
  return rows.map((row, i) => Object.assign(new ChatMessage(), row, { id: first + i }));
}
