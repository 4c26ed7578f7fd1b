import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * Complaints get a lifecycle with history (open → upheld | dismissed), a flag for complaints
 * backed by a redemption at the merchant, and a per-holder daily limit settled by a unique key
 * (`<account>:<day>:<n>`, n up to the limit), so concurrent filings cannot pass it.
 */
export class ComplaintsAndBounds1764700000000 implements MigrationInterface {
  name = 'ComplaintsAndBounds1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('merchant_complaint', [
      new TableColumn({ name: 'has_redemption', type: 'boolean', default: false }),
      new TableColumn({ name: 'limit_key', type: 'varchar', length: '48', isNullable: true }),
    ]);
    await q.createIndex('merchant_complaint', new TableIndex({ name: 'uq_merchant_complaint_limit_key', columnNames: ['limit_key'], isUnique: true }));
    await q.createIndex('merchant_complaint', new TableIndex({ name: 'ix_merchant_complaint_account', columnNames: ['account_id', 'id'] }));

    await q.createTable(
      new Table({
        name: 'merchant_complaint_event',
        columns: [
          id,
          { name: 'complaint_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'ix_merchant_complaint_event_complaint', columnNames: ['complaint_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_merchant_complaint_event_complaint',
            columnNames: ['complaint_id'],
            referencedTableName: 'merchant_complaint',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    // Complaints filed before this have their history written from what the row already says.
    await q.query(
      `INSERT INTO merchant_complaint_event (complaint_id, action, from_status, to_status, actor_account_id, actor_role, reason, created_at)
       SELECT id, 'file', NULL, 'open', account_id, 'holder', NULL, created_at FROM merchant_complaint`,
    );
    await q.query(
      `INSERT INTO merchant_complaint_event (complaint_id, action, from_status, to_status, actor_account_id, actor_role, reason, created_at)
       SELECT id, CASE WHEN status = 'upheld' THEN 'uphold' ELSE 'dismiss' END, 'open', status, handled_by, 'staff', resolution, COALESCE(handled_at, created_at)
       FROM merchant_complaint WHERE status IN ('upheld', 'dismissed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('merchant_complaint_event');
    await q.dropIndex('merchant_complaint', 'ix_merchant_complaint_account');
    await q.dropIndex('merchant_complaint', 'uq_merchant_complaint_limit_key');
    await q.dropColumn('merchant_complaint', 'limit_key');
    await q.dropColumn('merchant_complaint', 'has_redemption');
  }
}
