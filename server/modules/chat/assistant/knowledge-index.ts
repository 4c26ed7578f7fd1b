import type { KnowledgeAnswer } from './intents';
import { normalize } from './normalize';
import { segmenter as defaultSegmenter, type Segmenter } from './segmenter';

/** One published entry as the index takes it. */
export interface IndexDoc {
  answer: KnowledgeAnswer;
  phrasings: readonly string[];
  tags: readonly string[];
}

/** A staff-managed synonym: a word people use (丢了) and the word the entries use (挂失). */
export interface SynonymPair {
  term: string;
  canonical: string;
}

/**
 * A message ready for retrieval: its topic words, and the synonym groups it triggered (the words
 * that triggered each and the canonical words it adds). A group counts as one concept.
 */
export interface AnalysedQuery {
  text: string;
  /** Every word, punctuation dropped (for the rules). */
  allWords: string[];
  /** Topic words plus the synonyms' canonical words, without duplicates. */
  terms: string[];
  groups: { from: string[]; to: string[] }[];
}

/** A candidate answer: BM25 ranks, relevance (0..1) decides whether it answers at all. */
export interface KnowledgeHit {
  answer: KnowledgeAnswer;
  score: number;
  relevance: number;
  /** How much of the message the entry covers, and how much of its closest question the message covers. */
  cover: { query: number; title: number };
}

