import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { placementOf } from '../auth/accounts.service';
import type { FileReadRule } from '../files/file-use.service';
import { Appeal } from './appeal.entity';

/**
 * Which appeals a staff member sees: station staff their station's queue; district staff and
 * admins every station's (`stationId` null). Only station and district staff act on them.
 */
export interface AppealStaffScope {
  accountId: number;
  /** Null: every station. */
  stationId: number | null;
  mayAct: boolean;
}

export async function staffScopeOf(em: EntityManager, principal: Principal): Promise<AppealStaffScope> {
  const district = principal.roles.includes('district_staff');
  const admin = principal.roles.includes('admin');
  const station = principal.roles.includes('station_staff');
  if (district || admin) return { accountId: principal.accountId, stationId: null, mayAct: district || station };
  const place = station ? await placementOf(em, principal.accountId) : null;
  if (!place?.stationId) throw forbidden('仅服务站或区级工作人员可以办理');
  return { accountId: principal.accountId, stationId: place.stationId, mayAct: true };
}

export const canSeeAppeal = (scope: AppealStaffScope, appeal: Pick<Appeal, 'stationId'>): boolean =>
  scope.stationId === null || scope.stationId === appeal.stationId;

/** 404 for an appeal outside the staff member's station: its existence is not revealed. */
export function assertVisible(scope: AppealStaffScope, appeal: Appeal | null): asserts appeal is Appeal {
  if (!appeal || !canSeeAppeal(scope, appeal)) throw notFound('诉求不存在');
}

/** Admins read the queue; handling it is the stations' and the district's work. */
export function assertMayAct(scope: AppealStaffScope): void {
  if (!scope.mayAct) throw forbidden('仅服务站或区级工作人员可以办理');
}

/**
 * Read rule for an appeal's attachments: staff who can see the appeal (station staff of its
 * station, district staff). The holder reads them as their owner; admins read every file.
 */
export const readAppealFile: FileReadRule = async (em, principal, use) => {
  if (!principal.roles.includes('station_staff') && !principal.roles.includes('district_staff')) return false;
  const appeal = await em.findOne(Appeal, { where: { id: use.ownerId }, select: { id: true, stationId: true } });
  if (!appeal) return false;
  if (principal.roles.includes('district_staff')) return true;
  const place = await placementOf(em, principal.accountId);
  return !!place?.stationId && place.stationId === appeal.stationId;
};
