import type { EntityManager } from 'typeorm';
import { upsert } from '../../db/upsert';
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
  await upsert(
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
    { accountId: 'inserted' },
  );
  const found = await findLocked(em, accountId);
  if (!found) throw new Error('conversation row missing after its upsert');
  if (found.lastSeq > 0) return { conversation: found, created: false };
  const id = found.id;
  await em.insert(ChatConversationEvent, {
    conversationId: id,
    action: 'start',
    fromStatus: null,
    toStatus: 'bot',
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
    createdAt: now,
  });
  const conversation = found;
  await appendMessages(em, conversation, [assistantMessage(GREETING)], now);
  return { conversation, created: true };
}

/**
 * Writes messages at the end of a conversation whose row the transaction holds locked
 * (`lockConversation`): each gets the next sequence number. The lock makes writers of one
 * conversation take turns until they commit, so sequence numbers become visible in order and a
 * poll reading "after n" can never miss a message committed later with a smaller number.
 */
export async function appendMessages(
  em: EntityManager,
  conversation: ChatConversation,
  messages: NewMessage[],
  now: Date,
): Promise<ChatMessage[]> {
  const written: ChatMessage[] = [];
  for (const m of messages) {
    const row: Omit<ChatMessage, 'id'> = {
      conversationId: conversation.id,
      seq: conversation.lastSeq + written.length + 1,
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
    };
    const r = await em.insert(ChatMessage, row);
    written.push(Object.assign(new ChatMessage(), row, { id: Number(r.identifiers[0].id) }));
  }
  if (written.length === 0) return written;
  conversation.lastSeq += written.length;
  conversation.updatedAt = now;
  await em.update(ChatConversation, { id: conversation.id }, { lastSeq: conversation.lastSeq, updatedAt: now });
  return written;
}
