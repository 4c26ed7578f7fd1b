import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Drops `ix_merchant_status` (status, id). With it, MariaDB and SQLite both answered a nearby search
 * by reading every active merchant through it and filtering by place, instead of the location
 * indexes (`ix_merchant_geo`, `ix_merchant_category_geo`) that read only the search's box: at
 * 10,000 merchants the same search took about seven times as long. Staff lists by status read the
 * table in id order without it.
 */
export class MerchantSearchIndex1767300000000 implements MigrationInterface {
  name = 'MerchantSearchIndex1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('merchant', 'ix_merchant_status');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('merchant', new TableIndex({ name: 'ix_merchant_status', columnNames: ['status', 'id'] }));
  }
}
