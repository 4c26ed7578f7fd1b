import type { EntityManager } from 'typeorm';
import { KnowledgeEntryEvent } from './knowledge-entry-event.entity';
import { KnowledgeEntry } from './knowledge-entry.entity';
import type { EntryStatus } from './knowledge-entry.states';
import { joinTags, parsePhrasings, splitTags } from './knowledge-store';

/** Where a fact comes from. */
export interface EntrySource {
  document: string;
  article: string | null;
  issuer: string | null;
  effectiveDate: string | null;
}

/** An entry's content as staff write it. */
export interface EntryInput {
  question: string;
  phrasings: string[];
  answer: string;
  source: EntrySource;
  tags: string[];
}

/** An edit: any part of the content, and the revision the editor started from (optional). */
export type EntryPatch = Partial<EntryInput> & { revision?: number };

/** Who acted on an entry, for its history. */
export interface EntryActor {
  accountId: number;
  role: string;
}

/** What each part of an entry is called in the history's reason. */
const FIELD_WORDS: Record<keyof EntryInput, string> = {
  question: '问题',
  phrasings: '其他问法',
  answer: '答案',
  source: '来源',
  tags: '标签',
};

/** The entry's content, in the shape staff write it. */
export function contentOf(e: KnowledgeEntry): EntryInput {
  return {
    question: e.question,
    phrasings: parsePhrasings(e.phrasings),
    answer: e.answer,
    source: {
      document: e.sourceDocument,
      article: e.sourceArticle,
      issuer: e.sourceIssuer,
      effectiveDate: e.sourceEffectiveDate,
    },
    tags: splitTags(e.tags),
  };
}

/** The columns for some content. */
function columnsOf(c: Partial<EntryInput>): Partial<KnowledgeEntry> {
  const out: Partial<KnowledgeEntry> = {};
  if (c.question !== undefined) out.question = c.question;
  if (c.phrasings !== undefined) out.phrasings = JSON.stringify([...new Set(c.phrasings)]);
  if (c.answer !== undefined) out.answer = c.answer;
  if (c.tags !== undefined) out.tags = joinTags(c.tags);
  if (c.source !== undefined) {
    out.sourceDocument = c.source.document;
    out.sourceArticle = c.source.article;
    out.sourceIssuer = c.source.issuer;
    out.sourceEffectiveDate = c.source.effectiveDate;
  }
  return out;
}

/** The parts of the content an edit really changes (a field sent unchanged is not an edit). */
export function changedParts(e: KnowledgeEntry, patch: EntryPatch): (keyof EntryInput)[] {
  const before = contentOf(e);
  return (Object.keys(FIELD_WORDS) as (keyof EntryInput)[]).filter(
    (k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]),
  );
}

/** The history's wording of an edit: 修改：问题、答案. */
export const editReason = (parts: (keyof EntryInput)[]) => `修改：${parts.map((p) => FIELD_WORDS[p]).join('、')}`;

/** What a published entry may not lack. */
export function missingForPublish(e: KnowledgeEntry): string[] {
  const missing: string[] = [];
  if (!e.answer.trim()) missing.push('answer');
  if (!e.sourceDocument.trim()) missing.push('source.document');
  return missing;
}

/** Writes one history row of an entry. */
export async function recordEntryEvent(
  em: EntityManager,
  entryId: number,
  change: { action: string; from: EntryStatus | null; to: EntryStatus; reason: string | null },
  actor: EntryActor,
  now: Date,
): Promise<void> {
  await em.insert(KnowledgeEntryEvent, {
    entryId,
    action: change.action,
    fromStatus: change.from,
    toStatus: change.to,
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: change.reason,
    createdAt: now,
  });
}

/** Inserts a draft and its first history row; returns its id. */
export async function insertDraft(
  em: EntityManager,
  input: EntryInput,
  actor: EntryActor,
  now: Date,
  reason: string | null = null,
): Promise<number> {
  const result = await em.insert(KnowledgeEntry, {
    ...columnsOf(input),
    status: 'draft',
    revision: 1,
    createdBy: actor.accountId,
    updatedBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
  });
  const id = Number(result.identifiers[0].id);
  await recordEntryEvent(em, id, { action: 'create', from: null, to: 'draft', reason }, actor, now);
  return id;
}

/**
 * Writes an edit guarded by the revision read (and the status still editable), so two editors
 * cannot overwrite each other unnoticed; false when another change got there first.
 */
export async function writeEdit(
  em: EntityManager,
  e: KnowledgeEntry,
  patch: EntryPatch,
  actorId: number,
  now: Date,
): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .update(KnowledgeEntry)
    .set({ ...columnsOf(patch), revision: e.revision + 1, updatedBy: actorId, updatedAt: now })
    .where('id = :id AND revision = :revision AND status = :status', {
      id: e.id,
      revision: e.revision,
      status: e.status,
    })
    .execute();
  return result.affected === 1;
}
