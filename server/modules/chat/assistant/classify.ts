import { INTENTS_WITH_KNOWLEDGE, LIVE_INTENTS, type IntentKey, type Understanding } from './intents';
import { RULE_CONFIDENT, RULE_FIRES } from './intent-rules';
import type { KnowledgeHit, KnowledgeIndex } from './knowledge-index';
import { legalServiceOf, scoreRules, type RuleInput, type RuleScore } from './rules';

/** Relevance at which an entry answers a message on its own. */
export const KB_ANSWERS = 0.5;
/** Relevance at which an entry is quoted beside an action (补领 beside 挂失, say). */
export const KB_ATTACH = 0.4;
/** Relevance at which an entry wins over a live-data rule that matched without confidence. */
export const KB_OVERRIDES = 0.9;

/** Rule scores become 0..1 the same way everywhere: 3 → 0.63, 4.5 → 0.78, 6 → 0.86. */
const ruleConfidence = (score: number) => Math.round((1 - Math.exp(-score / 3)) * 100) / 100;
const round = (x: number) => Math.round(x * 100) / 100;

/** An understanding with the evidence behind it: every rule that scored and the best entries. */
export interface Explanation {
  understanding: Understanding;
  rules: RuleScore[];
  knowledge: { id: number; question: string; relevance: number; score: number }[];
}

const SMALL_TALK: ReadonlySet<IntentKey> = new Set(['greeting', 'thanks']);
const LEGAL_ACTIONS: ReadonlySet<IntentKey> = new Set(['legal_free_times', 'legal_my_appointments', 'legal_book']);
const LEGAL_INTENTS: ReadonlySet<IntentKey> = new Set(['legal_services', ...LEGAL_ACTIONS]);
/** Small talk is small: a message with more topic words than this is about something else. */
const SMALL_TALK_TERMS = 3;

/**
 * The strongest rule that is not small talk or a request for a person. A specific legal action
 * (book, free times, my appointments) that fires is preferred to the general legal_services, whose
 * words (律师, 心理疏导) every legal message shares.
 */
function topRule(rules: RuleScore[]): RuleScore | undefined {
  const best = rules.find((r) => !SMALL_TALK.has(r.intent) && r.intent !== 'ask_person');
  if (best?.intent !== 'legal_services') return best;
  return rules.find((r) => LEGAL_ACTIONS.has(r.intent) && r.score >= RULE_FIRES) ?? best;
}

/** The decision, in order of precedence; pure and deterministic. */
function decide(
  rules: RuleScore[],
  hit: KnowledgeHit | undefined,
  terms: number,
): { intent: IntentKey; confidence: number; kb: boolean } {
  const kb = hit?.relevance ?? 0;
  const person = rules.find((r) => r.intent === 'ask_person');
  // 1. Someone asking for a person gets one, whatever else the message says.
  if (person && person.score >= RULE_FIRES)
    return { intent: 'ask_person', confidence: ruleConfidence(person.score), kb: false };
  // 2. A lost card is urgent (someone else could use it): it comes before whatever else was asked.
  const lost = rules.find((r) => r.intent === 'card_lost');
  if (lost && lost.score >= RULE_FIRES)
    return { intent: 'card_lost', confidence: ruleConfidence(lost.score), kb: kb >= KB_ATTACH };
  const best = topRule(rules);
  if (best && best.score >= RULE_FIRES) {
    // 3. Live data wins when its rule is confident, or when no entry is a near-certain answer.
    if (LIVE_INTENTS.has(best.intent) && (best.score >= RULE_CONFIDENT || kb < KB_OVERRIDES)) {
      return { intent: best.intent, confidence: ruleConfidence(best.score), kb: false };
    }
    // 4. Actions that may quote an entry beside them.
    if (INTENTS_WITH_KNOWLEDGE.has(best.intent)) {
      return { intent: best.intent, confidence: ruleConfidence(best.score), kb: kb >= KB_ATTACH };
    }
  }
  // 5. Policy questions go to the knowledge base.
  if (kb >= KB_ANSWERS) return { intent: 'policy', confidence: round(kb), kb: true };
  // 6. Small talk, only when nothing else was asked.
  const talk = rules.find((r) => SMALL_TALK.has(r.intent));
  if (talk && talk.score >= RULE_FIRES && terms <= SMALL_TALK_TERMS)
    return { intent: talk.intent, confidence: ruleConfidence(talk.score), kb: false };
  const guess = Math.max(kb, best ? ruleConfidence(best.score) * (best.score >= RULE_FIRES ? 1 : 0.5) : 0);
  return { intent: 'unknown', confidence: round(1 - guess), kb: false };
}

/** Understands a message against an index, with the evidence (for staff trying questions and the benchmark). */
export function explain(index: KnowledgeIndex, text: string, hints: { hasLocation?: boolean } = {}): Explanation {
  const query = index.analyse(text);
  const input: RuleInput = { text: query.text, words: new Set(query.allWords), hasLocation: hints.hasLocation };
  const rules = query.text ? scoreRules(input) : [];
  const hits = query.terms.length > 0 ? index.search(query) : [];
  const decision = decide(rules, hits[0], query.terms.length);
  const understanding: Understanding = {
    intent: decision.intent,
    confidence: decision.confidence,
    words: query.terms,
  };
  if (LEGAL_INTENTS.has(decision.intent)) {
    const service = legalServiceOf(input);
    if (service) understanding.legalService = service;
  }
  if (decision.kb && hits[0]) understanding.knowledge = hits[0].answer;
  return {
    understanding,
    rules,
    knowledge: hits.map((h) => ({
      id: h.answer.id,
      question: h.answer.question,
      relevance: round(h.relevance),
      score: round(h.score),
    })),
  };
}

/** Understands a message against an index: the pure path, no database. */
export function classify(index: KnowledgeIndex, text: string, hints: { hasLocation?: boolean } = {}): Understanding {
  return explain(index, text, hints).understanding;
}
