import { forbidden } from '../../../lib/errors';
import type { StaffMember } from '../../staff/staff.service';

/**
 * Staff in the inbox, scoped as card review is: station staff over their station's holders,
 * district staff over the district's (and over holders with no station yet: the district queue),
 * an admin over all.
 */
export interface InboxViewer {
  accountId: number;
  displayName: string;
  admin: boolean;
  /** Set when the account acts as station staff. */
  stationId: number | null;
  /** Set when the account acts as district staff. */
  districtId: number | null;
}

/** Where a waiting conversation queues. */
export interface QueuePlace {
  stationId: number | null;
  districtId: number | null;
}

/** The inbox's view of a staff member; null when they may not use it at all. */
export function viewerOf(member: StaffMember | undefined): InboxViewer | null {
  if (!member || member.disabled) return null;
  const v: InboxViewer = {
    accountId: member.id,
    displayName: member.displayName,
    admin: member.roles.includes('admin'),
    stationId: member.roles.includes('station_staff') ? member.stationId : null,
    districtId: member.roles.includes('district_staff') ? member.districtId : null,
  };
  return v.admin || v.stationId !== null || v.districtId !== null ? v : null;
}

/** 403 for an account that is not inbox staff. */
export function assertViewer(v: InboxViewer | null): asserts v is InboxViewer {
  if (!v) throw forbidden('仅服务站、区级工作人员或管理员可以办理');
}

export function canSeePlace(v: InboxViewer, p: QueuePlace): boolean {
  if (v.admin) return true;
  if (v.stationId !== null && p.stationId === v.stationId) return true;
  // The district queue (no station) belongs to every district's staff.
  return v.districtId !== null && (p.districtId === v.districtId || p.districtId === null);
}

/** May the viewer manage this station's settings (business hours, canned replies)? */
export function canManageStation(v: InboxViewer, station: { id: number; districtId: number }): boolean {
  return v.admin || v.stationId === station.id || v.districtId === station.districtId;
}

/** District staff and admins may act on a conversation another agent holds (transfer, resolve). */
export const supervises = (v: InboxViewer, p: QueuePlace) =>
  v.admin || (v.districtId !== null && (p.districtId === v.districtId || p.districtId === null));
