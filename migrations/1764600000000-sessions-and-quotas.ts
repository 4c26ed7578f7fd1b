import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Sessions that end at once, and upload quotas:
 * - `account.token_version`: carried by every access token; bumped on logout, when an account is
 *   disabled and when its roles change, so older access tokens stop working immediately.
 * - `upload_quota`: per account and day (Asia/Shanghai), the uploads kept and their bytes.
 */
export class SessionsAndQuotas1764600000000 implements MigrationInterface {
  name = 'SessionsAndQuotas1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('account', new TableColumn({ name: 'token_version', type: 'integer', default: 0 }));

    await q.createTable(
      new Table({
        name: 'upload_quota',
        columns: [
          { name: 'account_id', type: 'integer', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'count', type: 'integer', default: 0 },
          { name: 'bytes', type: 'integer', default: 0 },
          { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('upload_quota');
    await q.dropColumn('account', 'token_version');
  }
}
