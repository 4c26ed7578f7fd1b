import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { Account } from '../auth/account.entity';
import type { FileReadRule } from '../files/file-use.service';
import { CardApplication } from './card-application.entity';
import type { ReviewerRole } from './card-application.states';

/** A staff member as the card workflow sees them: which review levels, over which station or district. */
export interface Reviewer {
  accountId: number;
  levels: ReviewerRole[];
  stationId: number | null;
  districtId: number | null;
}

export async function loadReviewer(em: EntityManager, principal: Principal): Promise<Reviewer> {
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) throw forbidden();
  const levels: ReviewerRole[] = [];
  if (principal.roles.includes('station_staff') && account.stationId !== null) levels.push('station');
  if (principal.roles.includes('district_staff') && account.districtId !== null) levels.push('district');
  if (levels.length === 0) throw forbidden('仅服务站或区级工作人员可以办理');
  return { accountId: account.id, levels, stationId: account.stationId, districtId: account.districtId };
}

/** Can the reviewer see this application at all? Station staff: their station; district staff: their district. */
export function canSee(r: Reviewer, app: Pick<CardApplication, 'stationId' | 'districtId' | 'status'>): boolean {
  // A draft is the holder's own until they submit it.
  if (app.status === 'draft') return false;
  return (
    (r.levels.includes('station') && app.stationId === r.stationId) ||
    (r.levels.includes('district') && app.districtId === r.districtId)
  );
}

/** 404 for an application outside the reviewer's area: its existence is not revealed. */
export function assertVisible(r: Reviewer, app: CardApplication | null): asserts app is CardApplication {
  if (!app || !canSee(r, app)) throw notFound('申请不存在');
}

/** The reviewer must act at `level` over this application; otherwise 403 (it is visible, the step is not theirs). */
export function assertLevel(r: Reviewer, level: ReviewerRole, app: CardApplication): void {
  const ok =
    level === 'station'
      ? r.levels.includes('station') && app.stationId === r.stationId
      : r.levels.includes('district') && app.districtId === r.districtId;
  if (!ok) throw forbidden(level === 'district' ? '该步骤由区退役军人事务局审核' : '该步骤由服务站审核');
}

/** The reviewer's role in the history: the district level when they act as district staff. */
export const actingLevel = (r: Reviewer, app: CardApplication): ReviewerRole =>
  r.levels.includes('district') && app.districtId === r.districtId ? 'district' : 'station';

/**
 * Read rule for an application's photo and documents: station staff of its station, district
 * staff of its district (whatever its status).
 */
export const readApplicationFile: FileReadRule = async (em, principal, use) => {
  const station = principal.roles.includes('station_staff');
  const district = principal.roles.includes('district_staff');
  if (!station && !district) return false;
  const account = await em.findOneBy(Account, { id: principal.accountId });
  if (!account) return false;
  const app = await em.findOne(CardApplication, {
    where: { id: use.ownerId },
    select: { id: true, stationId: true, districtId: true },
  });
  if (!app) return false;
  return (station && app.stationId === account.stationId) || (district && app.districtId === account.districtId);
};
