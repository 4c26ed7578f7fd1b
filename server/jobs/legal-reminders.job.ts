import { Between } from 'typeorm';
import { LegalAppointment } from '../modules/legal-aid/legal-appointment.entity';
import { LegalProvider } from '../modules/legal-aid/legal-provider.entity';
import { PLACE, tellHolder } from '../modules/legal-aid/legal-aid.notices';
import { MODE_WORDS, SERVICE_WORDS } from '../modules/legal-aid/legal-aid.types';
import { wechatTime } from '../modules/notifications/templates';
import type { JobDefinition } from './job';

const HOUR = 3_600_000;
const KINDS = [
  { key: '24h', before: 24 * HOUR, words: '明天' },
  { key: '2h', before: 2 * HOUR, words: '2 小时后' },
] as const;

/**
 * Appointment reminders 24 hours and 2 hours before, each sent once per appointment and kind
 * (keyed) however often the job runs; a reminder is skipped when the booking was made after its
 * moment. Also passes expired waitlist offers on to the next holder.
 */
export const legalRemindersJob: JobDefinition = {
  name: 'legal-reminders',
  schedule: '*/5 * * * *',
  description: 'Remind holders 24 h and 2 h before appointments; pass on expired waitlist offers',
  run: async (c) => {
    const now = c.clock.now();
    const { db, services } = c;
    const due = await db.manager.find(LegalAppointment, {
      where: { status: 'booked', startsAt: Between(now, new Date(now.getTime() + 24 * HOUR)) },
    });
    let reminded = 0;
    for (const appt of due) {
      const left = appt.startsAt.getTime() - now.getTime();
      // The nearest reminder whose moment has come; an earlier one that was missed is not sent late.
      const kind = left <= 2 * HOUR ? KINDS[1] : KINDS[0];
      if (appt.startsAt.getTime() - appt.createdAt.getTime() < kind.before) continue;
      const queued = await db.transaction(async (em) => {
        const provider = await em.findOneByOrFail(LegalProvider, { id: appt.providerId });
        return tellHolder(services.notifications, em, {
          recipient: appt.accountId,
          serviceType: appt.serviceType,
          startsAt: appt.startsAt,
          place: PLACE[appt.mode],
          remark: `${kind.words}与${provider.name}的预约`,
          detail: `提醒：您${kind.words}（${wechatTime(appt.startsAt)}）与${provider.name}有${SERVICE_WORDS[appt.serviceType]}预约，${MODE_WORDS[appt.mode]}进行。如需取消，请在开始前 2 小时操作。`,
          key: `appointment:${appt.id}:remind:${kind.key}`,
        });
      });
      if (queued) reminded += 1;
    }
    const offersPassedOn = await services.booking.expireOffers();
    return { reminded, offersPassedOn };
  },
};
