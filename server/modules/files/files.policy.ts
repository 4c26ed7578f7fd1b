import { Like, type EntityManager } from 'typeorm';
import type { Principal } from '../../lib/principal';
import { Account } from '../auth/account.entity';
import { CardApplication } from '../cards/card-application.entity';
import { LegalProvider } from '../legal-aid/legal-provider.entity';
import { IdentityChangeRequest } from '../people/identity-change-request.entity';
import type { FilePurpose, StoredFile } from './stored-file.entity';

/**
 * Who may read a private file:
 * - its owner;
 * - anyone logged in, for a profile photo (purpose `profile_photo`) on an active provider's
 *   published profile: no other kind of file becomes public by being pointed at;
 * - staff whose work needs it: an admin; district staff for files of applications and identity
 *   change requests in their district; station staff for those at their station.
 * Everyone else gets 404, as if the file did not exist.
 */
export async function canReadFile(em: EntityManager, principal: Principal, file: StoredFile): Promise<boolean> {
  if (file.ownerAccountId === principal.accountId) return true;
  if (file.purpose === 'profile_photo' && (await em.existsBy(LegalProvider, { photoFileId: file.id, active: true })))
    return true;
  if (principal.roles.includes('admin')) return true;
  const station = principal.roles.includes('station_staff');
  const district = principal.roles.includes('district_staff');
  if (!station && !district) return false;
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) return false;
  const applications = await applicationsWithFile(em, file.id);
  const changes = await changeRequestsWithFile(em, file);
  return [...applications, ...changes].some(
    (a) => (station && a.stationId === account.stationId) || (district && a.districtId === account.districtId),
  );
}

/** Identity change requests that carry the file as a document (only the owner's own requests can). */
async function changeRequestsWithFile(em: EntityManager, file: StoredFile): Promise<IdentityChangeRequest[]> {
  const maybe = await em.find(IdentityChangeRequest, {
    where: { accountId: file.ownerAccountId, documentFileIds: Like(`%${file.id}%`) },
    select: { id: true, stationId: true, districtId: true, documentFileIds: true },
  });
  return maybe.filter((r) => (JSON.parse(r.documentFileIds) as number[]).includes(file.id));
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

/** Applications that use the file as their photo or as one of their documents. */
async function applicationsWithFile(em: EntityManager, fileId: number): Promise<CardApplication[]> {
  const asPhoto = await em.find(CardApplication, {
    where: { photoFileId: fileId },
    select: { id: true, stationId: true, districtId: true },
  });
  // Documents are a JSON list: narrow with LIKE, then read the list to be exact (12 must not match 112).
  const maybe = await em.find(CardApplication, {
    where: { documentFileIds: Like(`%${fileId}%`) },
    select: { id: true, stationId: true, districtId: true, documentFileIds: true },
  });
  return [...asPhoto, ...maybe.filter((a) => (JSON.parse(a.documentFileIds) as number[]).includes(fileId))];
}
