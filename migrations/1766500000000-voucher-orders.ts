import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const history = (name: string, subject: string) =>
  new Table({
    name,
    columns: [
      { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      { name: subject, type: 'integer' },
      { name: 'action', type: 'varchar', length: '16' },
      { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
      { name: 'to_status', type: 'varchar', length: '16' },
      { name: 'actor_account_id', type: 'integer', isNullable: true },
      { name: 'actor_role', type: 'varchar', length: '16' },
      { name: 'reason', type: 'varchar', length: '500', isNullable: true },
      { name: 'created_at', type: 'datetime' },
    ],
    indices: [{ name: `ix_${name}_subject`, columnNames: [subject] }],
  });

/**
 * Vouchers bought with WeChat Pay: `voucher_order` (one purchase, its amounts in fen as sold, its
 * status and WeChat's transaction), its history, `voucher` (each voucher of a paid order, used once),
 * and `voucher_purchase_count` (the guarded per-person, per-day counter behind an offer's limit).
 */
export class VoucherOrders1766500000000 implements MigrationInterface {
  name = 'VoucherOrders1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'voucher_order',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'out_trade_no', type: 'varchar', length: '32' },
          { name: 'account_id', type: 'integer' },
          { name: 'person_id', type: 'integer' },
          { name: 'merchant_id', type: 'integer' },
          { name: 'offer_id', type: 'integer' },
          { name: 'title', type: 'varchar', length: '128' },
          { name: 'quantity', type: 'integer' },
          { name: 'unit_price_fen', type: 'integer' },
          { name: 'face_value_fen', type: 'integer' },
          { name: 'amount_fen', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'pay_by', type: 'datetime' },
          { name: 'payment_params', type: 'text', isNullable: true },
          { name: 'transaction_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'paid_at', type: 'datetime', isNullable: true },
          { name: 'valid_to', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_voucher_order_out_trade_no', columnNames: ['out_trade_no'] }],
        indices: [
          { name: 'ix_voucher_order_account', columnNames: ['account_id', 'id'] },
          { name: 'ix_voucher_order_status_pay_by', columnNames: ['status', 'pay_by'] },
          { name: 'ix_voucher_order_merchant', columnNames: ['merchant_id', 'id'] },
        ],
      }),
    );
    await q.createTable(history('voucher_order_event', 'order_id'));
    await q.createTable(
      new Table({
        name: 'voucher',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'order_id', type: 'integer' },
          { name: 'seq', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'redeemed_at', type: 'datetime', isNullable: true },
          { name: 'redeemed_by_account_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_voucher_order_seq', columnNames: ['order_id', 'seq'] }],
        foreignKeys: [
          {
            name: 'fk_voucher_order',
            columnNames: ['order_id'],
            referencedTableName: 'voucher_order',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'voucher_purchase_count',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'offer_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'count', type: 'integer', default: 0 },
        ],
        uniques: [{ name: 'uq_voucher_purchase_count', columnNames: ['offer_id', 'account_id', 'day'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('voucher_purchase_count');
    await q.dropTable('voucher');
    await q.dropTable('voucher_order_event');
    await q.dropTable('voucher_order');
  }
}
