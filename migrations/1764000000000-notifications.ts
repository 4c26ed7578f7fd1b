import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const createdAt = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };
const updatedAt = { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

/** The outbox (and holders' timeline), subscribe-message grants, the WeChat access token, job runs. */
export class Notifications1764000000000 implements MigrationInterface {
  name = 'Notifications1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          id,
          { name: 'recipient_account_id', type: 'integer' },
          { name: 'template_key', type: 'varchar', length: '64' },
          { name: 'title', type: 'varchar', length: '64' },
          { name: 'body', type: 'varchar', length: '500' },
          { name: 'data', type: 'text' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          { name: 'idempotency_key', type: 'varchar', length: '191' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: 'datetime' },
          { name: 'claim_token', type: 'varchar', length: '36', isNullable: true },
          { name: 'claimed_until', type: 'datetime', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '255', isNullable: true },
          { name: 'sent_at', type: 'datetime', isNullable: true },
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'uq_outbox_idempotency_key', columnNames: ['idempotency_key'], isUnique: true },
          { name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] },
          { name: 'ix_outbox_recipient', columnNames: ['recipient_account_id', 'id'] },
          { name: 'ix_outbox_claim', columnNames: ['claim_token'] },
        ],
        foreignKeys: [
          { name: 'fk_outbox_recipient', columnNames: ['recipient_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'subscription_grant',
        columns: [
          id,
          { name: 'account_id', type: 'integer' },
          { name: 'template_key', type: 'varchar', length: '64' },
          { name: 'remaining', type: 'integer', default: 0 },
          createdAt,
          updatedAt,
        ],
        indices: [{ name: 'uq_subscription_grant', columnNames: ['account_id', 'template_key'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_subscription_grant_account', columnNames: ['account_id'], referencedTableName: 'account', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'wechat_access_token',
        columns: [
          id,
          { name: 'app_id', type: 'varchar', length: '64' },
          { name: 'token_cipher', type: 'varchar', length: '1024', isNullable: true },
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'expires_at', type: 'datetime', isNullable: true },
          { name: 'refresh_lease_until', type: 'datetime', isNullable: true },
          updatedAt,
        ],
        indices: [{ name: 'uq_wechat_access_token_app', columnNames: ['app_id'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'job_run',
        columns: [
          id,
          { name: 'job_name', type: 'varchar', length: '64' },
          { name: 'slot', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'instance', type: 'varchar', length: '64' },
          { name: 'started_at', type: 'datetime' },
          { name: 'finished_at', type: 'datetime', isNullable: true },
          { name: 'counts', type: 'text', isNullable: true },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          { name: 'uq_job_run_slot', columnNames: ['job_name', 'slot'], isUnique: true },
          { name: 'ix_job_run_started', columnNames: ['started_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['job_run', 'wechat_access_token', 'subscription_grant', 'outbox_message']) await q.dropTable(table);
  }
}
