import { forbidden } from '../../../lib/errors';
import { placementOf } from '../../auth/accounts.service';
import type { FileReadRule } from '../../files/file-use.service';
import type { StaffMember } from '../../staff/staff.service';
import { ChatConversation } from '../chat-conversation.entity';
import { ChatMessage } from '../chat-message.entity';
import { STAFF_VISIBLE_MODERATIONS } from '../content-check.rules';
import { ChatHandover } from './chat-handover.entity';

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

/**
 * Who may read the picture a holder's message shows (`file_use` owner `chat_message`), besides its
 * owner and admins (the files policy lets them in first): staff who may see the conversation in the
 * inbox now, by the same scoping (its current handover's station or district queue). A conversation
 * never handed over is nobody's in the inbox, so its pictures stay the holder's.
 */
export const readChatMessageFile: FileReadRule = async (em, principal, use, file) => {
  if (file.purpose !== 'chat_image') return false;
  const placement = await placementOf(em, principal.accountId);
  const viewer = placement && viewerOf({ id: principal.accountId, roles: principal.roles, ...placement });
  if (!viewer) return false;
  const message = await em.findOne(ChatMessage, {
    where: { id: use.ownerId, fileId: file.id, sender: 'holder' },
    select: { id: true, conversationId: true, moderation: true },
  });
  if (!message || !(STAFF_VISIBLE_MODERATIONS as readonly string[]).includes(message.moderation)) return false;
  const conversation = await em.findOne(ChatConversation, {
    where: { id: message.conversationId, accountId: file.ownerAccountId },
    select: { id: true, currentHandoverId: true },
  });
  const handover = conversation?.currentHandoverId
    ? await em.findOne(ChatHandover, {
        where: { id: conversation.currentHandoverId },
        select: { id: true, stationId: true, districtId: true },
      })
    : null;
  return !!handover && canSeePlace(viewer, handover);
};
