import type { EntityManager } from 'typeorm';

/** Whose data: the holder's account, and the identity bound to it (null when none was bound). */
export interface PersonalDataScope {
  accountId: number;
  personId: number | null;
  now: Date;
}

/** Something that must be finished before an account can be deleted, in the holder's words. */
export interface DeletionBlocker {
  what: string;
  action: string;
}

/**
 * What one module keeps about a holder, declared by that module (`personalData` in its
 * declaration). The privacy module asks every module that declares one, so a new module holding
 * personal data is part of 我的信息 and of deleting an account by declaring it here.
 *
 * - `read` gives the module's sections of the holder's summary, ready to send (times as ISO text).
 * - `blockers` names open business that has its own rules and must be finished first.
 * - `erase` removes or anonymises the module's rows inside the deletion's transaction; it returns
 *   the storage keys of files to remove once the transaction has committed.
 */
export interface PersonalDataPart<R extends object = object> {
  read?(em: EntityManager, scope: PersonalDataScope): Promise<R>;
  blockers?(em: EntityManager, scope: PersonalDataScope): Promise<DeletionBlocker[]>;
  erase?(em: EntityManager, scope: PersonalDataScope): Promise<readonly string[] | undefined>;
}

/** Declares a module's part; the sections' type is read from `read`. */
export const personalDataPart = <R extends object>(part: PersonalDataPart<R>): PersonalDataPart<R> => part;

/** A stored instant read by raw SQL: MySQL gives a Date, SQLite the UTC text TypeORM wrote. */
export function rawDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

/** A Date as the driver stores it (SQLite: UTC text; MySQL: a Date), for a raw query's parameter. */
export const dbTime = (em: EntityManager, d: Date): unknown =>
  em.connection.driver.preparePersistentValue(d, { type: 'datetime' } as never);

/** `?, ?, ?` for an IN list. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
