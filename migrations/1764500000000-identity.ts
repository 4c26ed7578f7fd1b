import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/** Applications that a service station has approved at least once: their identity was reviewed. */
const STATION_APPROVED = `EXISTS (SELECT 1 FROM card_application_event e WHERE e.application_id = card_application.id AND e.action = 'station_approve')`;

/**
 * Identity that stays what was reviewed:
 * 1. applications keep a snapshot of the identity the station approved, cards the name they were
 *    issued to; rows already past station approval are filled from the person, and those people
 *    are marked verified;
 * 2. change requests to a verified identity, with their history;
 * 3. the person's plaintext birth date, gender and last four of the ID number go: with them only the
 *    region code of the number was unknown. They are read from the decrypted number instead.
 */
export class Identity1764500000000 implements MigrationInterface {
  name = 'Identity1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('card_application', [
      new TableColumn({ name: 'snapshot_name', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'snapshot_id_number_cipher', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'snapshot_category', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'identity_verified_at', type: 'datetime', isNullable: true }),
    ]);
    await q.addColumn('card', new TableColumn({ name: 'holder_name', type: 'varchar', length: '64', isNullable: true }));

    // Ciphertext is copied as it is: the snapshot uses the person's column context.
    await q.query(
      `UPDATE card_application SET
         snapshot_name = (SELECT p.name FROM person p WHERE p.id = card_application.person_id),
         snapshot_id_number_cipher = (SELECT p.id_number_cipher FROM person p WHERE p.id = card_application.person_id),
         snapshot_category = (SELECT p.category FROM person p WHERE p.id = card_application.person_id),
         identity_verified_at = COALESCE(
           (SELECT MAX(e.created_at) FROM card_application_event e WHERE e.application_id = card_application.id AND e.action = 'station_approve'),
           updated_at)
       WHERE snapshot_name IS NULL AND ${STATION_APPROVED}`,
    );
    await q.query(`UPDATE person SET verified = 1 WHERE id IN (SELECT a.person_id FROM card_application a WHERE a.snapshot_name IS NOT NULL)`);
    await q.query(
      `UPDATE card SET holder_name = COALESCE(
         (SELECT a.snapshot_name FROM card_application a WHERE a.id = card.application_id),
         (SELECT p.name FROM person p WHERE p.id = card.person_id))
       WHERE holder_name IS NULL`,
    );

    await q.createTable(
      new Table({
        name: 'identity_change_request',
        columns: [
          id,
          { name: 'person_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          /** Set while the request is open: one open request per person. */
          { name: 'open_person_id', type: 'integer', isNullable: true },
          { name: 'station_id', type: 'integer', isNullable: true },
          { name: 'district_id', type: 'integer', isNullable: true },
          { name: 'new_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'new_category', type: 'varchar', length: '32', isNullable: true },
          { name: 'new_id_number_cipher', type: 'varchar', length: '255', isNullable: true },
          { name: 'new_id_number_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'new_phone_cipher', type: 'varchar', length: '255', isNullable: true },
          { name: 'previous_name', type: 'varchar', length: '64' },
          { name: 'previous_category', type: 'varchar', length: '32' },
          { name: 'previous_id_number_cipher', type: 'varchar', length: '255' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'document_file_ids', type: 'text' },
          { name: 'decision_reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'decided_by', type: 'integer', isNullable: true },
          { name: 'decided_at', type: 'datetime', isNullable: true },
          { name: 'status_changed_at', type: 'datetime' },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_identity_change_open_person', columnNames: ['open_person_id'], isUnique: true },
          { name: 'ix_identity_change_person', columnNames: ['person_id', 'id'] },
          { name: 'ix_identity_change_station', columnNames: ['station_id', 'status', 'id'] },
          { name: 'ix_identity_change_district', columnNames: ['district_id', 'status', 'id'] },
        ],
        foreignKeys: [
          { name: 'fk_identity_change_person', columnNames: ['person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { name: 'fk_identity_change_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_identity_change_station', columnNames: ['station_id'], referencedTableName: 'station', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'identity_change_event',
        columns: [
          id,
          { name: 'request_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'ix_identity_change_event_request', columnNames: ['request_id', 'id'] }],
        foreignKeys: [
          { name: 'fk_identity_change_event_request', columnNames: ['request_id'], referencedTableName: 'identity_change_request', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    // On SQLite this rebuilds the table (rows, indexes and the foreign key to account are carried
    // over; the tables referring to person keep referring to it by name).
    await q.dropColumns('person', ['birth_date', 'gender', 'id_number_last4']);
  }

  /** Puts the columns back empty: their values were only ever derivable with the encryption key. */
  async down(q: QueryRunner): Promise<void> {
    await q.addColumns('person', [
      new TableColumn({ name: 'id_number_last4', type: 'varchar', length: '4', default: "''" }),
      new TableColumn({ name: 'birth_date', type: 'varchar', length: '10', default: "''" }),
      new TableColumn({ name: 'gender', type: 'varchar', length: '1', default: "''" }),
    ]);
    await q.dropTable('identity_change_event');
    await q.dropTable('identity_change_request');
    await q.dropColumn('card', 'holder_name');
    await q.dropColumns('card_application', ['snapshot_name', 'snapshot_id_number_cipher', 'snapshot_category', 'identity_verified_at']);
  }
}
