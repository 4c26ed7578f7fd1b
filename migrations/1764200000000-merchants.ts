import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

const CATEGORIES = ['衣', '食', '住', '行', '文旅', '娱乐', '购物', '医疗健康', '教育培训', '金融', '生活服务'];

/**
 * The merchant alliance: categories, merchants (location in integer micro-degrees, so range
 * scans compare integers on both databases), members, offers, redemptions and complaints.
 */
export class Merchants1764200000000 implements MigrationInterface {
  name = 'Merchants1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'merchant_category',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'sort', type: 'integer', default: 0 },
          { name: 'active', type: 'boolean', default: true },
          createdAt,
        ],
        indices: [{ name: 'uq_merchant_category_name', columnNames: ['name'], isUnique: true }],
      }),
    );
    for (const [i, name] of CATEGORIES.entries()) {
      await q.query('INSERT INTO merchant_category (name, sort, active) VALUES (?, ?, ?)', [name, (i + 1) * 10, 1]);
    }

    await q.createTable(
      new Table({
        name: 'merchant',
        columns: [
          id,
          { name: 'owner_account_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'license_no', type: 'varchar', length: '32' },
          { name: 'category_id', type: 'integer' },
          { name: 'address', type: 'varchar', length: '255' },
          { name: 'lat_e6', type: 'integer' },
          { name: 'lng_e6', type: 'integer' },
          { name: 'contact_phone', type: 'varchar', length: '32' },
          { name: 'intro', type: 'varchar', length: '500', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'upheld_complaints', type: 'integer', default: 0 },
          { name: 'reviewed_by', type: 'integer', isNullable: true },
          { name: 'reviewed_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          // Nearly every merchant is active: status in front would only stop the range scan on latitude.
          { name: 'ix_merchant_geo', columnNames: ['lat_e6', 'lng_e6'] },
          { name: 'ix_merchant_category_geo', columnNames: ['category_id', 'lat_e6', 'lng_e6'] },
          { name: 'ix_merchant_owner', columnNames: ['owner_account_id'] },
          { name: 'ix_merchant_status', columnNames: ['status', 'id'] },
        ],
        foreignKeys: [
          { name: 'fk_merchant_category', columnNames: ['category_id'], referencedTableName: 'merchant_category', referencedColumnNames: ['id'] },
          { name: 'fk_merchant_owner', columnNames: ['owner_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'merchant_member',
        columns: [
          id,
          { name: 'merchant_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'role', type: 'varchar', length: '8' },
          { name: 'active', type: 'boolean', default: true },
          createdAt,
        ],
        indices: [
          { name: 'uq_merchant_member', columnNames: ['merchant_id', 'account_id'], isUnique: true },
          { name: 'ix_merchant_member_account', columnNames: ['account_id'] },
        ],
        foreignKeys: [
          { name: 'fk_merchant_member_merchant', columnNames: ['merchant_id'], referencedTableName: 'merchant', referencedColumnNames: ['id'] },
          { name: 'fk_merchant_member_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'merchant_offer',
        columns: [
          id,
          { name: 'merchant_id', type: 'integer' },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'description', type: 'varchar', length: '500' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'discount_text', type: 'varchar', length: '64' },
          { name: 'price_fen', type: 'integer', isNullable: true },
          { name: 'face_value_fen', type: 'integer', isNullable: true },
          { name: 'per_person_daily_limit', type: 'integer', isNullable: true },
          { name: 'eligible_categories', type: 'varchar', length: '128' },
          { name: 'valid_from', type: 'datetime', isNullable: true },
          { name: 'valid_to', type: 'datetime', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          createdAt,
          updatedAt,
        ],
        indices: [{ name: 'ix_merchant_offer_merchant', columnNames: ['merchant_id', 'status'] }],
        foreignKeys: [
          { name: 'fk_merchant_offer_merchant', columnNames: ['merchant_id'], referencedTableName: 'merchant', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'redemption',
        columns: [
          id,
          { name: 'merchant_id', type: 'integer' },
          { name: 'offer_id', type: 'integer' },
          { name: 'card_id', type: 'integer' },
          { name: 'person_id', type: 'integer' },
          { name: 'clerk_account_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          createdAt,
        ],
        indices: [
          { name: 'ix_redemption_merchant', columnNames: ['merchant_id', 'id'] },
          { name: 'ix_redemption_person', columnNames: ['person_id', 'id'] },
          { name: 'ix_redemption_merchant_day', columnNames: ['merchant_id', 'day'] },
        ],
        foreignKeys: [
          { name: 'fk_redemption_offer', columnNames: ['offer_id'], referencedTableName: 'merchant_offer', referencedColumnNames: ['id'] },
          { name: 'fk_redemption_card', columnNames: ['card_id'], referencedTableName: 'card', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'redemption_daily_count',
        columns: [
          id,
          { name: 'offer_id', type: 'integer' },
          { name: 'person_id', type: 'integer' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'count', type: 'integer', default: 0 },
        ],
        indices: [{ name: 'uq_redemption_daily_count', columnNames: ['offer_id', 'person_id', 'day'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'merchant_complaint',
        columns: [
          id,
          { name: 'merchant_id', type: 'integer' },
          { name: 'account_id', type: 'integer' },
          { name: 'text', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'resolution', type: 'varchar', length: '500', isNullable: true },
          { name: 'handled_by', type: 'integer', isNullable: true },
          { name: 'handled_at', type: 'datetime', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'ix_merchant_complaint_status', columnNames: ['status', 'id'] },
          { name: 'ix_merchant_complaint_merchant', columnNames: ['merchant_id'] },
        ],
        foreignKeys: [
          { name: 'fk_merchant_complaint_merchant', columnNames: ['merchant_id'], referencedTableName: 'merchant', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['merchant_complaint', 'redemption_daily_count', 'redemption', 'merchant_offer', 'merchant_member', 'merchant', 'merchant_category']) {
      await q.dropTable(t);
    }
  }
}
