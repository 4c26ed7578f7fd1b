import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/**
 * WeChat's customer-service chat (客服消息) and content security:
 * - `chat_channel_push`: every verified push, stored before WeChat is answered and processed after;
 *   unique on its dedupe key, so WeChat's retries of one push are stored once.
 * - `chat_channel_state`: per holder, the service chat's window (last message, replies since) and
 *   the page the holder came from.
 * - `chat_channel_reply`: the outbox of replies sent back through the service chat.
 * - `chat_message`: where a message was written (`channel`) and the content check's verdict
 *   (`moderation`, with the attempts of the re-check). Existing messages passed no check: they were
 *   written before it existed and staff have already seen them, so they are `pass`.
 */
export class CustomerService1765600000000 implements MigrationInterface {
  name = 'CustomerService1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chat_channel_push',
        columns: [
          id,
          { name: 'dedupe_key', type: 'varchar', length: '191' },
          { name: 'kind', type: 'varchar', length: '32' },
          // The verified message JSON as WeChat sent it (MsgId as written, never through a JS number).
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'account_id', type: 'integer', isNullable: true },
          { name: 'message_id', type: 'integer', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'claim_token', type: 'varchar', length: '36', isNullable: true },
          { name: 'claimed_until', type: 'datetime', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          { name: 'received_at', type: 'datetime' },
          { name: 'processed_at', type: 'datetime', isNullable: true },
        ],
        indices: [
          { name: 'uq_chat_channel_push_dedupe', columnNames: ['dedupe_key'], isUnique: true },
          { name: 'ix_chat_channel_push_due', columnNames: ['status', 'id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'chat_channel_state',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'last_holder_message_at', type: 'datetime', isNullable: true },
          { name: 'replies_in_window', type: 'integer', default: 0 },
          { name: 'session_from', type: 'varchar', length: '128', isNullable: true },
          { name: 'session_from_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [{ name: 'uq_chat_channel_state_account', columnNames: ['account_id'], isUnique: true }],
        foreignKeys: [
          {
            name: 'fk_chat_channel_state_account',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'chat_channel_reply',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          // No foreign key: a refusal reply has no message, and the row outlives nothing it points to.
          { name: 'message_id', type: 'integer', isNullable: true },
          { name: 'idempotency_key', type: 'varchar', length: '128' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'text', type: 'text', isNullable: true },
          { name: 'page_title', type: 'varchar', length: '64', isNullable: true },
          { name: 'page_path', type: 'varchar', length: '255', isNullable: true },
          { name: 'fall_back', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'datetime' },
          { name: 'claim_token', type: 'varchar', length: '36', isNullable: true },
          { name: 'claimed_until', type: 'datetime', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          { name: 'sent_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_chat_channel_reply_key', columnNames: ['idempotency_key'], isUnique: true },
          { name: 'ix_chat_channel_reply_due', columnNames: ['status', 'next_attempt_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_chat_channel_reply_account',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );

    await q.addColumns('chat_message', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '16', default: "'app'" }),
      new TableColumn({ name: 'moderation', type: 'varchar', length: '16', default: "'pass'" }),
      new TableColumn({ name: 'moderation_attempts', type: 'integer', default: 0 }),
    ]);
    // The re-check job looks for unchecked messages; staff lists filter on the verdict.
    await q.createIndex(
      'chat_message',
      new TableIndex({ name: 'ix_chat_message_moderation', columnNames: ['moderation', 'id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('chat_message', 'ix_chat_message_moderation');
    await q.dropColumn('chat_message', 'moderation_attempts');
    await q.dropColumn('chat_message', 'moderation');
    await q.dropColumn('chat_message', 'channel');
    await q.dropTable('chat_channel_reply');
    await q.dropTable('chat_channel_state');
    await q.dropTable('chat_channel_push');
  }
}
