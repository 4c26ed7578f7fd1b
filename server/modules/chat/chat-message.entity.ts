import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageChannel, Moderation } from './content-check.rules';

export const MESSAGE_SENDERS = ['holder', 'assistant', 'staff', 'system'] as const;
export type MessageSender = (typeof MESSAGE_SENDERS)[number];

export const MESSAGE_KINDS = ['text', 'card', 'quick_replies', 'notice'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type Feedback = 'useful' | 'not_useful';

/** One message of a conversation. Rich parts (card, quick replies, source) are JSON text. */
@Entity({ name: 'chat_message' })
export class ChatMessage {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'integer' })
  conversationId!: number;

  /** Position in the conversation (1, 2, …), the cursor clients poll after. */
  @Column({ name: 'seq', type: 'integer' })
  seq!: number;

  @Column({ name: 'sender', type: 'varchar', length: 16 })
  sender!: MessageSender;

  /** The staff member who wrote it (handover); null for everyone else. */
  @Column({ name: 'author_account_id', type: 'integer', nullable: true })
  authorAccountId!: number | null;

  /** A staff message's author as the holder saw them named when it was written. */
  @Column({ name: 'author_name', type: 'varchar', length: 64, nullable: true })
  authorName!: string | null;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: MessageKind;

  @Column({ name: 'text', type: 'text' })
  text!: string;

  /** `{ title, lines, button? }` as JSON. */
  @Column({ name: 'card', type: 'text', nullable: true })
  card!: string | null;

  /** `[{ id, label, page? | action? }]` as JSON. */
  @Column({ name: 'quick_replies', type: 'text', nullable: true })
  quickReplies!: string | null;

  /**
   * The intent the assistant read: on a holder's message, what they asked (figures, handover
   * context); on the assistant's, why it answered so.
   */
  @Column({ name: 'intent', type: 'varchar', length: 32, nullable: true })
  intent!: string | null;

  /** On a holder's message: the assistant answered it itself (not "I don't know", not handed over). */
  @Column({ name: 'answered_by_assistant', type: 'boolean', default: false })
  answeredByAssistant!: boolean;

  /** The knowledge-base entry an answer came from. */
  @Column({ name: 'source_entry_id', type: 'integer', nullable: true })
  sourceEntryId!: number | null;

  /** The entry's source as it stood when the answer was given (document, article, issuer, date), as JSON. */
  @Column({ name: 'source', type: 'text', nullable: true })
  source!: string | null;

  /** The notice this message shows; unique, so a notice appears once whatever retries happen. */
  @Column({ name: 'outbox_id', type: 'integer', nullable: true })
  outboxId!: number | null;

  @Column({ name: 'feedback', type: 'varchar', length: 16, nullable: true })
  feedback!: Feedback | null;

  @Column({ name: 'feedback_at', type: 'datetime', nullable: true })
  feedbackAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** Where the holder wrote it: the mini-program (`app`, also every other sender's) or WeChat's service chat. */
  @Column({ name: 'channel', type: 'varchar', length: 16, default: 'app' })
  channel!: MessageChannel;

  /** The content check's verdict on a holder's free text; staff see only `visibleToStaff` ones. */
  @Column({ name: 'moderation', type: 'varchar', length: 16, default: 'pass' })
  moderation!: Moderation;

  /** Re-checks made of an `unchecked` message. */
  @Column({ name: 'moderation_attempts', type: 'integer', default: 0 })
  moderationAttempts!: number;

  /** A holder's picture from WeChat's service chat, kept as a private file (read through `file_use`). */
  @Column({ name: 'file_id', type: 'integer', nullable: true })
  fileId!: number | null;
}
