import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConversationState } from './chat-conversation.states';

/** One holder's conversation with the service, carried on across visits (one per account). */
@Entity({ name: 'chat_conversation' })
export class ChatConversation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The holder's account; unique: one conversation each. */
  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ConversationState;

  /**
   * The last sequence number given to a message. Raised under the row's lock in the transaction
   * that writes the messages, so sequence numbers commit in order and a reader never skips one.
   */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  /** The holder has seen every message up to this sequence number. */
  @Column({ name: 'read_seq', type: 'integer', default: 0 })
  readSeq!: number;

  /** Questions the assistant could not answer in a row; the second hands the conversation over. */
  @Column({ name: 'unknown_streak', type: 'integer', default: 0 })
  unknownStreak!: number;

  /** The handover under way or last ended (`chat_handover`); null before the first. */
  @Column({ name: 'current_handover_id', type: 'integer', nullable: true })
  currentHandoverId!: number | null;

  /** The staff member who has the conversation while `with_staff`. */
  @Column({ name: 'agent_account_id', type: 'integer', nullable: true })
  agentAccountId!: number | null;

  /** The holder's last request on a chat endpoint: staff replies reach someone away by subscribe message too. */
  @Column({ name: 'holder_active_at', type: 'datetime', nullable: true })
  holderActiveAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
