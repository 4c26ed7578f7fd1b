import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { appError } from './error-catalogue';
import { isoTime } from './time';

/** One row of a transition table: from which statuses, to which, and who may take it. */
export interface Transition<S extends string, R extends string> {
  from: readonly S[];
  to: S;
  actors: readonly R[];
}

export type TransitionTable<A extends string, S extends string, R extends string> = Record<A, Transition<S, R>>;

/** The answer when a guarded transition finds the row in another status; every module's routes may give it. */
export const TransitionErrors = {
  moved: appError(409, 'INVALID_TRANSITION', '当前状态不允许此操作，请刷新后重试'),
};

/** The actions `actor` may take on something in `status`, in table order. */
export function allowedActions<A extends string, S extends string, R extends string>(
  table: TransitionTable<A, S, R>,
  status: S,
  actor: R,
): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].from.includes(status) && table[a].actors.includes(actor));
}

/**
 * Moves one row along a transition with a guarded UPDATE: `WHERE id = ? AND status IN (from)`.
 * Zero rows changed means someone else moved it first (or it was never in a `from` status): 409.
 */
export async function applyTransition<E extends ObjectLiteral, S extends string>(
  em: EntityManager,
  entity: EntityTarget<E>,
  id: number,
  transition: { from: readonly S[]; to: S },
  set: Partial<E> = {},
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...set, status: transition.to } as never)
    .where('id = :id AND status IN (:...from)', { id, from: transition.from })
    .execute();
  if (result.affected !== 1) throw TransitionErrors.moved();
}

/** Who took a transition: an account (null for the system's own jobs) and the role it acted in. */
export interface TransitionActor {
  accountId: number | null;
  role: string;
}

/** Where a lifecycle's history rows go: the event entity and the column naming the subject. */
export interface HistorySink<H extends ObjectLiteral> {
  entity: EntityTarget<H>;
  subjectKey: keyof H & string;
}

/**
 * The one way a lifecycle moves: reads the current status, takes `action` from `table` with a guarded
 * `UPDATE … WHERE id = ? AND status = <current>` (the current status must be one of the action's `from`),
 * then writes one history row (who, from, to, reason, when). A status the table forbids, or a racing
 * transition that got there first, is 409 INVALID_TRANSITION and writes nothing.
 * Call inside the service's transaction so the status and its history commit together.
 */
export async function transition<
  E extends ObjectLiteral,
  H extends ObjectLiteral,
  A extends string,
  S extends string,
  R extends string,
>(
  em: EntityManager,
  opts: {
    entity: EntityTarget<E>;
    id: number;
    table: TransitionTable<A, S, R>;
    action: A;
    actor: TransitionActor;
    at: Date;
    reason?: string | null;
    set?: Partial<E>;
    history: HistorySink<H>;
    /** A further condition on the guarded UPDATE (an offer still unexpired, say), in column names. */
    guard?: { where: string; params: Record<string, unknown> };
    /**
     * The error for a forbidden or lost transition, where the module has a more telling one than
     * 409 INVALID_TRANSITION.
     */
    moved?: () => Error;
    /**
     * The status the caller has just read in this transaction, which spares reading it again. The
     * guarded UPDATE still requires it, so a status that moved meanwhile is refused all the same.
     */
    known?: S;
  },
): Promise<{ from: S; to: S; eventId: number }> {
  const step = opts.table[opts.action];
  const moved = opts.moved ?? TransitionErrors.moved;
  const from =
    opts.known ??
    (
      await em
        .createQueryBuilder()
        .select('t.status', 'status')
        .from(opts.entity, 't')
        .where('t.id = :id', { id: opts.id })
        .getRawOne<{ status: S }>()
    )?.status;
  if (from === undefined || !step.from.includes(from)) throw moved();
  const update = em
    .createQueryBuilder()
    .update(opts.entity)
    .set({ ...opts.set, status: step.to } as never)
    .where('id = :transitionId AND status = :transitionFrom', { transitionId: opts.id, transitionFrom: from });
  if (opts.guard) update.andWhere(opts.guard.where, opts.guard.params);
  const result = await update.execute();
  if (result.affected !== 1) throw moved();
  const event = await em.insert(opts.history.entity, {
    [opts.history.subjectKey]: opts.id,
    action: opts.action,
    fromStatus: from,
    toStatus: step.to,
    actorAccountId: opts.actor.accountId,
    actorRole: opts.actor.role,
    reason: opts.reason ?? null,
    createdAt: opts.at,
  } as never);
  return { from, to: step.to, eventId: Number(event.identifiers[0].id) };
}

/** One history row as the API shows it. */
export interface HistoryEntry {
  action: string;
  from: string | null;
  to: string;
  at: string;
  by: string;
  reason: string | null;
}

/** Presents history rows (any `*_event` entity) oldest first; `by` is the acting role, never a name. */
export function presentHistory(
  rows: readonly {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actorRole: string;
    reason: string | null;
    createdAt: Date;
  }[],
): HistoryEntry[] {
  return rows.map((r) => ({
    action: r.action,
    from: r.fromStatus,
    to: r.toStatus,
    at: isoTime(r.createdAt),
    by: r.actorRole,
    reason: r.reason,
  }));
}
