import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { KNOWLEDGE_SEED_ENTRIES, KNOWLEDGE_SEED_SYNONYMS } from './data/1765300000000-knowledge-seed';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const at = (name: string) => ({ name, type: 'datetime', default: 'CURRENT_TIMESTAMP' });

/**
 * The assistant's policy knowledge base: entries (draft → published → archived) with their history,
 * staff-managed synonyms, the questions it could not answer (counted per question and per asker),
 * and one version row that every change moves, so each instance knows when to rebuild its index.
 * Loads the starting entries and synonyms of data/1765300000000-knowledge-seed.ts, published, each
 * with a history row.
 */
export class Knowledge1765300000000 implements MigrationInterface {
  name = 'Knowledge1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'knowledge_entry',
        columns: [
          id,
          { name: 'question', type: 'varchar', length: '200' },
          { name: 'phrasings', type: 'text' },
          { name: 'answer', type: 'text' },
          { name: 'source_document', type: 'varchar', length: '200' },
          { name: 'source_article', type: 'varchar', length: '100', isNullable: true },
          { name: 'source_issuer', type: 'varchar', length: '100', isNullable: true },
          { name: 'source_effective_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'tags', type: 'varchar', length: '255', default: "''" },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'revision', type: 'integer', default: 1 },
          { name: 'created_by', type: 'integer', isNullable: true },
          { name: 'updated_by', type: 'integer', isNullable: true },
          at('created_at'),
          at('updated_at'),
          { name: 'published_at', type: 'datetime', isNullable: true },
        ],
        indices: [{ name: 'ix_knowledge_entry_status', columnNames: ['status', 'id'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'knowledge_entry_event',
        columns: [
          id,
          { name: 'entry_id', type: 'integer' },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'actor_account_id', type: 'integer', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          at('created_at'),
        ],
        indices: [{ name: 'ix_knowledge_entry_event_entry', columnNames: ['entry_id', 'id'] }],
        foreignKeys: [
          {
            name: 'fk_knowledge_entry_event_entry',
            columnNames: ['entry_id'],
            referencedTableName: 'knowledge_entry',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'knowledge_synonym',
        columns: [
          id,
          { name: 'term', type: 'varchar', length: '32' },
          { name: 'canonical', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'integer', isNullable: true },
          at('created_at'),
        ],
        indices: [{ name: 'uq_knowledge_synonym_term', columnNames: ['term'], isUnique: true }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'knowledge_unanswered',
        columns: [
          id,
          { name: 'text_hash', type: 'varchar', length: '64' },
          { name: 'text', type: 'varchar', length: '255' },
          { name: 'ask_count', type: 'integer', default: 1 },
          { name: 'asker_count', type: 'integer', default: 1 },
          at('first_asked_at'),
          at('last_asked_at'),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'entry_id', type: 'integer', isNullable: true },
          { name: 'handled_by', type: 'integer', isNullable: true },
          { name: 'handled_at', type: 'datetime', isNullable: true },
        ],
        indices: [
          { name: 'uq_knowledge_unanswered_hash', columnNames: ['text_hash'], isUnique: true },
          // The staff list: open questions, most askers first.
          { name: 'ix_knowledge_unanswered_rank', columnNames: ['status', 'asker_count', 'ask_count'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'knowledge_unanswered_asker',
        columns: [id, { name: 'unanswered_id', type: 'integer' }, { name: 'account_id', type: 'integer' }],
        indices: [
          { name: 'uq_knowledge_unanswered_asker', columnNames: ['unanswered_id', 'account_id'], isUnique: true },
        ],
        foreignKeys: [
          {
            name: 'fk_knowledge_unanswered_asker_question',
            columnNames: ['unanswered_id'],
            referencedTableName: 'knowledge_unanswered',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'knowledge_meta',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer' },
          at('updated_at'),
        ],
      }),
    );

    await this.seed(q);
  }

  /** The starting entries (published, each with its history row), the synonyms, and version 1. */
  private async seed(q: QueryRunner): Promise<void> {
    for (const e of KNOWLEDGE_SEED_ENTRIES) {
      await q.query(
        `INSERT INTO knowledge_entry (question, phrasings, answer, source_document, source_article, source_issuer,
           source_effective_date, tags, status, revision, published_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', 1, CURRENT_TIMESTAMP)`,
        [
          e.question,
          JSON.stringify(e.phrasings),
          e.answer,
          e.source.document,
          e.source.article,
          e.source.issuer,
          e.source.effectiveDate,
          [...new Set(e.tags)].join(','),
        ],
      );
    }
    // Each seeded entry's history starts with its publication by the system.
    await q.query(
      `INSERT INTO knowledge_entry_event (entry_id, action, from_status, to_status, actor_account_id, actor_role, reason)
       SELECT id, 'publish', NULL, 'published', NULL, 'system', '系统初始内容' FROM knowledge_entry`,
    );
    for (const s of KNOWLEDGE_SEED_SYNONYMS) {
      await q.query('INSERT INTO knowledge_synonym (term, canonical) VALUES (?, ?)', [s.term, s.canonical]);
    }
    await q.query('INSERT INTO knowledge_meta (id, version) VALUES (1, 1)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('knowledge_meta');
    await q.dropTable('knowledge_unanswered_asker');
    await q.dropTable('knowledge_unanswered');
    await q.dropTable('knowledge_synonym');
    await q.dropTable('knowledge_entry_event');
    await q.dropTable('knowledge_entry');
  }
}
