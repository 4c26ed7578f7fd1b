import type { TransitionTable } from '../../../lib/state-machine';

/**
 * A knowledge-base entry: draft → published → archived. Only published entries answer holders;
 * an archived one can be restored to a draft, edited and published again.
 */
export const ENTRY_STATUSES = ['draft', 'published', 'archived'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Who moves entries: the bureau's staff who manage the knowledge base. */
export type EntryActor = 'staff';

export const ENTRY_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published', actors: ['staff'] },
  archive: { from: ['draft', 'published'], to: 'archived', actors: ['staff'] },
  restore: { from: ['archived'], to: 'draft', actors: ['staff'] },
} as const satisfies TransitionTable<string, EntryStatus, EntryActor>;

export type EntryAction = keyof typeof ENTRY_TRANSITIONS;

/** Statuses in which an entry's content may be edited (an archived entry is restored first). */
export const EDITABLE_STATUSES: readonly EntryStatus[] = ['draft', 'published'];

/**
 * A question the assistant could not answer: open → converted (staff made a draft entry of it) |
 * dismissed (not something the knowledge base should answer).
 */
export const UNANSWERED_STATUSES = ['open', 'converted', 'dismissed'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

export const UNANSWERED_TRANSITIONS = {
  convert: { from: ['open'], to: 'converted', actors: ['staff'] },
  dismiss: { from: ['open'], to: 'dismissed', actors: ['staff'] },
} as const satisfies TransitionTable<string, UnansweredStatus, EntryActor>;
