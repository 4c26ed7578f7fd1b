import { In, LessThanOrEqual } from 'typeorm';
import { Account } from '../modules/auth/account.entity';
import { AccountRole } from '../modules/auth/account-role.entity';
import { CardApplication } from '../modules/cards/card-application.entity';
import { wechatTime } from '../modules/notifications/templates';
import { Station } from '../modules/staff/station.entity';
import { shanghaiDate, workingDaysBefore } from '../lib/working-days';
import type { JobDefinition } from './job';
import { PAGES } from '../modules/notifications/pages';

const WAITING_WORKING_DAYS = 5;

/**
 * Each working morning, tell station staff how many applications have waited more than 5 working
 * days for their station's review, and district staff the same for the district step, per station.
 * One notice per staff member per day (keyed by date and account).
 */
export const staffDigestJob: JobDefinition = {
  name: 'staff-digest',
  schedule: '30 8 * * 1-5',
  description: 'Working mornings: applications waiting more than 5 working days, per station',
  run: async (c) => {
    const now = c.clock.now();
    const cutoff = workingDaysBefore(now, WAITING_WORKING_DAYS);
    const { db, services } = c;
    const today = shanghaiDate(now);

    const late = await db.manager.find(CardApplication, {
      where: [
        // Time in the current step: a resubmitted application waits from its resubmission.
        { status: 'submitted', statusChangedAt: LessThanOrEqual(cutoff) },
        { status: 'station_approved', statusChangedAt: LessThanOrEqual(cutoff) },
      ],
      select: { id: true, status: true, stationId: true, districtId: true },
    });
    if (late.length === 0) return { stations: 0, notified: 0 };

    const stations = await db.manager.findBy(Station, { id: In([...new Set(late.map((a) => a.stationId))]) });
    const staffRoles = await db.manager.find(AccountRole, { where: { role: In(['station_staff', 'district_staff']) } });
    const staff = staffRoles.length
      ? await db.manager.find(Account, { where: { id: In([...new Set(staffRoles.map((r) => r.accountId))]), disabled: false } })
      : [];
    const rolesOf = (id: number) => staffRoles.filter((r) => r.accountId === id).map((r) => r.role);

    let notified = 0;
    for (const person of staff) {
      const lines: string[] = [];
      for (const station of stations) {
        const atStation = rolesOf(person.id).includes('station_staff') && person.stationId === station.id
          ? late.filter((a) => a.status === 'submitted' && a.stationId === station.id).length
          : 0;
        const atDistrict = rolesOf(person.id).includes('district_staff') && person.districtId === station.districtId
          ? late.filter((a) => a.status === 'station_approved' && a.stationId === station.id).length
          : 0;
        if (atStation + atDistrict > 0) lines.push(`${station.name} ${atStation + atDistrict} 件`);
      }
      if (lines.length === 0) continue;
      const queued = await db.transaction((em) =>
        services.notifications.notify(em, {
          recipient: person.id,
          templateKey: 'service_notice',
          data: { title: '优待证待办提醒', remark: `等待超过 ${WAITING_WORKING_DAYS} 个工作日：${lines.join('；')}`, time: wechatTime(now) },
          page: PAGES.staffQueue,
          idempotencyKey: `staff-digest:${today}:account:${person.id}`,
        }),
      );
      if (queued) notified += 1;
    }
    return { stations: stations.length, notified };
  },
};
