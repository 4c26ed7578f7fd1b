import { In, LessThanOrEqual, MoreThan } from 'typeorm';
import type { Database } from '../../db/database';
import { shanghaiDate, workingDaysBefore } from '../../lib/working-days';
import { AccountRole } from '../auth/account-role.entity';
import { Account } from '../auth/account.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { CARD_PAGES } from './cards.pages';
import { wechatTime } from '../../lib/notice-template';
import { Person } from '../people/person.entity';
import { Station } from '../staff/station.entity';
import { CardApplication } from './card-application.entity';
import type { ApplicationWorkflow } from './card-application.workflow';

const DAY = 86_400_000;
/** A sent-back application's holder is reminded this long before the deadline. */
const DEADLINE_REMINDER_MS = 3 * DAY;
/** A card waiting to be collected: a reminder every so many days, at most so many times. */
const COLLECT_EVERY_DAYS = 3;
const COLLECT_AT_MOST = 3;
/** Staff hear of applications that waited longer than this for their step. */
const WAITING_WORKING_DAYS = 5;

/**
 * The 优待证 reminders the scheduled jobs send, derived from the applications as they stand and
 * idempotent by key, so a run repeated (by hand, or on another instance) sends nothing twice.
 */
export class CardRemindersService {
  constructor(
    private readonly db: Database,
    private readonly workflow: ApplicationWorkflow,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Applications sent back for more information:
   * 1. remind the holder 3 days before the deadline (keyed by application and deadline);
   * 2. close the application as withdrawn once the deadline has passed (a guarded transition).
   */
  async remindAndExpireSentBack(now: Date): Promise<{ reminded: number; closed: number }> {
    let reminded = 0;
    let closed = 0;

    const dueSoon = await this.db.manager.find(CardApplication, {
      where: { status: 'needs_info', needsInfoDeadline: MoreThan(now) },
    });
    for (const app of dueSoon.filter((a) => a.needsInfoDeadline!.getTime() - now.getTime() <= DEADLINE_REMINDER_MS)) {
      const deadline = app.needsInfoDeadline!;
      const queued = await this.db.transaction(async (em) => {
        const person = await em.findOneByOrFail(Person, { id: app.personId });
        return this.notifications.notify(em, {
          recipient: person.accountId ?? app.applicantAccountId,
          templateKey: 'application_status',
          data: {
            subject: '优待证申请',
            status: '待补充',
            time: wechatTime(deadline),
            remark: `请于${wechatTime(deadline).slice(0, 11)}前补充材料`,
            detail: `请在 ${wechatTime(deadline)} 前补充材料并重新提交，逾期申请将自动关闭`,
          },
          page: CARD_PAGES.application(app.id),
          idempotencyKey: `card-application:${app.id}:deadline-reminder:${deadline.toISOString()}`,
        });
      });
      if (queued) reminded += 1;
    }

    const overdue = await this.db.manager.find(CardApplication, {
      where: { status: 'needs_info', needsInfoDeadline: LessThanOrEqual(now) },
    });
    for (const app of overdue) {
      try {
        await this.db.transaction((em) =>
          this.workflow.move(em, app, {
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
  }

  /**
   * Cards waiting to be collected: remind the holder every 3 days after the card arrived, at most
   * 3 times. The n-th reminder is keyed by application and n, so it goes out once however often
   * this runs; after a pause only the latest due reminder is sent.
   */
  async remindToCollect(now: Date): Promise<{ reminded: number }> {
    let reminded = 0;
    const waiting = await this.db.manager.find(CardApplication, {
      where: { status: 'card_ready', delivery: 'pickup' },
    });
    for (const app of waiting) {
      if (!app.readyAt) continue;
      const n = Math.min(
        COLLECT_AT_MOST,
        Math.floor((now.getTime() - app.readyAt.getTime()) / (COLLECT_EVERY_DAYS * DAY)),
      );
      if (n < 1) continue;
      const queued = await this.db.transaction(async (em) => {
        const person = await em.findOneByOrFail(Person, { id: app.personId });
        const station = await em.findOneByOrFail(Station, { id: app.stationId });
        return this.notifications.notify(em, {
          recipient: person.accountId ?? app.applicantAccountId,
          templateKey: 'application_status',
          data: {
            subject: '优待证领取',
            status: '待领取',
            time: wechatTime(now),
            remark: `请到${station.name}领取`,
            detail: `您的优待证已到${station.name}，请携带身份证前往领取（${station.address}）`,
          },
          page: CARD_PAGES.application(app.id),
          idempotencyKey: `card-application:${app.id}:collect-reminder:${n}`,
        });
      });
      if (queued) reminded += 1;
    }
    return { reminded };
  }

  /**
   * Tells station staff how many applications have waited more than 5 working days for their
   * station's review, and district staff the same for the district step, per station. One notice
   * per staff member per day (keyed by date and account).
   */
  async digestWaitingForStaff(now: Date): Promise<{ stations: number; notified: number }> {
    const cutoff = workingDaysBefore(now, WAITING_WORKING_DAYS);
    const today = shanghaiDate(now);
    const em = this.db.manager;

    const late = await em.find(CardApplication, {
      where: [
        // Time in the current step: a resubmitted application waits from its resubmission.
        { status: 'submitted', statusChangedAt: LessThanOrEqual(cutoff) },
        { status: 'station_approved', statusChangedAt: LessThanOrEqual(cutoff) },
      ],
      select: { id: true, status: true, stationId: true, districtId: true },
    });
    if (late.length === 0) return { stations: 0, notified: 0 };

    const stations = await em.findBy(Station, { id: In([...new Set(late.map((a) => a.stationId))]) });
    const staffRoles = await em.find(AccountRole, { where: { role: In(['station_staff', 'district_staff']) } });
    const staff = staffRoles.length
      ? await em.find(Account, { where: { id: In([...new Set(staffRoles.map((r) => r.accountId))]), disabled: false } })
      : [];
    const rolesOf = (id: number) => staffRoles.filter((r) => r.accountId === id).map((r) => r.role);

    let notified = 0;
    for (const person of staff) {
      const lines: string[] = [];
      for (const station of stations) {
        const atStation =
          rolesOf(person.id).includes('station_staff') && person.stationId === station.id
            ? late.filter((a) => a.status === 'submitted' && a.stationId === station.id).length
            : 0;
        const atDistrict =
          rolesOf(person.id).includes('district_staff') && person.districtId === station.districtId
            ? late.filter((a) => a.status === 'station_approved' && a.stationId === station.id).length
            : 0;
        if (atStation + atDistrict > 0) lines.push(`${station.name} ${atStation + atDistrict} 件`);
      }
      if (lines.length === 0) continue;
      const queued = await this.db.transaction((tx) =>
        this.notifications.notify(tx, {
          recipient: person.id,
          templateKey: 'service_notice',
          data: {
            title: '优待证待办提醒',
            remark: `等待超过 ${WAITING_WORKING_DAYS} 个工作日：${lines.join('；')}`,
            time: wechatTime(now),
          },
          page: CARD_PAGES.staffQueue,
          idempotencyKey: `staff-digest:${today}:account:${person.id}`,
        }),
      );
      if (queued) notified += 1;
    }
    return { stations: stations.length, notified };
  }
}
