import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Rate limits shared by every instance: `rate_limit_counter` holds one counter per limiter, key
 * (a keyed hash, never the raw address, username or account id) and fixed window. The primary
 * key is the natural one: an auto-increment id would burn a value on every counted request
 * (`INSERT … ON DUPLICATE KEY UPDATE` takes one even when it updates). `expires_at` (the window's
 * end) lets the purge job remove spent windows.
 */
export class RateLimits1764900000000 implements MigrationInterface {
  name = 'RateLimits1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_limit_counter',
        columns: [
          { name: 'limiter', type: 'varchar', length: '32', isPrimary: true },
          { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'window_start', type: 'datetime', isPrimary: true },
          { name: 'hits', type: 'integer', default: 0 },
          { name: 'expires_at', type: 'datetime' },
        ],
        indices: [{ name: 'idx_rate_limit_counter_expires', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_counter');
  }
}
