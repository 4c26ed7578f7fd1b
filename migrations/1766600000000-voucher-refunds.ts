import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `voucher_refund`: one refund of a voucher order's unused vouchers, under a 商户退款单号 fixed when
 * it is asked for and reused on every retry (WeChat Pay then answers the refund it has instead of
 * refunding twice); its state as WeChat Pay last reported it, and when to ask again.
 */
export class VoucherRefunds1766600000000 implements MigrationInterface {
  name = 'VoucherRefunds1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'voucher_refund',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'order_id', type: 'integer' },
          { name: 'out_refund_no', type: 'varchar', length: '32' },
          { name: 'voucher_count', type: 'integer' },
          { name: 'amount_fen', type: 'integer' },
          { name: 'reason', type: 'varchar', length: '80' },
          { name: 'requested_by', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'refund_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'datetime' },
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          { name: 'succeeded_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [
          { name: 'uq_voucher_refund_no', columnNames: ['out_refund_no'] },
          { name: 'uq_voucher_refund_order', columnNames: ['order_id'] },
        ],
        indices: [{ name: 'ix_voucher_refund_status_next', columnNames: ['status', 'next_attempt_at'] }],
        foreignKeys: [
          {
            name: 'fk_voucher_refund_order',
            columnNames: ['order_id'],
            referencedTableName: 'voucher_order',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('voucher_refund');
  }
}
