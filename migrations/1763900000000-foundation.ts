import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/** Organisation, accounts and sessions, holders' identities, private files and the audit log. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'district',
        columns: [
          id,
          { name: 'code', type: 'varchar', length: '12' },
          { name: 'name', type: 'varchar', length: '64' },
          createdAt,
        ],
        indices: [{ name: 'uq_district_code', columnNames: ['code'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'station',
        columns: [
          id,
          { name: 'district_id', type: 'integer' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'address', type: 'varchar', length: '255' },
          { name: 'phone', type: 'varchar', length: '32', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'uq_station_district_name', columnNames: ['district_id', 'name'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_station_district', columnNames: ['district_id'], referencedTableName: 'district', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'account',
        columns: [
          id,
          { name: 'openid', type: 'varchar', length: '64', isNullable: true },
          { name: 'unionid', type: 'varchar', length: '64', isNullable: true },
          { name: 'username', type: 'varchar', length: '64', isNullable: true },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'display_name', type: 'varchar', length: '64' },
          { name: 'station_id', type: 'integer', isNullable: true },
          { name: 'district_id', type: 'integer', isNullable: true },
          { name: 'disabled', type: 'boolean', default: false },
          { name: 'last_login_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_account_openid', columnNames: ['openid'], isUnique: true },
          { name: 'uq_account_username', columnNames: ['username'], isUnique: true },
        ],
        foreignKeys: [
          { name: 'fk_account_station', columnNames: ['station_id'], referencedTableName: 'station', referencedColumnNames: ['id'] },
          { name: 'fk_account_district', columnNames: ['district_id'], referencedTableName: 'district', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'account_role',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'role', type: 'varchar', length: '32' },
          createdAt,
        ],
        indices: [
          { name: 'uq_account_role', columnNames: ['account_id', 'role'], isUnique: true },
          { name: 'ix_account_role_role', columnNames: ['role'] },
        ],
        foreignKeys: [
          { name: 'fk_account_role_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'refresh_token',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'family_id', type: 'varchar', length: '36' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'datetime' },
          { name: 'used_at', type: 'datetime', isNullable: true },
          { name: 'revoked_at', type: 'datetime', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'uq_refresh_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_refresh_token_family', columnNames: ['family_id'] },
          { name: 'ix_refresh_token_expires', columnNames: ['expires_at'] },
        ],
        foreignKeys: [
          { name: 'fk_refresh_token_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'person',
        columns: [
          id,
          { name: 'account_id', type: 'integer', isNullable: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'id_number_cipher', type: 'varchar', length: '255' },
          { name: 'id_number_hash', type: 'varchar', length: '64' },
          { name: 'id_number_last4', type: 'varchar', length: '4' },
          { name: 'phone_cipher', type: 'varchar', length: '255' },
          { name: 'phone_hash', type: 'varchar', length: '64' },
          { name: 'phone_last4', type: 'varchar', length: '4' },
          { name: 'birth_date', type: 'varchar', length: '10' },
          { name: 'gender', type: 'varchar', length: '1' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'verified', type: 'boolean', default: false },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_person_account', columnNames: ['account_id'], isUnique: true },
          { name: 'uq_person_id_number_hash', columnNames: ['id_number_hash'], isUnique: true },
          { name: 'ix_person_phone_hash', columnNames: ['phone_hash'] },
        ],
        foreignKeys: [
          { name: 'fk_person_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'stored_file',
        columns: [
          id,
          { name: 'owner_account_id', type: 'integer' },
          { name: 'purpose', type: 'varchar', length: '32' },
          { name: 'mime', type: 'varchar', length: '64' },
          { name: 'size', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'storage_key', type: 'varchar', length: '128' },
          { name: 'width', type: 'integer', isNullable: true },
          { name: 'height', type: 'integer', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'uq_stored_file_key', columnNames: ['storage_key'], isUnique: true },
          { name: 'ix_stored_file_owner', columnNames: ['owner_account_id'] },
        ],
        foreignKeys: [
          { name: 'fk_stored_file_owner', columnNames: ['owner_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32' },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'ix_audit_log_target', columnNames: ['target_type', 'target_id'] },
          { name: 'ix_audit_log_actor', columnNames: ['actor_account_id'] },
          { name: 'ix_audit_log_created', columnNames: ['created_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'stored_file', 'person', 'refresh_token', 'account_role', 'account', 'station', 'district']) {
      await q.dropTable(table);
    }
  }
}
