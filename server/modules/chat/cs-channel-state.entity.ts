import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One holder's side of WeChat's customer-service chat: the window WeChat keeps for replies
 * (5 messages within 48 hours of the holder's last message), and the page the holder last came
 * from (`session-from` of the contact button).
 */
@Entity({ name: 'chat_channel_state' })
export class ChatChannelState {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  /** When the holder last wrote in the service chat (as received): the window runs from it. */
  @Column({ name: 'last_holder_message_at', type: 'datetime', nullable: true })
  lastHolderMessageAt!: Date | null;

  /** Replies WeChat accepted since that message. */
  @Column({ name: 'replies_in_window', type: 'integer', default: 0 })
  repliesInWindow!: number;

  /** The contact button's `session-from`: which page the holder opened the service chat from. */
  @Column({ name: 'session_from', type: 'varchar', length: 128, nullable: true })
  sessionFrom!: string | null;

  @Column({ name: 'session_from_at', type: 'datetime', nullable: true })
  sessionFromAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
