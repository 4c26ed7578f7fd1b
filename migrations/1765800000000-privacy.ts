import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Separate consent to the processing of sensitive personal information (ID number, veteran
 * status, photos, documents): one row per agreement or withdrawal, with the version of the text
 * the holder read and the items it listed. Rows are only ever inserted, so the history stays as
 * it happened; they name the account and nothing else about the person.
 */
export class Privacy1765800000000 implements MigrationInterface {
  name = 'Privacy1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'consent_record',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'account_id', type: 'integer' },
          { name: 'version', type: 'varchar', length: '16' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'items', type: 'text' },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_consent_record_account', columnNames: ['account_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_consent_record_account',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            // Accounts are anonymised, never deleted; were one deleted, its consent rows go with it.
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('consent_record');
  }
}
