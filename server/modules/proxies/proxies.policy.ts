import { forbidden } from '../../lib/errors';
import type { StaffMember } from '../staff/staff.service';
import type { ProxyLink } from './proxy-link.entity';

/** Where staff work, for linking family members at the desk: their station, or their district. */
export interface DeskScope {
  accountId: number;
  stationId: number | null;
  districtId: number | null;
}

/** The desk of an enabled station or district staff member; anyone else 403. */
export function deskScopeOf(accountId: number, member: StaffMember | undefined): DeskScope {
  const scope: DeskScope = {
    accountId,
    stationId: member?.roles.includes('station_staff') ? member.stationId : null,
    districtId: member?.roles.includes('district_staff') ? member.districtId : null,
  };
  if (!member || member.disabled || (scope.stationId === null && scope.districtId === null)) {
    throw forbidden('仅服务站或区级工作人员可以办理');
  }
  return scope;
}

/**
 * Whether a desk serves a holder: staff of the station of their latest card application, or of its
 * district; a holder without one (no station known yet) only at district level.
 */
export const servesHolder = (desk: DeskScope, place: { stationId: number; districtId: number } | null): boolean =>
  place
    ? desk.stationId === place.stationId || (desk.districtId !== null && desk.districtId === place.districtId)
    : desk.districtId !== null;

/** Which side of a link an account is on, or null when neither (then the link is not theirs to see). */
export function sideOf(link: Pick<ProxyLink, 'holderAccountId' | 'proxyAccountId'>, accountId: number) {
  if (link.holderAccountId === accountId) return 'holder' as const;
  if (link.proxyAccountId === accountId) return 'proxy' as const;
  return null;
}
