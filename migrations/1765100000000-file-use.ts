import { MigrationInterface, QueryRunner, Table } from 'typeorm';

type Row = Record<string, unknown>;

/** The ids in a JSON list column; anything unreadable counts as no ids. */
function idsIn(json: unknown): number[] {
  try {
    const parsed: unknown = JSON.parse(String(json ?? '[]'));
    return Array.isArray(parsed) ? parsed.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}

/**
 * Files belong to whoever uses them: `file_use` records each thing (owner type and id) a file is
 * attached to, written by the owning module, so reading a file no longer searches other modules'
 * tables. Backfilled from what uses files today: applications' photos and documents, providers'
 * profile photos and identity change requests' documents. The JSON lists are read here and
 * inserted id by id, the same on every database.
 */
export class FileUse1765100000000 implements MigrationInterface {
  name = 'FileUse1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'file_use',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'file_id', type: 'integer' },
          { name: 'owner_type', type: 'varchar', length: '32' },
          { name: 'owner_id', type: 'integer' },
        ],
        indices: [
          // Leads with file_id: also the index the read path looks files up by.
          { name: 'uq_file_use', columnNames: ['file_id', 'owner_type', 'owner_id'], isUnique: true },
          { name: 'ix_file_use_owner', columnNames: ['owner_type', 'owner_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_file_use_file',
            columnNames: ['file_id'],
            referencedTableName: 'stored_file',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    const uses: Array<[number, string, number]> = [];
    for (const r of (await q.query('SELECT id, photo_file_id, document_file_ids FROM card_application')) as Row[]) {
      const owner = Number(r.id);
      for (const f of [Number(r.photo_file_id), ...idsIn(r.document_file_ids)]) uses.push([f, 'card_application', owner]);
    }
    for (const r of (await q.query(
      'SELECT id, photo_file_id FROM legal_provider WHERE photo_file_id IS NOT NULL',
    )) as Row[]) {
      uses.push([Number(r.photo_file_id), 'legal_provider', Number(r.id)]);
    }
    for (const r of (await q.query('SELECT id, document_file_ids FROM identity_change_request')) as Row[]) {
      for (const f of idsIn(r.document_file_ids)) uses.push([f, 'identity_change_request', Number(r.id)]);
    }

    const files = new Set(((await q.query('SELECT id FROM stored_file')) as Row[]).map((r) => Number(r.id)));
    const seen = new Set<string>();
    for (const [fileId, ownerType, ownerId] of uses) {
      const key = `${fileId}:${ownerType}:${ownerId}`;
      // A reference to a file that is gone gave no one access before; it gets no row now.
      if (!files.has(fileId) || seen.has(key)) continue;
      seen.add(key);
      await q.query('INSERT INTO file_use (file_id, owner_type, owner_id) VALUES (?, ?, ?)', [
        fileId,
        ownerType,
        ownerId,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('file_use');
  }
}
