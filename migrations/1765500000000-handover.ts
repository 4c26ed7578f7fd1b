import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/**
 * A person when the assistant is not enough: each handover of a conversation to staff (its queue
 * place, who took it, first reply, outcome and the holder's rating), staff's internal notes, the
 * stations' business hours, and canned replies. The conversation points at its current handover
 * and its agent; a staff message keeps the name the holder saw.
 */
export class Handover1765500000000 implements MigrationInterface {
  name = 'Handover1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chat_handover',
        columns: [
          id,
          { name: 'conversation_id', type: 'integer' },
          { name: 'holder_account_id', type: 'integer' },
          // Null: the holder has no application yet and waits in the district queue.
          { name: 'station_id', type: 'integer', isNullable: true },
          { name: 'district_id', type: 'integer', isNullable: true },
          { name: 'trigger', type: 'varchar', length: '16' },
          { name: 'handed_over_at', type: 'datetime' },
          // Ordering of the queue: the handover, or the moment an agent gave it back.
          { name: 'waiting_since', type: 'datetime' },
          { name: 'claimed_at', type: 'datetime', isNullable: true },
          { name: 'first_response_at', type: 'datetime', isNullable: true },
          { name: 'agent_account_id', type: 'integer', isNullable: true },
          { name: 'resolved_at', type: 'datetime', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '200', isNullable: true },
          { name: 'rating_asked_at', type: 'datetime', isNullable: true },
          { name: 'rating', type: 'integer', isNullable: true },
          { name: 'rating_comment', type: 'varchar', length: '500', isNullable: true },
          { name: 'rated_at', type: 'datetime', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'ix_chat_handover_conversation', columnNames: ['conversation_id', 'id'] },
          { name: 'ix_chat_handover_station', columnNames: ['station_id', 'handed_over_at'] },
          { name: 'ix_chat_handover_time', columnNames: ['handed_over_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_chat_handover_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'chat_conversation',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.addColumns('chat_conversation', [
      new TableColumn({ name: 'current_handover_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'agent_account_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'holder_active_at', type: 'datetime', isNullable: true }),
    ]);
    await q.createIndex(
      'chat_conversation',
      new TableIndex({ name: 'ix_chat_conversation_agent', columnNames: ['agent_account_id', 'status'] }),
    );
    await q.addColumn('chat_message', new TableColumn({ name: 'author_name', type: 'varchar', length: '64', isNullable: true }));

    await q.createTable(
      new Table({
        name: 'chat_internal_note',
        columns: [
          id,
          { name: 'conversation_id', type: 'integer' },
          { name: 'author_account_id', type: 'integer' },
          { name: 'author_name', type: 'varchar', length: '64' },
          { name: 'text', type: 'text' },
          createdAt,
        ],
        indices: [{ name: 'ix_chat_internal_note_conversation', columnNames: ['conversation_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_chat_internal_note_conversation',
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
        name: 'station_business_hours',
        columns: [
          id,
          { name: 'station_id', type: 'integer' },
          // JSON: seven entries, Monday first, each a list of { start, end } spans in Asia/Shanghai.
          { name: 'weekly', type: 'text' },
          { name: 'holidays', type: 'text' },
          { name: 'extra_workdays', type: 'text' },
          { name: 'updated_by', type: 'integer', isNullable: true },
          updatedAt,
        ],
        indices: [{ name: 'uq_station_business_hours_station', columnNames: ['station_id'], isUnique: true }],
        foreignKeys: [
          {
            name: 'fk_station_business_hours_station',
            columnNames: ['station_id'],
            referencedTableName: 'station',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'chat_canned_reply',
        columns: [
          id,
          { name: 'district_id', type: 'integer' },
          // Null: for every station of the district.
          { name: 'station_id', type: 'integer', isNullable: true },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'text', type: 'text' },
          { name: 'created_by', type: 'integer' },
          createdAt,
          updatedAt,
        ],
        indices: [{ name: 'ix_chat_canned_reply_place', columnNames: ['district_id', 'station_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('chat_canned_reply');
    await q.dropTable('station_business_hours');
    await q.dropTable('chat_internal_note');
    await q.dropColumn('chat_message', 'author_name');
    await q.dropIndex('chat_conversation', 'ix_chat_conversation_agent');
    await q.dropColumns('chat_conversation', ['current_handover_id', 'agent_account_id', 'holder_active_at']);
    await q.dropTable('chat_handover');
  }
}
