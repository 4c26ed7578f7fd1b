import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The bureau's roster (建档立卡) and the one-person file (一人一档):
 * - `roster_import`: one upload of the roster by staff, with its counts;
 * - `roster_entry`: one person on the roster, the ID number encrypted with a blind index (unique:
 *   a re-import updates the entry), the phone likewise when given, the station and life-cycle stage;
 * - `person_visit`: a visit or call (走访慰问) staff record on an entry.
 */
export class Roster1766900000000 implements MigrationInterface {
  name = 'Roster1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'roster_import',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'imported_by', type: 'integer' },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'accepted', type: 'integer' },
          { name: 'updated', type: 'integer' },
          { name: 'rejected', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_roster_import_by', columnNames: ['imported_by'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'roster_entry',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'id_number_cipher', type: 'varchar', length: '255' },
          { name: 'id_number_hash', type: 'varchar', length: '64' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'station_id', type: 'integer' },
          { name: 'phone_cipher', type: 'varchar', length: '255', isNullable: true },
          { name: 'phone_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'phone_last4', type: 'varchar', length: '4', isNullable: true },
          { name: 'stage', type: 'varchar', length: '16' },
          { name: 'import_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_roster_entry_id_number', columnNames: ['id_number_hash'] }],
        indices: [
          { name: 'ix_roster_entry_station', columnNames: ['station_id', 'id'] },
          { name: 'ix_roster_entry_category', columnNames: ['category'] },
        ],
        foreignKeys: [
          {
            name: 'fk_roster_entry_station',
            columnNames: ['station_id'],
            referencedTableName: 'station',
            referencedColumnNames: ['id'],
          },
          {
            name: 'fk_roster_entry_import',
            columnNames: ['import_id'],
            referencedTableName: 'roster_import',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'person_visit',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'roster_entry_id', type: 'integer' },
          { name: 'staff_account_id', type: 'integer' },
          { name: 'visited_on', type: 'varchar', length: '10' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'note', type: 'varchar', length: '500' },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_person_visit_entry', columnNames: ['roster_entry_id', 'visited_on'] }],
        foreignKeys: [
          {
            name: 'fk_person_visit_entry',
            columnNames: ['roster_entry_id'],
            referencedTableName: 'roster_entry',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('person_visit');
    await q.dropTable('roster_entry');
    await q.dropTable('roster_import');
  }
}
