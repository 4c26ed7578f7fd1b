import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The staff console's sign-in and its queue search:
 * - `account_mfa`: an account's TOTP second factor (the secret encrypted with the field crypto, the
 *   last time step used, failed attempts and the lock); `enrolled_at` is null until the first code
 *   confirms an enrolment.
 * - `account_recovery_code`: single-use recovery codes, stored as hashes.
 * - `refresh_token.console`, `refresh_token.last_active_at`: a console session (refresh token in a
 *   cookie) and when it last refreshed or acted, for the idle sign-out.
 * - `person_search_index`: keyed blind indexes of the last 4, 5 and 6 characters of a person's ID
 *   number and of its birth month and birth date, for the staff queue's search and age filter.
 *   Rows are written from the decrypted number by the queue's search (the key is not available
 *   here), and rewritten when the number they came from changed (`id_number_hash`).
 */
export class ConsoleSignIn1766200000000 implements MigrationInterface {
  name = 'ConsoleSignIn1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'account_mfa',
        columns: [
          { name: 'account_id', type: 'integer', isPrimary: true },
          { name: 'secret_cipher', type: 'varchar', length: '255' },
          { name: 'enrolled_at', type: 'datetime', isNullable: true },
          { name: 'last_used_step', type: 'integer', isNullable: true },
          { name: 'failed_attempts', type: 'integer', default: 0 },
          { name: 'locked_until', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
          { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account_recovery_code',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'account_id', type: 'integer' },
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'used_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'ux_account_recovery_code', columnNames: ['account_id', 'code_hash'], isUnique: true }],
      }),
    );
    await q.addColumn('refresh_token', new TableColumn({ name: 'console', type: 'boolean', default: false }));
    await q.addColumn('refresh_token', new TableColumn({ name: 'last_active_at', type: 'datetime', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'person_search_index',
        columns: [
          { name: 'person_id', type: 'integer', isPrimary: true },
          { name: 'id_number_hash', type: 'varchar', length: '64' },
          { name: 'tail4_hash', type: 'varchar', length: '64' },
          { name: 'tail5_hash', type: 'varchar', length: '64' },
          { name: 'tail6_hash', type: 'varchar', length: '64' },
          { name: 'birth_month_hash', type: 'varchar', length: '64' },
          { name: 'birth_date_hash', type: 'varchar', length: '64' },
          { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [
          { name: 'ix_person_search_tail4', columnNames: ['tail4_hash'] },
          { name: 'ix_person_search_tail5', columnNames: ['tail5_hash'] },
          { name: 'ix_person_search_tail6', columnNames: ['tail6_hash'] },
          { name: 'ix_person_search_birth_month', columnNames: ['birth_month_hash'] },
          { name: 'ix_person_search_birth_date', columnNames: ['birth_date_hash'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('person_search_index');
    await q.dropColumn('refresh_token', 'last_active_at');
    await q.dropColumn('refresh_token', 'console');
    await q.dropTable('account_recovery_code');
    await q.dropTable('account_mfa');
  }
}
