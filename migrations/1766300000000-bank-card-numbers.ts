import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `card_bank_number`: the card number the bank printed for an application of a batch, recorded
 * from the bank's returned file before the card is handed out (one per application, unique number).
 */
export class BankCardNumbers1766300000000 implements MigrationInterface {
  name = 'BankCardNumbers1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'card_bank_number',
        columns: [
          { name: 'application_id', type: 'integer', isPrimary: true },
          { name: 'batch_id', type: 'integer' },
          { name: 'card_number', type: 'varchar', length: '32' },
          { name: 'recorded_by', type: 'integer' },
          { name: 'recorded_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_card_bank_number_number', columnNames: ['card_number'] }],
        indices: [{ name: 'ix_card_bank_number_batch', columnNames: ['batch_id'] }],
        foreignKeys: [
          {
            name: 'fk_card_bank_number_application',
            columnNames: ['application_id'],
            referencedTableName: 'card_application',
            referencedColumnNames: ['id'],
          },
          {
            name: 'fk_card_bank_number_batch',
            columnNames: ['batch_id'],
            referencedTableName: 'card_batch',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('card_bank_number');
  }
}
