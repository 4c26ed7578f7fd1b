import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A note staff leave on a conversation for each other. Kept out of `chat_message` on purpose: no
 * read of the holder's stream can ever return one.
 */
@Entity({ name: 'chat_internal_note' })
export class ChatInternalNote {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'integer' })
  conversationId!: number;

  @Column({ name: 'author_account_id', type: 'integer' })
  authorAccountId!: number;

  @Column({ name: 'author_name', type: 'varchar', length: 64 })
  authorName!: string;

  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
