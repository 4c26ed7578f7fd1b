import { In } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { ChatConversation } from './chat-conversation.entity';
import { ChatMessage } from './chat-message.entity';
import { ChatChannelState } from './cs-channel-state.entity';
import { ChatChannelPush } from './cs-push.entity';
import { ChatChannelReply } from './cs-reply.entity';
import { ChatHandover } from './inbox/chat-handover.entity';
import { ChatInternalNote } from './inbox/chat-internal-note.entity';
import { KnowledgeUnansweredAsker } from './knowledge/knowledge-unanswered-asker.entity';

/**
 * Conversations, counted. Deleting empties every message of the holder's conversations (theirs,
 * the assistant's and staff's, which quote them) and staff's notes on them, a rating's comment,
 * the WeChat service-chat state and queued pushes, and the holder's place among askers of an
 * unanswered question; the rows stay for the desk's figures.
 */
export const chatPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const count = await em.count(ChatConversation, { where: { accountId } });
    const written = await em
      .createQueryBuilder(ChatMessage, 'm')
      .innerJoin(ChatConversation, 'c', 'c.id = m.conversation_id')
      .where('c.account_id = :accountId AND m.sender = :holder', { accountId, holder: 'holder' })
      .getCount();
    return { conversations: { count, messagesWritten: written } };
  },
  async erase(em, { accountId }) {
    const conversations = await em.find(ChatConversation, { where: { accountId }, select: { id: true } });
    const ids = conversations.map((c) => c.id);
    if (ids.length) {
      await em.update(
        ChatMessage,
        { conversationId: In(ids) },
        { text: '', card: null, quickReplies: null, source: null, fileId: null, authorName: null },
      );
      await em.update(ChatInternalNote, { conversationId: In(ids) }, { text: '' });
    }
    await em.update(ChatHandover, { holderAccountId: accountId }, { ratingComment: null });
    await em.delete(ChatChannelPush, { accountId });
    await em.delete(ChatChannelReply, { accountId });
    await em.delete(ChatChannelState, { accountId });
    await em.delete(KnowledgeUnansweredAsker, { accountId });
    return undefined;
  },
});
