import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/errors';
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
 * (the holder's first visit or a notice). Two first visits racing: the unique account key lets one
 * insert win and the other reads the winner's row.
 */
export async function lockConversation(
  em: EntityManager,
  accountId: number,
  actor: { accountId: number | null; role: ConversationActor },
  now: Date,
): Promise<{ conversation: ChatConversation; created: boolean }> {
  const found = await findLocked(em, accountId);
  if (found) return { conversation: found, created: false };
  let id: number;
  try {
    const r = await em.insert(ChatConversation, {
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
    });
    id = Number(r.identifiers[0].id);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await findLocked(em, accountId);
    if (!winner) throw err;
    return { conversation: winner, created: false };
  }
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
  const conversation = await em.findOneByOrFail(ChatConversation, { id });
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
