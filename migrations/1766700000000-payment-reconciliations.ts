import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `payment_reconciliation`: the comparison of one day's WeChat Pay trade bill (Asia/Shanghai) with
 * the orders paid and refunds settled here that day, one row per bill date, replaced by each run;
 * `payment_reconciliation_item`: one row per difference found.
 */
export class PaymentReconciliations1766700000000 implements MigrationInterface {
  name = 'PaymentReconciliations1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'payment_reconciliation',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'bill_date', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'their_rows', type: 'integer', default: 0 },
          { name: 'their_paid_fen', type: 'integer', default: 0 },
          { name: 'their_refund_fen', type: 'integer', default: 0 },
          { name: 'our_rows', type: 'integer', default: 0 },
          { name: 'our_paid_fen', type: 'integer', default: 0 },
          { name: 'our_refund_fen', type: 'integer', default: 0 },
          { name: 'item_count', type: 'integer', default: 0 },
          { name: 'error', type: 'varchar', length: '200', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'run_by', type: 'integer', isNullable: true },
          { name: 'reconciled_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_payment_reconciliation_date', columnNames: ['bill_date'] }],
        indices: [{ name: 'ix_payment_reconciliation_status', columnNames: ['status', 'bill_date'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_reconciliation_item',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'reconciliation_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'out_trade_no', type: 'varchar', length: '32' },
          { name: 'transaction_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'their_fen', type: 'integer', isNullable: true },
          { name: 'our_fen', type: 'integer', isNullable: true },
          { name: 'order_id', type: 'integer', isNullable: true },
          { name: 'out_refund_no', type: 'varchar', length: '64', isNullable: true },
          { name: 'note', type: 'varchar', length: '200' },
        ],
        indices: [
          { name: 'ix_payment_reconciliation_item_day', columnNames: ['reconciliation_id'] },
          { name: 'ix_payment_reconciliation_item_order', columnNames: ['order_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_payment_reconciliation_item_day',
            columnNames: ['reconciliation_id'],
            referencedTableName: 'payment_reconciliation',
            referencedColumnNames: ['id'],
          },
          {
            name: 'fk_payment_reconciliation_item_order',
            columnNames: ['order_id'],
            referencedTableName: 'voucher_order',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('payment_reconciliation_item');
    await q.dropTable('payment_reconciliation');
  }
}
