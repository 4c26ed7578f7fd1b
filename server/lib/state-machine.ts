import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { appError } from './error-catalogue';

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
