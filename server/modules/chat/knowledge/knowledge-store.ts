import type { EntityManager } from 'typeorm';
import type { Database } from '../../../db/database';
import { isUniqueViolation } from '../../../db/errors';
import type { KnowledgeAnswer } from '../assistant/intents';
import type { IndexSource } from './index-refresher';
import { KnowledgeEntry } from './knowledge-entry.entity';
import { KnowledgeMeta } from './knowledge-meta.entity';
import { KnowledgeSynonym } from './knowledge-synonym.entity';

const META_ID = 1;

/** Tags as stored (joined with commas) and as used (a list). */
export const splitTags = (s: string): string[] => (s ? s.split(',') : []);
export const joinTags = (tags: readonly string[]): string => [...new Set(tags)].join(',');

/** The JSON list of phrasings; anything unreadable counts as none. */
export function parsePhrasings(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** An entry as the conversation quotes it. */
export const toAnswer = (e: KnowledgeEntry): KnowledgeAnswer => ({
  id: e.id,
  question: e.question,
  answer: e.answer,
  source: {
    document: e.sourceDocument,
    article: e.sourceArticle,
    issuer: e.sourceIssuer,
    effectiveDate: e.sourceEffectiveDate,
  },
});

/** The knowledge base's version; 0 when the row is missing (an emptied database). */
export async function readVersion(db: Database): Promise<number> {
  const row = await db.manager.findOneBy(KnowledgeMeta, { id: META_ID });
  return row?.version ?? 0;
}

/**
 * Moves the version in the transaction that changes entries or synonyms, so no instance can see
 * the change without the version having moved. The row is made again if it was removed.
 */
export async function bumpVersion(em: EntityManager, now: Date): Promise<void> {
  const moved = await em
    .createQueryBuilder()
    .update(KnowledgeMeta)
    .set({ version: () => 'version + 1', updatedAt: now })
    .where('id = :id', { id: META_ID })
    .execute();
  if (moved.affected === 1) return;
  try {
    await em.insert(KnowledgeMeta, { id: META_ID, version: 1, updatedAt: now });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another transaction made the row first: move it as it would have been moved.
    await bumpVersion(em, now);
  }
}

/**
 * Everything an index is built from: the version first, then the published entries and the
 * synonyms (a change landing in between moves the version again, and the next check rebuilds).
 */
export async function loadIndexSource(db: Database): Promise<IndexSource> {
  const version = await readVersion(db);
  const [entries, synonyms] = await Promise.all([
    db.manager.find(KnowledgeEntry, { where: { status: 'published' }, order: { id: 'ASC' } }),
    db.manager.find(KnowledgeSynonym, { order: { id: 'ASC' } }),
  ]);
  return {
    version,
    docs: entries.map((e) => ({
      answer: toAnswer(e),
      phrasings: parsePhrasings(e.phrasings),
      tags: splitTags(e.tags),
    })),
    synonyms: synonyms.map((s) => ({ term: s.term, canonical: s.canonical })),
  };
}
