import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/** A history table for a lifecycle: one row per status change (who, from, to, reason, when). */
function historyTable(name: string, subjectColumn: string, subjectTable: string): Table {
  return new Table({
    name,
    columns: [
      id,
      { name: subjectColumn, type: 'integer' },
      { name: 'action', type: 'varchar', length: '16' },
      { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
      { name: 'to_status', type: 'varchar', length: '16' },
      { name: 'actor_account_id', type: 'integer', isNullable: true },
      { name: 'actor_role', type: 'varchar', length: '16' },
      { name: 'reason', type: 'varchar', length: '500', isNullable: true },
      { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
    ],
    indices: [{ name: `ix_${name}_subject`, columnNames: [subjectColumn, 'id'] }],
    foreignKeys: [
      {
        name: `fk_${name}_subject`,
        columnNames: [subjectColumn],
        referencedTableName: subjectTable,
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      },
    ],
  });
}

/**
 * Appointments, waitlist entries and merchants get history rows like applications and complaints:
 * every status change, the system's own (no-shows, offer expiry, cascades) included.
 */
export class LifecycleHistory1765000000000 implements MigrationInterface {
  name = 'LifecycleHistory1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(historyTable('appointment_event', 'appointment_id', 'legal_appointment'));
    await q.createTable(historyTable('waitlist_event', 'waitlist_id', 'legal_waitlist'));
    await q.createTable(historyTable('merchant_event', 'merchant_id', 'merchant'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('merchant_event');
    await q.dropTable('waitlist_event');
    await q.dropTable('appointment_event');
  }
}
