import type { EntityManager } from 'typeorm';
import type { Database } from '../../../db/database';
import { isUniqueViolation } from '../../../db/errors';
import type { Clock } from '../../../lib/clock';
import { notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { Principal } from '../../../lib/principal';
import { applyTransition, transition } from '../../../lib/state-machine';
import { type Explanation, explain } from '../assistant/classify';
import type { KnowledgeAnswer, Understanding } from '../assistant/intents';
import { normalize } from '../assistant/normalize';
import { fromKnowledge } from '../chat-answers';
import {
  changedParts,
  editReason,
  type EntryActor,
  type EntryInput,
  type EntryPatch,
  insertDraft,
  missingForPublish,
  recordEntryEvent,
  writeEdit,
} from './entries';
import { IndexRefresher } from './index-refresher';
import { KnowledgeEntryEvent } from './knowledge-entry-event.entity';
import { KnowledgeEntry } from './knowledge-entry.entity';
import {
  EDITABLE_STATUSES,
  ENTRY_TRANSITIONS,
  type EntryAction,
  type EntryStatus,
  UNANSWERED_TRANSITIONS,
  type UnansweredStatus,
} from './knowledge-entry.states';
import { bumpVersion, loadIndexSource, readVersion, toAnswer } from './knowledge-store';
import { KnowledgeSynonym } from './knowledge-synonym.entity';
import { KnowledgeUnanswered } from './knowledge-unanswered.entity';
import { KnowledgeErrors } from './knowledge.errors';
import { assertCanManage, assertCanRead, KNOWLEDGE_MANAGERS } from './knowledge.policy';
import { countUnanswered } from './unanswered';

export type { EntryInput, EntryPatch } from './entries';

/** What the assistant would say to a question, for staff trying one out. */
export interface TriedAnswer {
  explanation: Explanation;
  /** The entry's answer as the holder reads it (links turned into buttons), when an entry answers. */
  answer: { text: string; links: Array<{ label: string; page: string }> } | null;
}

/** The staff list's filters. */
export interface EntryFilter {
  status?: EntryStatus;
  tag?: string;
  /** Words in the question or the other phrasings. */
  q?: string;
  beforeId?: number;
  limit: number;
}

/** Hints the conversation has beyond the text. */
export interface UnderstandHints {
  hasLocation?: boolean;
}

/**
 * Characters LIKE treats specially, escaped so a search for "50%" means the text. The escape
 * character is `!`: a backslash means different things in MySQL's and SQLite's string literals.
 */
const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/**
 * The assistant's understanding and the policy knowledge base behind it. Holders' messages are
 * classified against an in-memory index of the published entries; staff write, publish and
 * archive entries, manage synonyms and turn unanswered questions into drafts. Every change moves
 * the knowledge base's version in its transaction; every instance rebuilds its index when it sees
 * the version move.
 */
export class KnowledgeService {
  private readonly refresher: IndexRefresher;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    logger: Logger,
    opts: { checkEveryMs?: number } = {},
  ) {
    this.refresher = new IndexRefresher(
      () => readVersion(db),
      () => loadIndexSource(db),
      clock,
      logger.child({ part: 'knowledge-index' }),
      opts.checkEveryMs,
    );
  }

  // ---- The assistant ----

  /** Understands a holder's message (refreshing the index first when the knowledge base moved elsewhere). */
  async understand(text: string, hints: UnderstandHints = {}): Promise<Understanding> {
    return (await this.explain(text, hints)).understanding;
  }

  /** The same, with the evidence: the rules that scored and the closest entries (for staff trying questions). */
  async explain(text: string, hints: UnderstandHints = {}): Promise<Explanation> {
    return explain(await this.refresher.index(), text, hints);
  }

  /** How the assistant reads a question, for staff trying one out. */
  async tryQuestion(principal: Principal, text: string, hints: UnderstandHints = {}): Promise<Explanation> {
    assertCanRead(principal);
    return this.explain(text, hints);
  }

  /**
   * What the assistant would answer a holder asking this: the same understanding, the same entry
   * and the entry's answer rendered as the conversation renders it. Writes nothing: no
   * conversation, no unanswered question counted.
   */
  async tryAnswer(principal: Principal, text: string, hints: UnderstandHints = {}): Promise<TriedAnswer> {
    assertCanRead(principal);
    const explanation = await this.explain(text, hints);
    const k = explanation.understanding.knowledge;
    if (!k) return { explanation, answer: null };
    const quoted = fromKnowledge(k);
    const links = (quoted.quickReplies ?? []).flatMap((q) => ('page' in q ? [{ label: q.label, page: q.page }] : []));
    return { explanation, answer: { text: quoted.text, links } };
  }

  /**
   * Counts a question the assistant could not answer, inside the caller's transaction (normalised:
   * the same question asked with other punctuation or politeness counts as the same).
   */
  async recordUnanswered(em: EntityManager, text: string, accountId: number): Promise<void> {
    await countUnanswered(em, text, accountId, this.clock.now());
  }

  /** A published entry as the conversation quotes it; null when it is not (or no longer) published. */
  async entry(id: number): Promise<KnowledgeAnswer | null> {
    const e = await this.db.manager.findOneBy(KnowledgeEntry, { id, status: 'published' });
    return e ? toAnswer(e) : null;
  }

  /** Resolves once no index check or build is under way. */
  indexSettled(): Promise<void> {
    return this.refresher.settled();
  }

  // ---- Staff: entries ----

  /** Entries newest first, filtered by status, tag and words of the question or phrasings. */
  async list(principal: Principal, filter: EntryFilter): Promise<KnowledgeEntry[]> {
    assertCanRead(principal);
    const qb = this.db.manager.createQueryBuilder(KnowledgeEntry, 'e').orderBy('e.id', 'DESC').take(filter.limit);
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: filter.beforeId });
    if (filter.tag) {
      // Tags are stored joined with commas: the tag alone, first, last or between two commas.
      const t = likeEscape(filter.tag);
      qb.andWhere(
        "(e.tags = :tag OR e.tags LIKE :first ESCAPE '!' OR e.tags LIKE :last ESCAPE '!' OR e.tags LIKE :mid ESCAPE '!')",
        { tag: filter.tag, first: `${t},%`, last: `%,${t}`, mid: `%,${t},%` },
      );
    }
    if (filter.q) {
      const like = `%${likeEscape(normalize(filter.q))}%`;
      qb.andWhere("(e.question LIKE :like ESCAPE '!' OR e.phrasings LIKE :like ESCAPE '!')", { like });
    }
    return qb.getMany();
  }

  async get(principal: Principal, id: number): Promise<KnowledgeEntry> {
    assertCanRead(principal);
    return this.findEntry(this.db.manager, id);
  }

  /** An entry's history, oldest first. */
  async history(principal: Principal, id: number): Promise<KnowledgeEntryEvent[]> {
    assertCanRead(principal);
    await this.findEntry(this.db.manager, id);
    return this.db.manager.find(KnowledgeEntryEvent, { where: { entryId: id }, order: { id: 'ASC' } });
  }

  /** Writes a new entry as a draft, with its first history row. */
  async create(principal: Principal, input: EntryInput): Promise<KnowledgeEntry> {
    const actor = this.actor(principal);
    const id = await this.write(async (em, now) => insertDraft(em, input, actor, now));
    return this.findEntry(this.db.manager, id);
  }

  /**
   * Edits an entry's content.
   * 1. Archived entries are not edited (409 KNOWLEDGE_ARCHIVED); an edit naming an older revision
   *    is refused (409 KNOWLEDGE_EDIT_CONFLICT).
   * 2. Only the parts that really change are written, guarded by the revision read, with a history
   *    row naming them; a published entry answers holders with the new content at once.
   */
  async edit(principal: Principal, id: number, patch: EntryPatch): Promise<KnowledgeEntry> {
    const actor = this.actor(principal);
    await this.write(async (em, now) => {
      const e = await this.findEntry(em, id);
      if (!EDITABLE_STATUSES.includes(e.status)) throw KnowledgeErrors.entryArchived();
      if (patch.revision !== undefined && patch.revision !== e.revision) throw KnowledgeErrors.editConflict();
      const parts = changedParts(e, patch);
      if (parts.length === 0) return;
      if (!(await writeEdit(em, e, patch, actor.accountId, now))) throw KnowledgeErrors.editConflict();
      const reason = editReason(parts);
      await recordEntryEvent(em, id, { action: 'edit', from: e.status, to: e.status, reason }, actor, now);
    });
    return this.findEntry(this.db.manager, id);
  }

  /** draft → published; the entry must have an answer and a source (409 KNOWLEDGE_INCOMPLETE). */
  async publish(principal: Principal, id: number, reason?: string): Promise<KnowledgeEntry> {
    return this.move(principal, id, 'publish', reason, (e) => {
      const missing = missingForPublish(e);
      if (missing.length > 0) throw KnowledgeErrors.entryIncomplete(missing);
    });
  }

  /** draft | published → archived: it stops answering holders. */
  async archive(principal: Principal, id: number, reason?: string): Promise<KnowledgeEntry> {
    return this.move(principal, id, 'archive', reason);
  }

  /** archived → draft, to be edited and published again. */
  async restore(principal: Principal, id: number, reason?: string): Promise<KnowledgeEntry> {
    return this.move(principal, id, 'restore', reason);
  }

  // ---- Staff: synonyms ----

  async synonyms(principal: Principal): Promise<KnowledgeSynonym[]> {
    assertCanRead(principal);
    return this.db.manager.find(KnowledgeSynonym, { order: { term: 'ASC', id: 'ASC' } });
  }

  /** Adds a synonym (the term normalised; one synonym per term: 409 SYNONYM_EXISTS). */
  async addSynonym(principal: Principal, term: string, canonical: string): Promise<KnowledgeSynonym> {
    const actor = this.actor(principal);
    const id = await this.write(async (em, now) => {
      try {
        const r = await em.insert(KnowledgeSynonym, {
          term: normalize(term),
          canonical: normalize(canonical),
          createdBy: actor.accountId,
          createdAt: now,
        });
        return Number(r.identifiers[0].id);
      } catch (err) {
        if (isUniqueViolation(err)) throw KnowledgeErrors.synonymExists();
        throw err;
      }
    });
    return this.db.manager.findOneByOrFail(KnowledgeSynonym, { id });
  }

  async removeSynonym(principal: Principal, id: number): Promise<void> {
    this.actor(principal);
    await this.write(async (em) => {
      const r = await em.delete(KnowledgeSynonym, { id });
      if (!r.affected) throw notFound('同义词不存在');
    });
  }

  // ---- Staff: unanswered questions ----

  /** Questions the assistant could not answer, most askers first (then most askings, most recent). */
  async unanswered(
    principal: Principal,
    filter: { status: UnansweredStatus; offset: number; limit: number },
  ): Promise<KnowledgeUnanswered[]> {
    assertCanRead(principal);
    return this.db.manager.find(KnowledgeUnanswered, {
      where: { status: filter.status },
      order: { askerCount: 'DESC', askCount: 'DESC', lastAskedAt: 'DESC', id: 'DESC' },
      skip: filter.offset,
      take: filter.limit,
    });
  }

  /**
   * Makes a draft entry of an open question (its words as the question and first phrasing) and
   * marks the question converted, in one transaction; 409 INVALID_TRANSITION once handled.
   */
  async convertUnanswered(principal: Principal, id: number, question?: string): Promise<KnowledgeEntry> {
    const actor = this.actor(principal);
    const entryId = await this.write(async (em, now) => {
      const row = await em.findOneBy(KnowledgeUnanswered, { id });
      if (!row) throw notFound('问题不存在');
      if (row.status !== 'open') throw KnowledgeErrors.questionHandled();
      const asked = row.text.slice(0, 200);
      const draft: EntryInput = {
        question: question ?? asked,
        phrasings: question && question !== asked ? [asked] : [],
        answer: '',
        source: { document: '', article: null, issuer: null, effectiveDate: null },
        tags: ['来自未答问题'],
      };
      const made = await insertDraft(em, draft, actor, now, '由未答问题转入');
      // Guarded: of two staff converting the same question at once, one gets 409.
      await applyTransition(em, KnowledgeUnanswered, id, UNANSWERED_TRANSITIONS.convert, {
        entryId: made,
        handledBy: actor.accountId,
        handledAt: now,
      });
      return made;
    });
    return this.findEntry(this.db.manager, entryId);
  }

  /** Marks an open question as not for the knowledge base; 409 INVALID_TRANSITION once handled. */
  async dismissUnanswered(principal: Principal, id: number): Promise<KnowledgeUnanswered> {
    const actor = this.actor(principal);
    await this.db.transaction(async (em) => {
      const row = await em.findOneBy(KnowledgeUnanswered, { id });
      if (!row) throw notFound('问题不存在');
      if (row.status !== 'open') throw KnowledgeErrors.questionHandled();
      await applyTransition(em, KnowledgeUnanswered, id, UNANSWERED_TRANSITIONS.dismiss, {
        handledBy: actor.accountId,
        handledAt: this.clock.now(),
      });
    });
    return this.db.manager.findOneByOrFail(KnowledgeUnanswered, { id });
  }

  // ---- Inside ----

  /** The manager acting, in the role their history rows name (403 for anyone else). */
  private actor(principal: Principal): EntryActor {
    assertCanManage(principal);
    const role = KNOWLEDGE_MANAGERS.find((r) => principal.roles.includes(r))!;
    return { accountId: principal.accountId, role };
  }

  private async findEntry(em: EntityManager, id: number): Promise<KnowledgeEntry> {
    const e = await em.findOneBy(KnowledgeEntry, { id });
    if (!e) throw notFound('知识条目不存在');
    return e;
  }

  /**
   * Runs a change to the knowledge base: in one transaction with the version's move, then
   * rebuilds this instance's index, so the change answers (or stops answering) this instance's
   * next message; other instances see it at their next version check.
   */
  private async write<T>(work: (em: EntityManager, now: Date) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const out = await work(em, now);
      await bumpVersion(em, now);
      return out;
    });
    await this.refresher.rebuild().catch(() => undefined);
    return result;
  }

  /** Takes a transition of the entry table with its history row (and a check before it, if any). */
  private async move(
    principal: Principal,
    id: number,
    action: EntryAction,
    reason: string | undefined,
    check?: (e: KnowledgeEntry) => void,
  ): Promise<KnowledgeEntry> {
    const actor = this.actor(principal);
    await this.write(async (em, now) => {
      const e = await this.findEntry(em, id);
      check?.(e);
      await transition(em, {
        entity: KnowledgeEntry,
        id,
        table: ENTRY_TRANSITIONS,
        action,
        actor,
        at: now,
        reason: reason ?? null,
        set: action === 'publish' ? { publishedAt: now, updatedAt: now } : { updatedAt: now },
        history: { entity: KnowledgeEntryEvent, subjectKey: 'entryId' },
        moved: KnowledgeErrors.entryMoved,
      });
    });
    return this.findEntry(this.db.manager, id);
  }
}
