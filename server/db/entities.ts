import { WeChatAccessToken } from '../integrations/wechat/wechat-access-token.entity';
import { RateLimitCounter } from '../http/rate-limit-counter.entity';
import { JobRun } from '../jobs/job-run.entity';
import { AccountRole } from '../modules/auth/account-role.entity';
import { Account } from '../modules/auth/account.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { CardApplicationEvent } from '../modules/cards/card-application-event.entity';
import { CardApplication } from '../modules/cards/card-application.entity';
import { CardBatch } from '../modules/cards/card-batch.entity';
import { Card } from '../modules/cards/card.entity';
import { QrTokenUse } from '../modules/cards/qr-token-use.entity';
import { AppointmentEvent } from '../modules/legal-aid/appointment-event.entity';
import { LegalAppointment } from '../modules/legal-aid/legal-appointment.entity';
import { LegalDayOff } from '../modules/legal-aid/legal-day-off.entity';
import { LegalProvider } from '../modules/legal-aid/legal-provider.entity';
import { LegalSchedule } from '../modules/legal-aid/legal-schedule.entity';
import { LegalSlot } from '../modules/legal-aid/legal-slot.entity';
import { LegalWaitlist } from '../modules/legal-aid/legal-waitlist.entity';
import { WaitlistEvent } from '../modules/legal-aid/waitlist-event.entity';
import { MerchantCategory } from '../modules/merchants/merchant-category.entity';
import { MerchantComplaintEvent } from '../modules/merchants/merchant-complaint-event.entity';
import { MerchantComplaint } from '../modules/merchants/merchant-complaint.entity';
import { MerchantMember } from '../modules/merchants/merchant-member.entity';
import { MerchantOffer } from '../modules/merchants/merchant-offer.entity';
import { MerchantEvent } from '../modules/merchants/merchant-event.entity';
import { Merchant } from '../modules/merchants/merchant.entity';
import { RedemptionDailyCount } from '../modules/merchants/redemption-daily-count.entity';
import { Redemption } from '../modules/merchants/redemption.entity';
import { FileUse } from '../modules/files/file-use.entity';
import { StoredFile } from '../modules/files/stored-file.entity';
import { UploadQuota } from '../modules/files/upload-quota.entity';
import { OutboxMessage } from '../modules/notifications/outbox-message.entity';
import { SubscriptionGrant } from '../modules/notifications/subscription-grant.entity';
import { IdentityChangeEvent } from '../modules/people/identity-change-event.entity';
import { IdentityChangeRequest } from '../modules/people/identity-change-request.entity';
import { Person } from '../modules/people/person.entity';
import { AuditLog } from '../modules/staff/audit-log.entity';
import { District } from '../modules/staff/district.entity';
import { Station } from '../modules/staff/station.entity';

/** Every entity, registered explicitly (no globbing: the same list under tsx, jest and node). */
export const entities = [
  Account,
  AccountRole,
  RefreshToken,
  Person,
  IdentityChangeRequest,
  IdentityChangeEvent,
  StoredFile,
  FileUse,
  UploadQuota,
  AuditLog,
  District,
  Station,
  OutboxMessage,
  SubscriptionGrant,
  WeChatAccessToken,
  JobRun,
  CardApplication,
  CardApplicationEvent,
  CardBatch,
  Card,
  QrTokenUse,
  MerchantCategory,
  Merchant,
  MerchantMember,
  MerchantOffer,
  Redemption,
  RedemptionDailyCount,
  MerchantComplaint,
  MerchantComplaintEvent,
  MerchantEvent,
  LegalProvider,
  LegalSchedule,
  LegalDayOff,
  LegalSlot,
  LegalAppointment,
  LegalWaitlist,
  AppointmentEvent,
  WaitlistEvent,
  RateLimitCounter,
];
