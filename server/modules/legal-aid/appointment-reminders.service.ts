import { Between } from 'typeorm';
import type { Database } from '../../db/database';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import type { BookingService } from './booking.service';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalProvider } from './legal-provider.entity';
import { meetingWords, placeOf, tellHolder } from './legal-aid.notices';
import { MODE_WORDS, SERVICE_WORDS } from './legal-aid.types';

const HOUR = 3_600_000;
const KINDS = [
  { key: '24h', before: 24 * HOUR, words: '明天' },
  { key: '2h', before: 2 * HOUR, words: '2 小时后' },
] as const;

/** What the scheduled legal-aid reminders do: remind holders before appointments, pass on lapsed offers. */
export class AppointmentRemindersService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly booking: BookingService,
  ) {}

  /**
   * 1. Appointment reminders 24 hours and 2 hours before, each sent once per appointment and kind
   *    (keyed) however often this runs; a reminder is skipped when the booking was made after its moment.
   * 2. Expired waitlist offers pass on to the next holder.
   */
  async remindAndPassOnOffers(now: Date): Promise<{ reminded: number; offersPassedOn: number }> {
    const due = await this.db.manager.find(LegalAppointment, {
      where: { status: 'booked', startsAt: Between(now, new Date(now.getTime() + 24 * HOUR)) },
    });
    let reminded = 0;
    for (const appt of due) {
      const left = appt.startsAt.getTime() - now.getTime();
      // The nearest reminder whose moment has come; an earlier one that was missed is not sent late.
      const kind = left <= 2 * HOUR ? KINDS[1] : KINDS[0];
      if (appt.startsAt.getTime() - appt.createdAt.getTime() < kind.before) continue;
      const queued = await this.db.transaction(async (em) => {
        const provider = await em.findOneByOrFail(LegalProvider, { id: appt.providerId });
        return tellHolder(this.notifications, em, {
          recipient: appt.accountId,
          serviceType: appt.serviceType,
          startsAt: appt.startsAt,
          place: placeOf(appt, provider),
          remark: `${kind.words}与${provider.name}的预约`,
          detail:
            `提醒：您${kind.words}（${wechatTime(appt.startsAt)}）与${provider.name}` +
            `有${SERVICE_WORDS[appt.serviceType]}预约，${MODE_WORDS[appt.mode]}进行。${meetingWords(appt)}` +
            '如需取消，请在开始前 2 小时操作。',
          key: `appointment:${appt.id}:remind:${kind.key}`,
        });
      });
      if (queued) reminded += 1;
    }
    const offersPassedOn = await this.booking.expireOffers();
    return { reminded, offersPassedOn };
  }
}
