import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { placementOf } from '../auth/accounts.service';
import type { FileReadRule } from '../files/file-use.service';
import { Appeal } from './appeal.entity';
import type { AppealTransition } from './appeal.states';

/**
 * Which appeals a staff member sees: station staff their station's queue; district staff and
 * admins every station's (`stationId` null); a 代办员 only those assigned to them. Station and
 * district staff act on them; a 代办员 starts and settles their own; admins only read.
 */
export interface AppealStaffScope {
  accountId: number;
  /** Null: every station. */
  stationId: number | null;
  mayAct: boolean;
  /** A 代办员: only appeals whose handler they are, and only the steps of the work itself. */
  handlerOnly: boolean;
}

/** The steps a 代办员 takes on an appeal assigned to them: accepting and refusing are the station's. */
export const RUNNER_ACTIONS: readonly AppealTransition[] = ['start', 'resolve'];

export async function staffScopeOf(em: EntityManager, principal: Principal): Promise<AppealStaffScope> {
  const district = principal.roles.includes('district_staff');
  const admin = principal.roles.includes('admin');
  const station = principal.roles.includes('station_staff');
  const runner = principal.roles.includes('errand_runner');
  const scope = { accountId: principal.accountId, handlerOnly: false };
  if (district || admin) return { ...scope, stationId: null, mayAct: district || station };
  const place = station || runner ? await placementOf(em, principal.accountId) : null;
  if (!place?.stationId) throw forbidden('仅服务站或区级工作人员可以办理');
  return { ...scope, stationId: place.stationId, mayAct: true, handlerOnly: !station };
}

export const canSeeAppeal = (
  scope: AppealStaffScope,
  appeal: Pick<Appeal, 'stationId' | 'handlerAccountId'>,
): boolean =>
  (scope.stationId === null || scope.stationId === appeal.stationId) &&
  (!scope.handlerOnly || appeal.handlerAccountId === scope.accountId);

/** 404 for an appeal outside the staff member's station (or not assigned to a 代办员): its existence is not revealed. */
export function assertVisible(scope: AppealStaffScope, appeal: Appeal | null): asserts appeal is Appeal {
  if (!appeal || !canSeeAppeal(scope, appeal)) throw notFound('诉求不存在');
}

/** Admins read the queue; handling it is the stations' and the district's work, and a 代办员's own errands. */
export function assertMayAct(scope: AppealStaffScope, action: AppealTransition): void {
  if (!scope.mayAct) throw forbidden('仅服务站或区级工作人员可以办理');
  if (scope.handlerOnly && !RUNNER_ACTIONS.includes(action)) throw forbidden('受理和不予受理由服务站工作人员办理');
}

/**
 * Read rule for an appeal's attachments: staff who can see the appeal (station staff of its
 * station, district staff, the 代办员 it is assigned to). The holder reads them as their owner; admins read every file.
 */
export const readAppealFile: FileReadRule = async (em, principal, use) => {
  const runner = principal.roles.includes('errand_runner');
  if (!principal.roles.includes('station_staff') && !principal.roles.includes('district_staff') && !runner) {
    return false;
  }
  const appeal = await em.findOne(Appeal, {
    where: { id: use.ownerId },
    select: { id: true, stationId: true, handlerAccountId: true },
  });
  if (!appeal) return false;
  if (principal.roles.includes('district_staff')) return true;
  // A 代办员 reads the documents of the errands assigned to them (to collect a certificate, say).
  if (runner && !principal.roles.includes('station_staff') && appeal.handlerAccountId !== principal.accountId) {
    return false;
  }
  const place = await placementOf(em, principal.accountId);
  return !!place?.stationId && place.stationId === appeal.stationId;
};
