import { CardApplication } from '../modules/cards/card-application.entity';
import { wechatTime } from '../modules/notifications/templates';
import { Person } from '../modules/people/person.entity';
import { Station } from '../modules/staff/station.entity';
import type { JobDefinition } from './job';
import { PAGES } from '../modules/notifications/pages';

const DAY = 86_400_000;
const EVERY_DAYS = 3;
const AT_MOST = 3;

/**
 * Cards waiting to be collected: remind the holder every 3 days after the card arrived, at most
 * 3 times. The n-th reminder is keyed by application and n, so it goes out once however often
 * the job runs; after a pause only the latest due reminder is sent.
 */
export const cardReadyRemindersJob: JobDefinition = {
  name: 'card-ready-reminders',
  schedule: '0 10 * * *',
  description: 'Remind holders every 3 days (at most 3 times) to collect a card that has arrived',
  run: async (c) => {
    const now = c.clock.now();
    const { db, services } = c;
    let reminded = 0;
    const waiting = await db.manager.find(CardApplication, { where: { status: 'card_ready', delivery: 'pickup' } });
    for (const app of waiting) {
      if (!app.readyAt) continue;
      const n = Math.min(AT_MOST, Math.floor((now.getTime() - app.readyAt.getTime()) / (EVERY_DAYS * DAY)));
      if (n < 1) continue;
      const queued = await db.transaction(async (em) => {
        const person = await em.findOneByOrFail(Person, { id: app.personId });
        const station = await em.findOneByOrFail(Station, { id: app.stationId });
        return services.notifications.notify(em, {
          recipient: person.accountId ?? app.applicantAccountId,
          templateKey: 'application_status',
          data: {
            subject: '优待证领取',
            status: '待领取',
            time: wechatTime(now),
            remark: `请到${station.name}领取`,
            detail: `您的优待证已到${station.name}，请携带身份证前往领取（${station.address}）`,
          },
          page: PAGES.application(app.id),
          idempotencyKey: `card-application:${app.id}:collect-reminder:${n}`,
        });
      });
      if (queued) reminded += 1;
    }
    return { reminded };
  },
};
