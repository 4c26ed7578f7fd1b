import { forbidden } from '../../lib/errors';
import type { StaffMember } from '../staff/staff.service';

/**
 * Staff at the roster. Station staff import and list their station's people; district staff
 * their district's (every station of it), an admin every station. The one-person file and its
 * visits are read and written by staff of the person's station and district only: an admin
 * manages the roster without reading people's files.
 */
export interface RosterViewer {
  accountId: number;
  admin: boolean;
  /** Set when the account acts as station staff. */
  stationId: number | null;
  /** Set when the account acts as district staff. */
  districtId: number | null;
}

export interface StationPlace {
  id: number;
  districtId: number;
}

/** The roster's view of a staff member: 403 when they may not use it at all. */
export function rosterViewerOf(member: StaffMember | undefined): RosterViewer {
  const v: RosterViewer | null =
    member && !member.disabled
      ? {
          accountId: member.id,
          admin: member.roles.includes('admin'),
          stationId: member.roles.includes('station_staff') ? member.stationId : null,
          districtId: member.roles.includes('district_staff') ? member.districtId : null,
        }
      : null;
  if (!v || (!v.admin && v.stationId === null && v.districtId === null))
    throw forbidden('仅服务站、区级工作人员或管理员可以办理');
  return v;
}

/** Staff of the station or its district: who read a person's file and record visits. */
export const mayReadFiles = (v: RosterViewer, s: StationPlace): boolean =>
  v.stationId === s.id || (v.districtId !== null && v.districtId === s.districtId);

/** The roster of a station: its own staff, its district's, an admin. */
export const mayManageStation = (v: RosterViewer, s: StationPlace): boolean => v.admin || mayReadFiles(v, s);

/** Why a row of this station may not be imported by the viewer (null: it may). */
export function importRefusal(v: RosterViewer, s: StationPlace): string | null {
  if (mayManageStation(v, s)) return null;
  return v.stationId !== null && v.districtId === null ? '只能导入本服务站的人员' : '只能导入本区服务站的人员';
}
