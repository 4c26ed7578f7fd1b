import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A voucher offer's stock: `stock_total` how many the merchant sells (null: not limited) and
 * `stock_taken` how many are held by orders (reserved when ordered, given back when an unpaid order
 * closes or a voucher is refunded). The guarded `stock_taken + n <= stock_total` update is what keeps
 * concurrent buyers from overselling.
 */
export class VoucherStock1766400000000 implements MigrationInterface {
  name = 'VoucherStock1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('merchant_offer', new TableColumn({ name: 'stock_total', type: 'integer', isNullable: true }));
    await q.addColumn('merchant_offer', new TableColumn({ name: 'stock_taken', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('merchant_offer', 'stock_taken');
    await q.dropColumn('merchant_offer', 'stock_total');
  }
}
