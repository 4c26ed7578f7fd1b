import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { domainDictionary, isNoise, STOP_WORDS } from './dictionary';
import { normalize } from './normalize';

/**
 * Cuts Chinese text into words with jieba's search mode (a long word and the shorter words inside
 * it: 退役军人 also gives 退役 and 军人), after normalising it.
 */
export interface Segmenter {
  /** Every word of the normalised text, in order, punctuation dropped. */
  words(text: string): string[];
  /** The words that carry a topic (stop words dropped), without duplicates. */
  terms(text: string): string[];
}

let jieba: Jieba | undefined;

/**
 * The process's one jieba, made on first use: loading its dictionary takes about a quarter of a
 * second and 5 MB, so it is done once and only when something is segmented.
 */
function instance(): Jieba {
  if (!jieba) {
    const made = Jieba.withDict(dict);
    made.loadDict(domainDictionary());
    jieba = made;
  }
  return jieba;
}

/**
 * Words of an already normalised text. The HMM guesser for unknown words is off: it glues dialect
 * and typos into new "words" (俺那证 → 那证, 坐过牢能 → 牢能) that no rule or entry could match,
 * while the dictionary alone leaves the characters the rules look for (证, 丢) standing.
 */
function cut(normalized: string): string[] {
  if (!normalized) return [];
  return instance()
    .cutForSearch(normalized, false)
    .map((w) => w.trim())
    .filter((w) => w && !isNoise(w));
}

/** The segmenter over the shared jieba. */
export const segmenter: Segmenter = {
  words: (text) => cut(normalize(text)),
  terms: (text) => [...new Set(cut(normalize(text)).filter((w) => !STOP_WORDS.has(w)))],
};
