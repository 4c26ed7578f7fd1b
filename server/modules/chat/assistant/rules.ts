import type { IntentKey, LegalServiceKey } from './intents';
import { INTENT_RULES, LEGAL_SERVICE_WORDS, type Clue } from './intent-rules';

/** What the rules see of a message: its normalised text and every word, synonyms included. */
export interface RuleInput {
  text: string;
  words: ReadonlySet<string>;
  hasLocation?: boolean;
}

/** One rule's verdict, with the words that made it, for explaining a decision. */
export interface RuleScore {
  intent: IntentKey;
  score: number;
  matched: string[];
}

const HAS_CJK = /\p{Script=Han}/u;

/**
 * A word is present when the segmenter produced it, or when the text contains it and it is Chinese of
 * two characters or more: a single character (证, 约) must stand as a word of its own, and Latin
 * (hi) must not match inside another word.
 */
export function present(input: RuleInput, word: string): boolean {
  if (input.words.has(word)) return true;
  return word.length >= 2 && HAS_CJK.test(word) && input.text.includes(word);
}

/**
 * The distinct words and patterns of a clue found in the message. Words found inside a longer
 * found word (优待 in 优待证) are the same evidence and are dropped.
 */
function hits(input: RuleInput, clue: Clue): string[] {
  const words = clue.words.filter((w) => present(input, w));
  const found = words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
  for (const p of clue.patterns ?? []) {
    const m = p.exec(input.text);
    if (m) found.push(m[0]);
  }
  return found;
}

/**
 * Sums the clues that match; the matched words are kept (against-words with a leading minus). A
 * clue matched by several distinct words counts up to half again: three troubles of the mind say
 * more than one.
 */
function sum(input: RuleInput, clues: readonly Clue[] | undefined, sign: 1 | -1, matched: string[]): number {
  let total = 0;
  for (const clue of clues ?? []) {
    const found = hits(input, clue);
    if (found.length === 0) continue;
    const extra = sign > 0 ? Math.min(MORE_WORDS_CAP, (found.length - 1) * MORE_WORDS) : 0;
    total += sign * clue.weight * (1 + extra);
    matched.push(...found.map((w) => (sign > 0 ? w : `-${w}`)));
  }
  return total;
}

/** What each further distinct word of a clue adds, as a share of its weight, and the most it adds. */
const MORE_WORDS = 0.25;
const MORE_WORDS_CAP = 0.5;

/** Every rule's score for the message, best first (ties keep the table's order); rules scoring 0 or less left out. */
export function scoreRules(input: RuleInput): RuleScore[] {
  const scores: RuleScore[] = [];
  for (const rule of INTENT_RULES) {
    if (rule.needs && !rule.needs.every((group) => group.some((w) => present(input, w)))) continue;
    const matched: string[] = [];
    let score = sum(input, rule.clues, 1, matched);
    if (score <= 0) continue;
    // A place was shared: "near me" is meant literally.
    if (rule.intent === 'nearby_discounts' && input.hasLocation) score += 1;
    score += sum(input, rule.against, -1, matched);
    if (score > 0) scores.push({ intent: rule.intent, score, matched });
  }
  return scores.sort((a, b) => b.score - a.score);
}

/** The legal desk's service a message names, if it names one. */
export function legalServiceOf(input: RuleInput): LegalServiceKey | undefined {
  for (const [service, words] of LEGAL_SERVICE_WORDS) if (words.some((w) => present(input, w))) return service;
  return undefined;
}
