import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/** 优待证: applications with their history, production batches, cards, and used QR tokens. */
export class Cards1764100000000 implements MigrationInterface {
  name = 'Cards1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'card_batch',
        columns: [
          id,
          { name: 'district_id', type: 'integer' },
          { name: 'created_by', type: 'integer' },
          { name: 'size', type: 'integer' },
          { name: 'exported_at', type: 'datetime', isNullable: true },
          { name: 'arrived_at', type: 'datetime', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'ix_card_batch_district', columnNames: ['district_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_card_batch_district', columnNames: ['district_id'], referencedTableName: 'district', referencedColumnNames: ['id'] },
          { name: 'fk_card_batch_creator', columnNames: ['created_by'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'card',
        columns: [
          id,
          { name: 'person_id', type: 'integer' },
          { name: 'application_id', type: 'integer' },
          { name: 'card_number', type: 'varchar', length: '32' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          /** Set while the card is the person's current one (active or reported lost): one per person. */
          { name: 'current_person_id', type: 'integer', isNullable: true },
          { name: 'handover', type: 'varchar', length: '16' },
          { name: 'issued_at', type: 'datetime' },
          { name: 'issued_by', type: 'integer' },
          { name: 'reported_lost_at', type: 'datetime', isNullable: true },
          { name: 'revoked_at', type: 'datetime', isNullable: true },
          { name: 'revoked_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'replaced_by_card_id', type: 'integer', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_card_number', columnNames: ['card_number'], isUnique: true },
          { name: 'uq_card_current_person', columnNames: ['current_person_id'], isUnique: true },
          { name: 'ix_card_person', columnNames: ['person_id'] },
        ],
        foreignKeys: [
          { name: 'fk_card_person', columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'card_application',
        columns: [
          id,
          { name: 'person_id', type: 'integer' },
          { name: 'applicant_account_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'replaces_card_id', type: 'integer', isNullable: true },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'photo_file_id', type: 'integer' },
          { name: 'document_file_ids', type: 'text' },
          { name: 'station_id', type: 'integer' },
          { name: 'district_id', type: 'integer' },
          { name: 'delivery', type: 'varchar', length: '8' },
          { name: 'address', type: 'varchar', length: '255', isNullable: true },
          { name: 'declarations', type: 'text' },
          { name: 'case_by_case', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '20' },
          /** Set while the application is open: one open application per person. */
          { name: 'open_person_id', type: 'integer', isNullable: true },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'needs_info_deadline', type: 'datetime', isNullable: true },
          { name: 'batch_id', type: 'integer', isNullable: true },
          { name: 'card_id', type: 'integer', isNullable: true },
          { name: 'submitted_at', type: 'datetime', isNullable: true },
          { name: 'approved_at', type: 'datetime', isNullable: true },
          { name: 'ready_at', type: 'datetime', isNullable: true },
          { name: 'issued_at', type: 'datetime', isNullable: true },
          { name: 'status_changed_at', type: 'datetime' },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_card_application_open_person', columnNames: ['open_person_id'], isUnique: true },
          { name: 'ix_card_application_person', columnNames: ['person_id'] },
          { name: 'ix_card_application_queue', columnNames: ['status', 'station_id', 'submitted_at'] },
          { name: 'ix_card_application_district', columnNames: ['district_id', 'status', 'submitted_at'] },
          { name: 'ix_card_application_batch', columnNames: ['batch_id'] },
        ],
        foreignKeys: [
          { name: 'fk_card_application_person', columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { name: 'fk_card_application_applicant', columnNames: ['applicant_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_card_application_photo', columnNames: ['photo_file_id'], referencedTableName: 'stored_file', referencedColumnNames: ['id'] },
          { name: 'fk_card_application_station', columnNames: ['station_id'], referencedTableName: 'station', referencedColumnNames: ['id'] },
          { name: 'fk_card_application_batch', columnNames: ['batch_id'], referencedTableName: 'card_batch', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'card_application_event',
        columns: [
          id,
          { name: 'application_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'from_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '20' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'ix_card_application_event_app', columnNames: ['application_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_card_application_event_app', columnNames: ['application_id'], referencedTableName: 'card_application', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'qr_token_use',
        columns: [
          id,
          { name: 'jti', type: 'varchar', length: '32' },
          { name: 'card_id', type: 'integer' },
          { name: 'expires_at', type: 'datetime' },
          createdAt,
        ],
        indices: [
          { name: 'uq_qr_token_use_jti', columnNames: ['jti'], isUnique: true },
          { name: 'ix_qr_token_use_expires', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['qr_token_use', 'card_application_event', 'card_application', 'card', 'card_batch']) await q.dropTable(table);
  }
}
