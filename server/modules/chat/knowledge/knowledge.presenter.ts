import { allowedActions, presentHistory } from '../../../lib/state-machine';
import { isoTime } from '../../../lib/time';
import type { Explanation } from '../assistant/classify';
import { INTENTS_WITH_KNOWLEDGE, LIVE_INTENTS } from '../assistant/intents';
import { contentOf } from './entries';
import type { KnowledgeEntryEvent } from './knowledge-entry-event.entity';
import type { KnowledgeEntry } from './knowledge-entry.entity';
import { EDITABLE_STATUSES, ENTRY_TRANSITIONS } from './knowledge-entry.states';
import type { KnowledgeSynonym } from './knowledge-synonym.entity';
import type { KnowledgeUnanswered } from './knowledge-unanswered.entity';
import type { TriedAnswer } from './knowledge.service';

const t = (d: Date | null) => (d ? isoTime(d) : null);

/**
 * An entry as staff see it, with what the caller may do with it now (`edit` besides the table's
 * transitions), so the console shows only the buttons that will work.
 */
export function presentEntry(e: KnowledgeEntry, canManage: boolean) {
  const actions: string[] = [];
  if (canManage && EDITABLE_STATUSES.includes(e.status)) actions.push('edit');
  if (canManage) actions.push(...allowedActions(ENTRY_TRANSITIONS, e.status, 'staff'));
  return {
    id: e.id,
    ...contentOf(e),
    status: e.status,
    revision: e.revision,
    allowedActions: actions,
    createdAt: isoTime(e.createdAt),
    updatedAt: isoTime(e.updatedAt),
    publishedAt: t(e.publishedAt),
  };
}

export const presentEntryHistory = (rows: KnowledgeEntryEvent[]) => presentHistory(rows);

export const presentSynonym = (s: KnowledgeSynonym) => ({
  id: s.id,
  term: s.term,
  canonical: s.canonical,
  createdAt: isoTime(s.createdAt),
});

export const presentUnanswered = (u: KnowledgeUnanswered) => ({
  id: u.id,
  text: u.text,
  askCount: u.askCount,
  askerCount: u.askerCount,
  firstAskedAt: isoTime(u.firstAskedAt),
  lastAskedAt: isoTime(u.lastAskedAt),
  status: u.status,
  entryId: u.entryId,
});

/** How the assistant reads a question, with its evidence, for staff trying questions out. */
export const presentExplanation = (x: Explanation) => ({
  intent: x.understanding.intent,
  confidence: x.understanding.confidence,
  words: x.understanding.words,
  legalService: x.understanding.legalService ?? null,
  knowledge: x.understanding.knowledge
    ? { id: x.understanding.knowledge.id, question: x.understanding.knowledge.question }
    : null,
  rules: x.rules.map((r) => ({ intent: r.intent, score: Math.round(r.score * 100) / 100, matched: r.matched })),
  candidates: x.knowledge.map((k) => ({ id: k.id, question: k.question, relevance: k.relevance })),
});

const ACTION_INTENTS: ReadonlySet<string> = new Set([...LIVE_INTENTS, ...INTENTS_WITH_KNOWLEDGE]);

/** What the assistant would answer, for the 试一试 panel. */
export function presentTry({ explanation: x, answer }: TriedAnswer) {
  const u = x.understanding;
  const k = u.knowledge;
  const hit = k ? x.knowledge.find((c) => c.id === k.id) : undefined;
  const outcome =
    u.intent === 'policy'
      ? 'knowledge'
      : u.intent === 'unknown'
        ? 'unknown'
        : u.intent === 'ask_person'
          ? 'handover'
          : ACTION_INTENTS.has(u.intent)
            ? 'action'
            : 'small_talk';
  return {
    intent: u.intent,
    confidence: u.confidence,
    outcome: outcome as 'knowledge' | 'action' | 'small_talk' | 'handover' | 'unknown',
    words: u.words,
    entry: k ? { id: k.id, question: k.question, relevance: hit?.relevance ?? 0, score: hit?.score ?? 0 } : null,
    answer: k && answer ? { text: answer.text, links: answer.links, source: k.source } : null,
    candidates: x.knowledge.map((c) => ({ id: c.id, question: c.question, relevance: c.relevance, score: c.score })),
  };
}
