import { Like, type EntityManager } from 'typeorm';
import type { Principal } from '../../http/context';
import { Account } from '../auth/account.entity';
import { CardApplication } from '../cards/card-application.entity';
import { LegalProvider } from '../legal-aid/legal-provider.entity';
import type { StoredFile } from './stored-file.entity';

/**
 * Who may read a private file:
 * - its owner;
 * - anyone logged in, for the photo on an active provider's published profile;
 * - staff whose work needs it: an admin; district staff for files of applications in their
 *   district; station staff for files of applications at their station.
 * Everyone else gets 404, as if the file did not exist.
 */
export async function canReadFile(em: EntityManager, principal: Principal, file: StoredFile): Promise<boolean> {
  if (file.ownerAccountId === principal.accountId) return true;
  if (await em.existsBy(LegalProvider, { photoFileId: file.id, active: true })) return true;
  if (principal.roles.includes('admin')) return true;
  const station = principal.roles.includes('station_staff');
  const district = principal.roles.includes('district_staff');
  if (!station && !district) return false;
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) return false;
  const applications = await applicationsWithFile(em, file.id);
  return applications.some(
    (a) => (station && a.stationId === account.stationId) || (district && a.districtId === account.districtId),
  );
}

/** Applications that use the file as their photo or as one of their documents. */
async function applicationsWithFile(em: EntityManager, fileId: number): Promise<CardApplication[]> {
  const asPhoto = await em.find(CardApplication, { where: { photoFileId: fileId }, select: { id: true, stationId: true, districtId: true } });
  // Documents are a JSON list: narrow with LIKE, then read the list to be exact (12 must not match 112).
  const maybe = await em.find(CardApplication, {
    where: { documentFileIds: Like(`%${fileId}%`) },
    select: { id: true, stationId: true, districtId: true, documentFileIds: true },
  });
  return [...asPhoto, ...maybe.filter((a) => (JSON.parse(a.documentFileIds) as number[]).includes(fileId))];
}
