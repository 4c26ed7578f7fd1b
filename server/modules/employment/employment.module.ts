import { Employment1767000000000 } from '../../../migrations/1767000000000-employment';
import type { Core, ModuleOf } from '../../module';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { employerRoutes } from './employer.routes';
import { Employer } from './employer.entity';
import { EmployersService } from './employers.service';
import { EmployerEvent, JobApplicationEvent, JobPostingEvent } from './employment-events.entity';
import { EmploymentFiguresService } from './employment-figures.service';
import { EMPLOYMENT_PAGES } from './employment.pages';
import { employmentPersonalData } from './employment.personal-data';
import { EMPLOYER_LICENCE_FILE, readEmployerLicence } from './employment.policy';
import { employmentRoutes } from './employment.routes';
import { FairsService } from './fairs.service';
import { JobApplication, JobProfile } from './job-application.entity';
import { JobApplicationsService } from './job-applications.service';
import { JobFair, JobFairEmployer, JobFairIntention, JobFairSignup } from './job-fair.entity';
import { JobPosting, JobPostingSave } from './job-posting.entity';
import { PostingsService } from './postings.service';
import { staffEmploymentRoutes } from './staff-employment.routes';

interface Uses {
  people: PeopleService;
  notifications: NotificationsService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  const postings = new PostingsService(c.db, c.clock);
  const jobApplications = new JobApplicationsService(c.db, u.people, postings, u.notifications, c.fieldCrypto, c.clock);
  return {
    employers: new EmployersService(c.db, u.notifications, c.clock),
    postings,
    jobApplications,
    fairs: new FairsService(c.db, jobApplications, c.clock),
    employmentFigures: new EmploymentFiguresService(c.db),
  };
}

/**
 * Employment (就业超市): employers apply and district staff review them; approved employers
 * publish postings; holders browse, save and apply with their profile (employers see it only in
 * applications made to them); job fairs with signups, attendance and the intentions reached; the
 * figures bureaus report. Its notices use the shared `service_notice` template.
 */
export const employmentModule: ModuleOf<typeof build> = {
  name: 'employment',
  pages: EMPLOYMENT_PAGES,
  entities: [
    Employer,
    EmployerEvent,
    JobPosting,
    JobPostingEvent,
    JobPostingSave,
    JobProfile,
    JobApplication,
    JobApplicationEvent,
    JobFair,
    JobFairEmployer,
    JobFairSignup,
    JobFairIntention,
  ],
  migrations: [Employment1767000000000],
  fileReadRules: { [EMPLOYER_LICENCE_FILE]: readEmployerLicence },
  personalData: () => employmentPersonalData,
  build,
  routes: (s) => [
    ...employmentRoutes(s.postings, s.jobApplications, s.fairs),
    ...employerRoutes(s.employers, s.postings, s.jobApplications),
    ...staffEmploymentRoutes(s.employers, s.postings, s.jobApplications, s.fairs, s.employmentFigures),
  ],
};
