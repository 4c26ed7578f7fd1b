import { Appeals1766800000000 } from '../../../migrations/1766800000000-appeals';
import type { Core, ModuleOf } from '../../module';
import type { ApplicationsService } from '../cards/applications.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import type { StaffService } from '../staff/staff.service';
import { AppealFiguresService } from './appeal-figures.service';
import { AppealEvent } from './appeal-event.entity';
import { APPEAL_FILE_OWNER, AppealFile } from './appeal-file.entity';
import { Appeal } from './appeal.entity';
import { appealsPersonalData } from './appeals.personal-data';
import { APPEAL_PAGES } from './appeals.pages';
import { readAppealFile } from './appeals.policy';
import { appealsRoutes } from './appeals.routes';
import { AppealsService } from './appeals.service';

interface Uses {
  people: PeopleService;
  applications: ApplicationsService;
  staff: StaffService;
  notifications: NotificationsService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  return {
    appeals: new AppealsService(c.db, u.people, u.applications, u.staff, u.notifications, c.clock),
    appealFigures: new AppealFiguresService(c.db, u.staff),
  };
}

/**
 * Appeals and errands (诉求 / 代办): holders file them with attachments, the station's staff
 * accept, work on and settle them against a promised day, holders confirm, reopen once and rate.
 * Its notices use the shared `service_notice` template and open the appeal's page.
 */
export const appealsModule: ModuleOf<typeof build> = {
  name: 'appeals',
  entities: [Appeal, AppealEvent, AppealFile],
  migrations: [Appeals1766800000000],
  fileReadRules: { [APPEAL_FILE_OWNER]: readAppealFile },
  personalData: () => appealsPersonalData,
  pages: APPEAL_PAGES,
  build,
  routes: (s, c) => appealsRoutes(s.appeals, s.appealFigures, c.clock),
};
