import { In, type EntityManager } from 'typeorm';
import type { Principal } from '../../lib/principal';
import { FileUse } from './file-use.entity';
import type { StoredFile } from './stored-file.entity';

/**
 * Kinds of things that use files (`card_application`, `legal_provider`, …): each belongs to the module
 * that attaches them, which names it in its declaration's `fileReadRules`.
 */
export type FileOwnerType = string;

/** One thing using a file. */
export interface FileOwner {
  ownerType: FileOwnerType;
  ownerId: number;
}

/** What a read rule may know of the file itself. */
export type ReadableFile = Pick<StoredFile, 'id' | 'ownerAccountId' | 'purpose'>;

/**
 * A module's answer to "may this caller read a file that `use` uses?". Registered per owner type
 * when the container is built, so the files module needs to know no other module.
 */
export type FileReadRule = (
  em: EntityManager,
  principal: Principal,
  use: FileOwner,
  file: ReadableFile,
) => Promise<boolean>;

export type FileReadRules = Readonly<Record<FileOwnerType, FileReadRule>>;

/**
 * Records that `owner` uses the files, in the caller's transaction. Files already recorded for
 * the owner are left as they are, also when a concurrent transaction records the same use first
 * (a consistent read may not see its row yet): the insert then ignores the duplicate rather than
 * failing the caller's transaction.
 */
export async function attachFiles(em: EntityManager, fileIds: readonly number[], owner: FileOwner): Promise<void> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return;
  const existing = await em.find(FileUse, {
    where: { fileId: In(ids), ownerType: owner.ownerType, ownerId: owner.ownerId },
    select: { fileId: true },
  });
  const have = new Set(existing.map((u) => u.fileId));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length > 0)
    await em
      .createQueryBuilder()
      .insert()
      .into(FileUse)
      .values(missing.map((fileId) => ({ fileId, ...owner })))
      .orIgnore()
      .execute();
}

/** Forgets that `owner` uses the files, in the caller's transaction. */
export async function detachFiles(em: EntityManager, fileIds: readonly number[], owner: FileOwner): Promise<void> {
  if (fileIds.length === 0) return;
  await em.delete(FileUse, { fileId: In([...new Set(fileIds)]), ownerType: owner.ownerType, ownerId: owner.ownerId });
}

/**
 * Makes `fileIds` exactly the files `owner` uses: the ones it no longer uses are detached (so a
 * replaced photo stops being readable through the owner), new ones attached.
 */
export async function setFileUses(em: EntityManager, fileIds: readonly number[], owner: FileOwner): Promise<void> {
  const current = await em.find(FileUse, {
    where: { ownerType: owner.ownerType, ownerId: owner.ownerId },
    select: { fileId: true },
  });
  const keep = new Set(fileIds);
  await detachFiles(
    em,
    current.map((u) => u.fileId).filter((id) => !keep.has(id)),
    owner,
  );
  await attachFiles(em, fileIds, owner);
}

/** The things using a file, for the files policy. */
export async function usesOfFile(em: EntityManager, fileId: number): Promise<FileOwner[]> {
  const rows = await em.find(FileUse, { where: { fileId }, select: { ownerType: true, ownerId: true } });
  return rows.map((r) => ({ ownerType: r.ownerType as FileOwnerType, ownerId: r.ownerId }));
}
