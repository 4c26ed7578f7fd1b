import { LessThanOrEqual, MoreThan } from 'typeorm';
import { CardApplication } from '../modules/cards/card-application.entity';
import { wechatTime } from '../modules/notifications/templates';
import { Person } from '../modules/people/person.entity';
import type { JobDefinition } from './job';
import { PAGES } from '../modules/notifications/pages';

const DAY = 86_400_000;

/**
 * Applications sent back for more information: remind the holder 3 days before the deadline,
 * and close the application as withdrawn once the deadline has passed. Idempotent: the reminder
 * is keyed by application and deadline, and closing is a guarded transition.
 */
export const cardDeadlinesJob: JobDefinition = {
  name: 'card-deadlines',
  schedule: '5 * * * *',
  description: 'Remind holders 3 days before a send-back deadline; close applications whose deadline passed',
  run: async (c) => {
    const now = c.clock.now();
    const { db, services } = c;
    let reminded = 0;
    let closed = 0;

    const dueSoon = await db.manager.find(CardApplication, {
      where: { status: 'needs_info', needsInfoDeadline: MoreThan(now) },
    });
    for (const app of dueSoon.filter((a) => a.needsInfoDeadline!.getTime() - now.getTime() <= 3 * DAY)) {
      const queued = await db.transaction(async (em) => {
        const person = await em.findOneByOrFail(Person, { id: app.personId });
        return services.notifications.notify(em, {
          recipient: person.accountId ?? app.applicantAccountId,
          templateKey: 'application_status',
          data: {
            subject: '优待证申请',
            status: '待补充',
            time: wechatTime(app.needsInfoDeadline!),
            remark: `请于${wechatTime(app.needsInfoDeadline!).slice(0, 11)}前补充材料`,
            detail: `请在 ${wechatTime(app.needsInfoDeadline!)} 前补充材料并重新提交，逾期申请将自动关闭`,
          },
          page: PAGES.application(app.id),
          idempotencyKey: `card-application:${app.id}:deadline-reminder:${app.needsInfoDeadline!.toISOString()}`,
        });
      });
      if (queued) reminded += 1;
    }

    const overdue = await db.manager.find(CardApplication, { where: { status: 'needs_info', needsInfoDeadline: LessThanOrEqual(now) } });
    for (const app of overdue) {
      try {
        await db.transaction((em) =>
          services.workflow.move(em, app, {
            action: 'expire',
            actor: { accountId: null, role: 'system' },
            reason: '补充材料期限已过',
            remark: '补充材料期限已过，申请已关闭；如仍需办理，请重新提交申请',
          }),
        );
        closed += 1;
      } catch (err) {
        // The holder resubmitted a moment ago: the guarded transition refused, which is right.
        if ((err as { code?: string }).code !== 'INVALID_TRANSITION') throw err;
      }
    }
    return { reminded, closed };
  },
};
