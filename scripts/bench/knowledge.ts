import type { KnowledgeIndex } from '../../server/modules/chat/assistant/knowledge-index';
import { dist } from './dist';

type Row = Record<string, unknown>;

export const KNOWLEDGE_ENTRIES_SQL =
  "SELECT id, question, phrasings, answer, source_document, source_article, source_issuer, source_effective_date, tags FROM knowledge_entry WHERE status = 'published' ORDER BY id";
export const KNOWLEDGE_SYNONYMS_SQL = 'SELECT term, canonical FROM knowledge_synonym ORDER BY id';

const phrasingsOf = (s: unknown): string[] => {
  try {
    const v: unknown = JSON.parse(String(s));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** The index the server builds from the same rows (published entries and synonyms), with its own code from dist/. */
export function buildIndex(entries: Row[], synonyms: Row[]): KnowledgeIndex {
  return dist.knowledgeIndex().KnowledgeIndex.buildNow(
    entries.map((e) => ({
      answer: {
        id: Number(e.id),
        question: String(e.question),
        answer: String(e.answer),
        source: {
          document: String(e.source_document),
          article: (e.source_article as string | null) ?? null,
          issuer: (e.source_issuer as string | null) ?? null,
          effectiveDate: (e.source_effective_date as string | null) ?? null,
        },
      },
      phrasings: phrasingsOf(e.phrasings),
      tags: e.tags ? String(e.tags).split(',') : [],
    })),
    synonyms.map((s) => ({ term: String(s.term), canonical: String(s.canonical) })),
  );
}
