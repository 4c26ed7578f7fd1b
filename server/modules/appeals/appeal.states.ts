import type { TransitionTable } from '../../lib/state-machine';

/**
 * An appeal or errand (诉求 / 代办): submitted → accepted (受理: a handler and a promised date) →
 * in_progress → resolved (办结: the outcome) → confirmed by the holder, or reopened once (back to
 * in_progress with the same handler); rejected with a reason while submitted or accepted.
 */
export const APPEAL_STATUSES = ['submitted', 'accepted', 'in_progress', 'resolved', 'confirmed', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Who moves an appeal: the holder who filed it, or the staff who handle it. */
export type AppealActor = 'holder' | 'staff';

export const APPEAL_TRANSITIONS = {
  accept: { from: ['submitted'], to: 'accepted', actors: ['staff'] },
  start: { from: ['accepted'], to: 'in_progress', actors: ['staff'] },
  resolve: { from: ['in_progress'], to: 'resolved', actors: ['staff'] },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', actors: ['staff'] },
  confirm: { from: ['resolved'], to: 'confirmed', actors: ['holder'] },
  reopen: { from: ['resolved'], to: 'in_progress', actors: ['holder'] },
} as const satisfies TransitionTable<string, AppealStatus, AppealActor>;

export type AppealTransition = keyof typeof APPEAL_TRANSITIONS;

/** Every history row's action: the transitions, the filing and the rating (which moves no status). */
export type AppealAction = AppealTransition | 'submit' | 'rate';

/** The holder's actions: the table's, plus rating once the work is done. */
export type HolderAction = 'confirm' | 'reopen' | 'rate';

/** Statuses after which the holder may rate the handling (once). */
export const RATABLE: readonly AppealStatus[] = ['resolved', 'confirmed'];

/** Statuses in which the work is under way: past the promised date they are overdue. */
export const OPEN_WORK: readonly AppealStatus[] = ['accepted', 'in_progress'];

/** How many times a holder may send a resolved appeal back. */
export const MAX_REOPENS = 1;

/** How many appeals and errands one holder may file per day (Asia/Shanghai). */
export const APPEALS_PER_DAY = 5;

/** Attachments one appeal may carry. */
export const MAX_FILES = 9;
