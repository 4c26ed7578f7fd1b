import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { ConversationActor, ConversationAction, ConversationState } from './chat-conversation.states';

/** One step of a conversation's history: handed over, taken, resolved, reopened (and started). */
@Entity({ name: 'chat_conversation_event' })
export class ChatConversationEvent extends StatusEvent<ConversationState, ConversationActor> {
  @Column({ name: 'conversation_id', type: 'integer' })
  conversationId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: ConversationAction | 'start';
}
