import type { EntityManager } from 'typeorm';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../notifications/templates';
import { SERVICE_WORDS, type Mode, type ServiceType } from './legal-aid.types';
import { PAGES } from '../notifications/pages';

/** Where the holder goes (or waits) for each way of meeting. */
export const PLACE: Record<Mode, string> = {
  onsite: '区退役军人服务中心法律服务窗口',
  phone: '电话服务，请保持电话畅通',
  video: '视频服务，届时在小程序中进入',
};

export interface AppointmentNotice {
  recipient: number;
  serviceType: ServiceType;
  startsAt: Date;
  place: string;
  /** Short enough for WeChat's 20-character field. */
  remark: string;
  /** The whole text, for the holder's timeline. */
  detail: string;
  /** Unique per notice: the same key twice sends once. */
  key: string;
}

/** Every legal-aid notice to a holder: booked, reminders, offers, cancellations. */
export function tellHolder(
  notifications: NotificationsService,
  em: EntityManager,
  n: AppointmentNotice,
): Promise<boolean> {
  return notifications.notify(em, {
    recipient: n.recipient,
    templateKey: 'appointment_reminder',
    data: {
      service: SERVICE_WORDS[n.serviceType],
      time: wechatTime(n.startsAt),
      place: n.place,
      remark: n.remark,
      detail: n.detail,
    },
    page: PAGES.appointments,
    idempotencyKey: n.key,
  });
}
