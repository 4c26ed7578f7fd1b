import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * Appeals and errands (诉求 / 代办): `appeal` with its handling (handler, promised day, outcome or
 * reason, the one reopening, the rating) and a per-holder daily limit settled by a unique key
 * (`<account>:<day>:<n>`); `appeal_event`, its history; `appeal_file`, the holder's attachments.
 * Indexed for a station's queue (by status and promised day) and for the holder's own list.
 */
export class Appeals1766800000000 implements MigrationInterface {
  name = 'Appeals1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'appeal',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'person_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'text', type: 'varchar', length: '1000' },
          { name: 'contact_time', type: 'varchar', length: '16', isNullable: true },
          { name: 'station_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'handler_account_id', type: 'integer', isNullable: true },
          { name: 'promised_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '1000', isNullable: true },
          { name: 'reject_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'reopened_count', type: 'integer', default: 0 },
          { name: 'rating', type: 'integer', isNullable: true },
          { name: 'rating_comment', type: 'varchar', length: '500', isNullable: true },
          { name: 'limit_key', type: 'varchar', length: '48', isNullable: true },
          { name: 'accepted_at', type: 'datetime', isNullable: true },
          { name: 'resolved_at', type: 'datetime', isNullable: true },
          { name: 'rated_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_appeal_limit_key', columnNames: ['limit_key'] }],
        indices: [
          { name: 'ix_appeal_station_status_promised', columnNames: ['station_id', 'status', 'promised_date'] },
          { name: 'ix_appeal_status_promised', columnNames: ['status', 'promised_date'] },
          { name: 'ix_appeal_account', columnNames: ['account_id', 'id'] },
          { name: 'ix_appeal_handler', columnNames: ['handler_account_id', 'status'] },
        ],
        foreignKeys: [
          { name: 'fk_appeal_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_appeal_person', columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { name: 'fk_appeal_station', columnNames: ['station_id'], referencedTableName: 'station', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'appeal_event',
        columns: [
          id,
          { name: 'appeal_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_appeal_event_appeal', columnNames: ['appeal_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_appeal_event_appeal',
            columnNames: ['appeal_id'],
            referencedTableName: 'appeal',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'appeal_file',
        columns: [
          id,
          { name: 'appeal_id', type: 'integer' },
          { name: 'file_id', type: 'integer' },
          { name: 'position', type: 'integer' },
        ],
        uniques: [{ name: 'uq_appeal_file', columnNames: ['appeal_id', 'file_id'] }],
        foreignKeys: [
          {
            name: 'fk_appeal_file_appeal',
            columnNames: ['appeal_id'],
            referencedTableName: 'appeal',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          { name: 'fk_appeal_file_file', columnNames: ['file_id'], referencedTableName: 'stored_file', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('appeal_file');
    await q.dropTable('appeal_event');
    await q.dropTable('appeal');
  }
}
