import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/**
 * The conversation on the holder's home page: one conversation per account with its state and
 * history, and its messages, numbered per conversation (`seq`) in commit order.
 */
export class Chat1765200000000 implements MigrationInterface {
  name = 'Chat1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chat_conversation',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'last_seq', type: 'integer', default: 0 },
          { name: 'read_seq', type: 'integer', default: 0 },
          { name: 'unknown_streak', type: 'integer', default: 0 },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_chat_conversation_account', columnNames: ['account_id'], isUnique: true },
          { name: 'ix_chat_conversation_status', columnNames: ['status', 'updated_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_chat_conversation_account',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'chat_conversation_event',
        columns: [
          id,
          { name: 'conversation_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'ix_chat_conversation_event_subject', columnNames: ['conversation_id', 'id'] },
          { name: 'ix_chat_conversation_event_time', columnNames: ['action', 'created_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_chat_conversation_event_subject',
            columnNames: ['conversation_id'],
            referencedTableName: 'chat_conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'chat_message',
        columns: [
          id,
          { name: 'conversation_id', type: 'integer' },
          { name: 'seq', type: 'integer' },
          { name: 'sender', type: 'varchar', length: '16' },
          { name: 'author_account_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'text', type: 'text' },
          { name: 'card', type: 'text', isNullable: true },
          { name: 'quick_replies', type: 'text', isNullable: true },
          { name: 'intent', type: 'varchar', length: '32', isNullable: true },
          { name: 'answered_by_assistant', type: 'boolean', default: false },
          { name: 'source_entry_id', type: 'integer', isNullable: true },
          { name: 'source', type: 'text', isNullable: true },
          // No foreign key: the message outlives the outbox row it was made from.
          { name: 'outbox_id', type: 'integer', isNullable: true },
          { name: 'feedback', type: 'varchar', length: '16', isNullable: true },
          { name: 'feedback_at', type: 'datetime', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'uq_chat_message_seq', columnNames: ['conversation_id', 'seq'], isUnique: true },
          // NULLs do not collide on either database: only notices carry an outbox id.
          { name: 'uq_chat_message_outbox', columnNames: ['outbox_id'], isUnique: true },
          { name: 'ix_chat_message_figures', columnNames: ['sender', 'created_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_chat_message_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'chat_conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('chat_message');
    await q.dropTable('chat_conversation_event');
    await q.dropTable('chat_conversation');
  }
}
