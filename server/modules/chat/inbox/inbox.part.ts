import type { MigrationInterface } from 'typeorm';
import { Handover1765500000000 } from '../../../../migrations/1765500000000-handover';
import type { Core } from '../../../module';
import type { ApplicationsService } from '../../cards/applications.service';
import type { BookingService } from '../../legal-aid/booking.service';
import type { ComplaintsService } from '../../merchants/complaints.service';
import type { RedemptionsService } from '../../merchants/redemptions.service';
import type { NotificationsService } from '../../notifications/notifications.service';
import type { PeopleService } from '../../people/people.service';
import type { StaffService } from '../../staff/staff.service';
import type { ConversationWaiter } from '../chat.waiter';
import { BusinessHoursService } from './business-hours.service';
import { CannedRepliesService } from './canned-replies.service';
import { CannedReply } from './canned-reply.entity';
import { ChatHandover } from './chat-handover.entity';
import { ChatInternalNote } from './chat-internal-note.entity';
import { HandoverService } from './handover.service';
import { InboxFiguresService } from './inbox-figures.service';
import { InboxService, type InboxServices } from './inbox.service';
import { StationBusinessHours } from './station-business-hours.entity';

/**
 * The staff inbox as a part of the chat module: handovers, notes, business hours and canned
 * replies (tables and migration), its services, and (through its routes file) its endpoints.
 */

export const inboxEntities: Function[] = [ChatHandover, ChatInternalNote, StationBusinessHours, CannedReply];

export const inboxMigrations: (new () => MigrationInterface)[] = [Handover1765500000000];

/** What the inbox reads of other modules, each through its service. */
export interface InboxUses {
  notifications: NotificationsService;
  staff: StaffService;
  people: PeopleService;
  applications: ApplicationsService;
  booking: BookingService;
  redemptions: RedemptionsService;
  complaints: ComplaintsService;
}

/** Builds the inbox's services; the conversation's waiter is shared so staff replies wake the holder's polls. */
export function buildInbox(c: Core, u: InboxUses, waiter: ConversationWaiter, csReplies?: InboxServices['csReplies']) {
  const businessHours = new BusinessHoursService(c.db, c.clock, u.staff);
  const handover = new HandoverService(c.db, c.clock, u.applications, u.staff, businessHours);
  const cannedReplies = new CannedRepliesService(c.db, c.clock, u);
  const inbox = new InboxService(c.db, c.clock, waiter, cannedReplies, { ...u, csReplies });
  const inboxFigures = new InboxFiguresService(c.db, businessHours, u.staff);
  return { inbox, handover, cannedReplies, businessHours, inboxFigures };
}
