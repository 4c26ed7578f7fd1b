import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A batch's photo package for the bank leaves once: when, and by whom. */
export class BatchExports1764800000000 implements MigrationInterface {
  name = 'BatchExports1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('card_batch', [
      new TableColumn({ name: 'photos_downloaded_at', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'photos_downloaded_by', type: 'integer', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('card_batch', 'photos_downloaded_by');
    await q.dropColumn('card_batch', 'photos_downloaded_at');
  }
}
