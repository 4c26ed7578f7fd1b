import type { EntityManager } from 'typeorm';
import type { NotificationsService } from '../notifications/notifications.service';
import { template, wechatTime } from '../../lib/notice-template';
import { SERVICE_WORDS, type Mode, type ServiceType } from './legal-aid.types';
import { LEGAL_AID_PAGES } from './legal-aid.pages';

/** The legal-aid module's own notice: a reminder of an appointment. */
export const LEGAL_AID_TEMPLATES = {
  appointment_reminder: template({
    key: 'appointment_reminder',
    label: '预约提醒',
    fields: {
      thing1: { type: 'thing', from: 'service' },
      time2: { type: 'time', from: 'time' },
      thing3: { type: 'thing', from: 'place' },
      thing4: { type: 'thing', from: 'remark' },
    },
    extras: ['detail'],
    page: LEGAL_AID_PAGES.appointments,
    render: (d) => ({ title: `预约提醒：${d.service}`, body: d.detail ?? `${d.time} ${d.place}。${d.remark}` }),
  }),
};

/** Where the holder goes (or waits) for each way of meeting. */
export const PLACE: Record<Mode, string> = {
  onsite: '区退役军人服务中心法律服务窗口',
  phone: '电话服务，请保持电话畅通',
  video: '视频服务，会议号见小程序预约页',
};

/** The place a notice names: the provider's office in person, the meeting once set for video. */
export function placeOf(
  a: { mode: Mode; meetingLink?: string | null },
  provider?: { address: string | null } | null,
): string {
  if (a.mode === 'onsite') return provider?.address || PLACE.onsite;
  if (a.mode === 'video' && a.meetingLink) return `视频会议 ${a.meetingLink}`;
  return PLACE[a.mode];
}

/** The sentence of a video appointment's notice about the meeting: where to join, or when it comes. */
export function meetingWords(a: { mode: Mode; meetingLink?: string | null }): string {
  if (a.mode !== 'video') return '';
  return a.meetingLink
    ? `视频会议：${a.meetingLink}（可在小程序“我的预约”中复制）。`
    : '会议链接由服务人员在开始前发到小程序“我的预约”中。';
}

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
    page: LEGAL_AID_PAGES.appointments,
    idempotencyKey: n.key,
  });
}
