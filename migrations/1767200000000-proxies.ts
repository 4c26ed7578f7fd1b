import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };

/**
 * Proxies (家属代办): `proxy_link`, a family member acting for a holder on named services, with the
 * invitation code's keyed hash and the unique keys that hold the per-holder limit and one active
 * link per pair; `proxy_link_event`, its history; `proxy_action`, every request made as a proxy.
 */
export class Proxies1767200000000 implements MigrationInterface {
  name = 'Proxies1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'proxy_link',
        columns: [
          id,
          { name: 'holder_account_id', type: 'integer' },
          { name: 'holder_person_id', type: 'integer' },
          { name: 'proxy_account_id', type: 'integer', isNullable: true },
          { name: 'relation', type: 'varchar', length: '8' },
          { name: 'services', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'linked_by', type: 'varchar', length: '8' },
          { name: 'linked_by_account_id', type: 'integer' },
          { name: 'code_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'code_expires_at', type: 'datetime', isNullable: true },
          { name: 'pair_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'slot_key', type: 'varchar', length: '32', isNullable: true },
          { name: 'activated_at', type: 'datetime', isNullable: true },
          { name: 'ended_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        uniques: [
          { name: 'uq_proxy_link_code', columnNames: ['code_hash'] },
          { name: 'uq_proxy_link_pair', columnNames: ['pair_key'] },
          { name: 'uq_proxy_link_slot', columnNames: ['slot_key'] },
        ],
        indices: [
          { name: 'ix_proxy_link_holder', columnNames: ['holder_account_id', 'status'] },
          { name: 'ix_proxy_link_proxy', columnNames: ['proxy_account_id', 'status'] },
          { name: 'ix_proxy_link_person', columnNames: ['holder_person_id'] },
        ],
        foreignKeys: [
          { name: 'fk_proxy_link_holder', columnNames: ['holder_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
          { name: 'fk_proxy_link_person', columnNames: ['holder_person_id'], referencedTableName: 'person', referencedColumnNames: ['id'] },
          { name: 'fk_proxy_link_proxy', columnNames: ['proxy_account_id'], referencedTableName: 'account', referencedColumnNames: ['id'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'proxy_link_event',
        columns: [
          id,
          { name: 'link_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [{ name: 'ix_proxy_link_event_link', columnNames: ['link_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_proxy_link_event_link',
            columnNames: ['link_id'],
            referencedTableName: 'proxy_link',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'proxy_action',
        columns: [
          id,
          { name: 'link_id', type: 'integer' },
          { name: 'proxy_account_id', type: 'integer' },
          { name: 'holder_account_id', type: 'integer' },
          { name: 'method', type: 'varchar', length: '8' },
          { name: 'route', type: 'varchar', length: '200' },
          { name: 'status', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          { name: 'ix_proxy_action_link', columnNames: ['link_id', 'id'] },
          { name: 'ix_proxy_action_holder', columnNames: ['holder_account_id', 'id'] },
          { name: 'ix_proxy_action_proxy', columnNames: ['proxy_account_id', 'id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_proxy_action_link',
            columnNames: ['link_id'],
            referencedTableName: 'proxy_link',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('proxy_action');
    await q.dropTable('proxy_link_event');
    await q.dropTable('proxy_link');
  }
}
