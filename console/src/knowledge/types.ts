/** The knowledge base's staff answers, as `server/modules/chat/knowledge/knowledge.schemas.ts` declares them. */
export type EntryStatus = 'draft' | 'published' | 'archived';

export interface EntrySource {
  document: string;
  article: string | null;
  issuer: string | null;
  effectiveDate: string | null;
}

export interface Entry {
  id: number;
  question: string;
  phrasings: string[];
  answer: string;
  source: EntrySource;
  tags: string[];
  status: EntryStatus;
  revision: number;
  allowedActions: string[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HistoryRow {
  action: string;
  from: string | null;
  to: string;
  at: string;
  by: string;
  reason: string | null;
}

export interface Synonym {
  id: number;
  term: string;
  canonical: string;
  createdAt: string;
}

export interface Unanswered {
  id: number;
  text: string;
  askCount: number;
  askerCount: number;
  firstAskedAt: string;
  lastAskedAt: string;
  status: 'open' | 'converted' | 'dismissed';
  entryId: number | null;
}
