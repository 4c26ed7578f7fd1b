import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { Account } from '../auth/account.entity';
import type { FileReadRule } from '../files/file-use.service';
import { IdentityChangeRequest } from './identity-change-request.entity';

/**
 * Staff deciding identity changes, scoped as card review is: station staff over the station that
 * verified the identity, district staff over its district, an admin over all.
 */
export interface ChangeReviewer {
  accountId: number;
  admin: boolean;
  /** Set when the caller acts as station staff. */
  stationId: number | null;
  /** Set when the caller acts as district staff. */
  districtId: number | null;
}

export async function loadChangeReviewer(em: EntityManager, principal: Principal): Promise<ChangeReviewer> {
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) throw forbidden();
  const r: ChangeReviewer = {
    accountId: account.id,
    admin: principal.roles.includes('admin'),
    stationId: principal.roles.includes('station_staff') ? account.stationId : null,
    districtId: principal.roles.includes('district_staff') ? account.districtId : null,
  };
  if (!r.admin && r.stationId === null && r.districtId === null)
    throw forbidden('仅服务站、区级工作人员或管理员可以办理');
  return r;
}

export function canSeeChange(r: ChangeReviewer, req: Pick<IdentityChangeRequest, 'stationId' | 'districtId'>): boolean {
  return (
    r.admin ||
    (r.stationId !== null && req.stationId === r.stationId) ||
    (r.districtId !== null && req.districtId === r.districtId)
  );
}

/** 404 for a request outside the caller's area: its existence is not revealed. */
export function assertChangeVisible(
  r: ChangeReviewer,
  req: IdentityChangeRequest | null,
): asserts req is IdentityChangeRequest {
  if (!req || !canSeeChange(r, req)) throw notFound('变更申请不存在');
}

/**
 * Read rule for a change request's documents: station staff of the request's station, district
 * staff of its district. Only the holder's own uploads count as a request's documents.
 */
export const readChangeRequestFile: FileReadRule = async (em, principal, use, file) => {
  const station = principal.roles.includes('station_staff');
  const district = principal.roles.includes('district_staff');
  if (!station && !district) return false;
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) return false;
  const req = await em.findOne(IdentityChangeRequest, {
    where: { id: use.ownerId, accountId: file.ownerAccountId },
    select: { id: true, stationId: true, districtId: true },
  });
  if (!req) return false;
  return (station && req.stationId === account.stationId) || (district && req.districtId === account.districtId);
};
