import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/** Legal aid: providers and their weekly hours, bookable slots, appointments and the waitlist. */
export class LegalAid1764300000000 implements MigrationInterface {
  name = 'LegalAid1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'legal_provider',
        columns: [
          id,
          { name: 'account_id', type: 'integer', isNullable: true },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'photo_file_id', type: 'integer', isNullable: true },
          { name: 'firm', type: 'varchar', length: '64' },
          { name: 'specialties', type: 'varchar', length: '255' },
          { name: 'service_types', type: 'varchar', length: '64' },
          { name: 'modes', type: 'varchar', length: '32' },
          { name: 'languages', type: 'varchar', length: '64' },
          { name: 'intro', type: 'varchar', length: '500' },
          { name: 'active', type: 'boolean', default: true },
          { name: 'rating_sum', type: 'integer', default: 0 },
          { name: 'rating_count', type: 'integer', default: 0 },
          { name: 'served_count', type: 'integer', default: 0 },
          createdAt,
          updatedAt,
        ],
        indices: [{ name: 'uq_legal_provider_account', columnNames: ['account_id'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_legal_provider_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'legal_schedule',
        columns: [
          id,
          { name: 'provider_id', type: 'integer' },
          { name: 'weekday', type: 'integer' },
          { name: 'start_minute', type: 'integer' },
          { name: 'end_minute', type: 'integer' },
          { name: 'slot_minutes', type: 'integer' },
          { name: 'capacity', type: 'integer' },
          { name: 'service_types', type: 'varchar', length: '64' },
          { name: 'modes', type: 'varchar', length: '32' },
          createdAt,
        ],
        indices: [{ name: 'ix_legal_schedule_provider', columnNames: ['provider_id'] }],
        foreignKeys: [
          { name: 'fk_legal_schedule_provider', columnNames: ['provider_id'], referencedTableName: 'legal_provider', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'legal_day_off',
        columns: [
          id,
          { name: 'provider_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'reason', type: 'varchar', length: '255', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'uq_legal_day_off', columnNames: ['provider_id', 'day'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'legal_slot',
        columns: [
          id,
          { name: 'provider_id', type: 'integer' },
          { name: 'starts_at', type: 'datetime' },
          { name: 'ends_at', type: 'datetime' },
          { name: 'capacity', type: 'integer' },
          { name: 'booked', type: 'integer', default: 0 },
          { name: 'service_types', type: 'varchar', length: '64' },
          { name: 'modes', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'cancel_reason', type: 'varchar', length: '255', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'uq_legal_slot_start', columnNames: ['provider_id', 'starts_at'], isUnique: true },
          { name: 'ix_legal_slot_time', columnNames: ['starts_at'] },
        ],
        foreignKeys: [
          { name: 'fk_legal_slot_provider', columnNames: ['provider_id'], referencedTableName: 'legal_provider', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'legal_appointment',
        columns: [
          id,
          { name: 'slot_id', type: 'integer' },
          { name: 'provider_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'service_type', type: 'varchar', length: '16' },
          { name: 'mode', type: 'varchar', length: '8' },
          { name: 'summary', type: 'varchar', length: '500' },
          { name: 'starts_at', type: 'datetime' },
          { name: 'status', type: 'varchar', length: '16' },
          /** `<slot>:<account>` while the booking is live: one place per person per slot. */
          { name: 'live_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'cancelled_by', type: 'varchar', length: '8', isNullable: true },
          { name: 'cancel_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'private_notes', type: 'text', isNullable: true },
          { name: 'rating', type: 'integer', isNullable: true },
          { name: 'comment', type: 'varchar', length: '500', isNullable: true },
          { name: 'rated_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_legal_appointment_live', columnNames: ['live_key'], isUnique: true },
          { name: 'ix_legal_appointment_account', columnNames: ['account_id', 'starts_at'] },
          { name: 'ix_legal_appointment_provider', columnNames: ['provider_id', 'starts_at'] },
          { name: 'ix_legal_appointment_due', columnNames: ['status', 'starts_at'] },
          { name: 'ix_legal_appointment_slot', columnNames: ['slot_id'] },
        ],
        foreignKeys: [
          { name: 'fk_legal_appointment_slot', columnNames: ['slot_id'], referencedTableName: 'legal_slot', referencedColumnNames: ['id'] },
          { name: 'fk_legal_appointment_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'legal_waitlist',
        columns: [
          id,
          { name: 'slot_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'service_type', type: 'varchar', length: '16' },
          { name: 'mode', type: 'varchar', length: '8' },
          { name: 'summary', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'live_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'offer_expires_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_legal_waitlist_live', columnNames: ['live_key'], isUnique: true },
          { name: 'ix_legal_waitlist_slot', columnNames: ['slot_id', 'status', 'id'] },
          { name: 'ix_legal_waitlist_offer', columnNames: ['status', 'offer_expires_at'] },
        ],
        foreignKeys: [
          { name: 'fk_legal_waitlist_slot', columnNames: ['slot_id'], referencedTableName: 'legal_slot', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['legal_waitlist', 'legal_appointment', 'legal_slot', 'legal_day_off', 'legal_schedule', 'legal_provider']) await q.dropTable(t);
  }
}
