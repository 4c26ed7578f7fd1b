import { isoTime } from '../../lib/time';
import type { IntentKey } from './assistant/intents';
import type { ChatConversation } from './chat-conversation.entity';
import type { ChatMessage } from './chat-message.entity';
import type { AnswerSource, MessageCard, QuickReply } from './chat.replies';
import type { ConversationView, MessagePage } from './chat.service';

const parsed = <T>(json: string | null): T | undefined => (json ? (JSON.parse(json) as T) : undefined);

/**
 * A message as the mini-program, the console and outside checks read it. The assistant's messages
 * say why they answered so (`intent`) and, from the knowledge base, where the answer comes from.
 */
export function presentMessage(m: ChatMessage) {
  const fromAssistant = m.sender === 'assistant';
  return {
    id: m.id,
    cursor: String(m.seq),
    from: m.sender,
    kind: m.kind,
    text: m.text,
    card: parsed<MessageCard>(m.card),
    quickReplies: parsed<QuickReply[]>(m.quickReplies),
    intent: fromAssistant && m.intent ? (m.intent as IntentKey) : undefined,
    source: fromAssistant ? parsed<AnswerSource>(m.source) : undefined,
    feedback: m.feedback ?? undefined,
    staffName: m.sender === 'staff' ? (m.authorName ?? '工作人员') : undefined,
    // Only the holder's own pictures: the conversation is theirs, and the file too.
    fileId: m.sender === 'holder' ? (m.fileId ?? undefined) : undefined,
    at: isoTime(m.createdAt),
  };
}

/** A page read forwards (`after`): go on after the last one. Backwards: go on before the first. */
export function presentPage(page: MessagePage, direction: 'newer' | 'older') {
  const edge = direction === 'newer' ? page.messages.at(-1) : page.messages[0];
  return {
    items: page.messages.map(presentMessage),
    nextCursor: page.more && edge ? String(edge.seq) : null,
  };
}

export function presentConversation(v: ConversationView) {
  return {
    id: v.conversation.id,
    state: v.conversation.status,
    unread: v.unread,
    readCursor: String(v.conversation.readSeq),
    ...presentPage(v.page, 'older'),
    queue: v.handover?.queue
      ? {
          position: v.handover.queue.position,
          expectedWaitMinutes: v.handover.queue.expectedWaitMinutes,
          staffBackAt: v.handover.queue.staffBackAt ? isoTime(v.handover.queue.staffBackAt) : null,
        }
      : null,
    agent: v.handover?.agent ?? null,
    rating: v.handover?.rating ?? null,
  };
}

export const presentRead = (v: { conversation: ChatConversation; unread: number }) => ({
  unread: v.unread,
  readCursor: String(v.conversation.readSeq),
});
