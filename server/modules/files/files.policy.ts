import type { EntityManager } from 'typeorm';
import type { Principal } from '../../lib/principal';
import { usesOfFile, type FileReadRules } from './file-use.service';
import type { FilePurpose, StoredFile } from './stored-file.entity';

/**
 * Who may read a private file:
 * - its owner;
 * - an admin;
 * - whoever the read rule of something using the file lets in (`file_use` says what uses it; the
 *   owning module registers the rule for its owner type): staff of the application's station or
 *   district, anyone logged in for an active provider's profile photo, staff who may see the
 *   identity change request it documents.
 * Everyone else gets 404, as if the file did not exist.
 */
export async function canReadFile(
  em: EntityManager,
  principal: Principal,
  file: StoredFile,
  rules: FileReadRules,
): Promise<boolean> {
  if (file.ownerAccountId === principal.accountId) return true;
  if (principal.roles.includes('admin')) return true;
  for (const use of await usesOfFile(em, file.id)) {
    const rule = Object.hasOwn(rules, use.ownerType) ? rules[use.ownerType] : undefined;
    if (rule && (await rule(em, principal, use, file))) return true;
  }
  return false;
}

/**
 * Whether a file a client names may be attached somewhere: it must be of the purpose the place
 * takes, and uploaded by one of the accounts allowed to supply it (the caller, usually). Anything
 * else (someone's ID document pointed at as a profile photo, say) is refused the same way as an id
 * that does not exist, so the answer reveals nothing about other people's files.
 */
export function canAttachFile(
  file: StoredFile | null,
  rule: { purpose: FilePurpose; owners: ReadonlyArray<number | null | undefined> },
): file is StoredFile {
  return !!file && file.purpose === rule.purpose && rule.owners.some((o) => o != null && o === file.ownerAccountId);
}