/** Field weights: a match in the question or a phrasing says far more than one in the answer's body. */
const FIELD_WEIGHT = { title: 3, tags: 1.5, body: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS = Object.keys(FIELD_WEIGHT) as Field[];
const K1 = 1.2;
const B = 0.75;
/** How many BM25 candidates are compared by relevance. */
const CANDIDATES = 10;
/** How much the BM25 score (relative to the best) weighs in the final order of the candidates. */
const RANK_BY_SCORE = 0.4;
/** A word found only in an answer's body covers the question half as well as one in its title. */
const BODY_ONLY_COVER = 0.5;
/** A topic word no entry uses weighs this share of the rarest word's weight. */
const UNSEEN_SHARE = 0.6;
/**
 * Below this share of its closest question covered, an entry's relevance shrinks in proportion: one
 * shared word (找 in 怎么找工作人员) is not an answer.
 */
const MIN_TITLE_COVER = 0.6;
/**
 * A question made only of common words (什么是优待证) is covered by any message that names the
 * card: below this share of the rarest word's weight, a title's coverage counts in proportion to
 * its weight (a share, so that it means the same in a small knowledge base and a large one).
 */
const MIN_TITLE_SHARE = 0.5;

/**
 * How much the entry's side counts against the message's side: even for short messages, growing for
 * long ones, whose many words (a life story before the question) no entry could cover.
 */
const titleShare = (terms: number) => Math.min(0.8, Math.max(0.5, 0.5 + (terms - 6) * 0.025));

/** A term's entries, each with the term's whole BM25F contribution to it (it depends on no query). */
interface Posting {
  doc: number;
  tf: Record<Field, number>;
  score: number;
}

interface DocStats {
  answer: KnowledgeAnswer;
  length: Record<Field, number>;
  /** The question and each phrasing as term sets: relevance asks how much of one of them is covered. */
  titles: string[][];
  titleTerms: Set<string>;
  bodyTerms: Set<string>;
}

/** BM25F: the fields' length-normalised, weighted term frequencies, saturated once. */
function saturate(tf: Record<Field, number>, length: Record<Field, number>, avg: Record<Field, number>): number {
  let weighted = 0;
  for (const f of FIELDS) {
    if (tf[f] > 0) weighted += (FIELD_WEIGHT[f] * tf[f]) / (1 - B + (B * length[f]) / avg[f]);
  }
  return (weighted * (K1 + 1)) / (weighted + K1);
}

/** The `k` best (entry, score) pairs, best first, ties to the lower entry; without sorting them all. */
function topScores(scores: Map<number, number>, k: number): [number, number][] {
  const best: [number, number][] = [];
  const better = (a: [number, number], b: [number, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const entry of scores) {
    if (best.length === k && !better(entry, best[k - 1])) continue;
    let i = Math.min(best.length, k - 1);
    if (best.length < k) best.push(entry);
    else best[i] = entry;
    while (i > 0 && better(best[i], best[i - 1])) {
      [best[i], best[i - 1]] = [best[i - 1], best[i]];
      i--;
    }
  }
  return best;
}

/** Link markup `[文字](/page)` keeps only its words for indexing. */
const stripLinks = (s: string) => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

const count = (terms: string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

/**
 * An immutable in-memory index of the published entries: BM25F over the segmented question and
 * phrasings, tags and answer, with the staff's synonyms applied to each message. Built whole and
 * swapped in whole, so a search never sees a half-built index.
 */
export class KnowledgeIndex {
  private constructor(
    private readonly docs: DocStats[],
    private readonly postings: Map<string, Posting[]>,
    private readonly idf: Map<string, number>,
    private readonly synonyms: { term: string; from: string[]; to: string[] }[],
    private readonly unseenWeight: number,
    private readonly minTitleWeight: number,
    readonly segmenter: Segmenter,
  ) {}

  /** How many entries it holds. */
  get size(): number {
    return this.docs.length;
  }

  /**
   * Builds the index. With `yieldEvery`, hands the event loop back every that many entries, so a
   * rebuild of a large knowledge base does not hold up requests (segmenting is synchronous).
   */
  static async build(
    docs: readonly IndexDoc[],
    synonyms: readonly SynonymPair[],
    opts: { segmenter?: Segmenter; yieldEvery?: number } = {},
  ): Promise<KnowledgeIndex> {
    const seg = opts.segmenter ?? defaultSegmenter;
    const stats: DocStats[] = [];
    const postings = new Map<string, Posting[]>();
    for (const [i, doc] of docs.entries()) {
      if (opts.yieldEvery && i > 0 && i % opts.yieldEvery === 0) await new Promise((r) => setImmediate(r));
      stats.push(KnowledgeIndex.addDoc(doc, seg, stats.length, postings));
    }
    return KnowledgeIndex.assemble(stats, postings, synonyms, seg);
  }

  /** The same, all at once (tests, the benchmark). */
  static buildNow(docs: readonly IndexDoc[], synonyms: readonly SynonymPair[], seg = defaultSegmenter): KnowledgeIndex {
    const stats: DocStats[] = [];
    const postings = new Map<string, Posting[]>();
    for (const doc of docs) stats.push(KnowledgeIndex.addDoc(doc, seg, stats.length, postings));
    return KnowledgeIndex.assemble(stats, postings, synonyms, seg);
  }

  private static addDoc(doc: IndexDoc, seg: Segmenter, n: number, postings: Map<string, Posting[]>): DocStats {
    const titles = [doc.answer.question, ...doc.phrasings].map((t) => seg.terms(t));
    const fields: Record<Field, string[]> = {
      title: titles.flat(),
      tags: doc.tags.flatMap((t) => seg.terms(t)),
      body: seg.terms(`${stripLinks(doc.answer.answer)} ${doc.answer.source.document}`),
    };
    const tfs = new Map<string, Record<Field, number>>();
    for (const f of FIELDS) {
      for (const [term, c] of count(fields[f])) {
        const tf = tfs.get(term) ?? { title: 0, tags: 0, body: 0 };
        tf[f] = c;
        tfs.set(term, tf);
      }
    }
    for (const [term, tf] of tfs) {
      const list = postings.get(term) ?? [];
      list.push({ doc: n, tf, score: 0 });
      postings.set(term, list);
    }
    return {
      answer: doc.answer,
      length: { title: fields.title.length, tags: fields.tags.length, body: fields.body.length },
      titles: titles.filter((t) => t.length > 0),
      titleTerms: new Set([...fields.title, ...fields.tags]),
      bodyTerms: new Set(fields.body),
    };
  }

  private static assemble(
    stats: DocStats[],
    postings: Map<string, Posting[]>,
    synonyms: readonly SynonymPair[],
    seg: Segmenter,
  ): KnowledgeIndex {
    const n = stats.length;
    const idf = new Map<string, number>();
    for (const [term, list] of postings) idf.set(term, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
    const avgLength = { title: 0, tags: 0, body: 0 };
    for (const f of FIELDS) avgLength[f] = n === 0 ? 1 : Math.max(1, stats.reduce((s, d) => s + d.length[f], 0) / n);
    for (const [term, list] of postings) {
      const termIdf = idf.get(term) ?? 0;
      for (const p of list) p.score = termIdf * saturate(p.tf, stats[p.doc].length, avgLength);
    }
    const maxIdf = Math.max(0, Math.log(1 + (n - 1 + 0.5) / 1.5));
    const expanded = synonyms
      .map((s) => ({ term: normalize(s.term), from: seg.terms(s.term), to: seg.terms(s.canonical) }))
      .filter((s) => s.term && s.to.length > 0);
    const unseen = Math.max(1, maxIdf) * UNSEEN_SHARE;
    return new KnowledgeIndex(stats, postings, idf, expanded, unseen, maxIdf * MIN_TITLE_SHARE, seg);
  }

  /**
   * Segments a message and applies the synonyms: a synonym applies when its term is one of the
   * message's words or, for a phrase (丢了), appears in the normalised text.
   */
  analyse(text: string): AnalysedQuery {
    const norm = normalize(text);
    const allWords = this.segmenter.words(norm);
    const topic = this.segmenter.terms(norm);
    const wordSet = new Set(allWords);
    const groups: AnalysedQuery['groups'] = [];
    for (const s of this.synonyms) {
      const applies = wordSet.has(s.term) || (s.term.length >= 2 && norm.includes(s.term));
      if (applies) groups.push({ from: s.from.filter((t) => topic.includes(t)), to: s.to });
    }
    const terms = [...new Set([...topic, ...groups.flatMap((g) => g.to)])];
    return { text: norm, allWords: [...new Set([...allWords, ...groups.flatMap((g) => g.to)])], terms, groups };
  }

  /** The best entries for an analysed message: BM25 picks the candidates, relevance orders them. */
  search(query: AnalysedQuery, limit = 3): KnowledgeHit[] {
    const scores = new Map<number, number>();
    for (const term of query.terms) {
      for (const p of this.postings.get(term) ?? []) scores.set(p.doc, (scores.get(p.doc) ?? 0) + p.score);
    }
    const ranked = topScores(scores, CANDIDATES);
    const top = ranked[0]?.[1] ?? 1;
    // Relevance decides, tempered by BM25: an entry matching one synonym well must not beat the
    // entry the message is mostly about.
    const rank = (h: KnowledgeHit) => h.relevance * (1 - RANK_BY_SCORE + (RANK_BY_SCORE * h.score) / top);
    return ranked
      .map(([doc, score]) => ({ answer: this.docs[doc].answer, score, ...this.relevance(query, doc) }))
      .sort((a, b) => rank(b) - rank(a) || b.score - a.score || a.answer.id - b.answer.id)
      .slice(0, limit);
  }

  /** A term's weight: its IDF, or a high weight for a word no entry uses (the message is about something else). */
  private weight(term: string): number {
    return this.idf.get(term) ?? this.unseenWeight;
  }

  /**
   * How well an entry answers, 0..1: a weighted geometric mean of how much of the message it covers (weighted by
   * rarity; a synonym group counts once) and how much of its closest question or phrasing the
   * message covers, the latter counting more for long messages. Long messages still reach an entry
   * whose question they contain; short ones about something else do not.
   */
  private relevance(query: AnalysedQuery, doc: number): { relevance: number; cover: KnowledgeHit['cover'] } {
    const d = this.docs[doc];
    const cover = (t: string) => (d.titleTerms.has(t) ? 1 : d.bodyTerms.has(t) ? BODY_ONLY_COVER : 0);
    const grouped = new Set(query.groups.flatMap((g) => [...g.from, ...g.to]));
    let total = 0;
    let covered = 0;
    for (const t of query.terms) {
      if (grouped.has(t)) continue;
      total += this.weight(t);
      covered += this.weight(t) * cover(t);
    }
    for (const g of query.groups) {
      const members = [...g.from, ...g.to];
      const w = Math.max(...members.map((t) => this.weight(t)));
      total += w;
      covered += w * Math.max(...members.map(cover));
    }
    const queryCover = total > 0 ? covered / total : 0;
    const qset = new Set(query.terms);
    let titleCover = 0;
    for (const title of d.titles) {
      const all = title.reduce((s, t) => s + this.weight(t), 0);
      const hit = title.filter((t) => qset.has(t)).reduce((s, t) => s + this.weight(t), 0);
      if (all > 0) titleCover = Math.max(titleCover, (hit / all) * Math.min(1, all / this.minTitleWeight));
    }
    // A weighted geometric mean: both sides must hold, the entry's side more so for long messages.
    const share = titleShare(query.terms.length);
    const blended = queryCover ** (1 - share) * titleCover ** share;
    const relevance = blended * Math.min(1, titleCover / MIN_TITLE_COVER);
    return { relevance, cover: { query: queryCover, title: titleCover } };
  }
}
