import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * 军人驿站: `lodging_hotel`, an allied merchant signed as one (quota, rules, closed nights);
 * `lodging_night`, the per-hotel-night counter of rooms taken; `lodging_booking`, a guest's night
 * (one per guest per night through the unique `night_key`); `lodging_booking_event`, its history.
 */
export class Lodging1767100000000 implements MigrationInterface {
  name = 'Lodging1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'lodging_hotel',
        columns: [
          id,
          { name: 'merchant_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'daily_quota', type: 'integer' },
          { name: 'rules', type: 'varchar', length: '1000', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'closed_nights', type: 'varchar', length: '1000', default: "''" },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_lodging_hotel_merchant', columnNames: ['merchant_id'] }],
        indices: [{ name: 'ix_lodging_hotel_status', columnNames: ['status'] }],
        foreignKeys: [
          { name: 'fk_lodging_hotel_merchant', columnNames: ['merchant_id'], referencedTableName: 'merchant', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lodging_night',
        columns: [
          id,
          { name: 'hotel_id', type: 'integer' },
          { name: 'night', type: 'varchar', length: '10' },
          { name: 'booked', type: 'integer', default: 0 },
        ],
        uniques: [{ name: 'uq_lodging_night', columnNames: ['hotel_id', 'night'] }],
        foreignKeys: [
          { name: 'fk_lodging_night_hotel', columnNames: ['hotel_id'], referencedTableName: 'lodging_hotel', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lodging_booking',
        columns: [
          id,
          { name: 'hotel_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'night', type: 'varchar', length: '10' },
          { name: 'guest_kind', type: 'varchar', length: '16' },
          { name: 'guest_name', type: 'varchar', length: '30' },
          { name: 'phone_cipher', type: 'varchar', length: '255' },
          { name: 'phone_last4', type: 'varchar', length: '4' },
          { name: 'proof_file_id', type: 'integer', isNullable: true },
          { name: 'proof_status', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'night_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'cancel_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [{ name: 'uq_lodging_booking_night_key', columnNames: ['night_key'] }],
        indices: [
          { name: 'ix_lodging_booking_hotel_night', columnNames: ['hotel_id', 'night', 'status'] },
          { name: 'ix_lodging_booking_account', columnNames: ['account_id', 'status', 'night'] },
          { name: 'ix_lodging_booking_proof', columnNames: ['proof_status', 'status'] },
        ],
        foreignKeys: [
          { name: 'fk_lodging_booking_hotel', columnNames: ['hotel_id'], referencedTableName: 'lodging_hotel', referencedColumnNames: ['id'] },
          { name: 'fk_lodging_booking_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_lodging_booking_proof', columnNames: ['proof_file_id'], referencedTableName: 'stored_file', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'lodging_booking_event',
        columns: [
          id,
          { name: 'booking_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_lodging_booking_event_booking', columnNames: ['booking_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_lodging_booking_event_booking',
            columnNames: ['booking_id'],
            referencedTableName: 'lodging_booking',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('lodging_booking_event');
    await q.dropTable('lodging_booking');
    await q.dropTable('lodging_night');
    await q.dropTable('lodging_hotel');
  }
}
