import { cardDeadlinesJob } from './card-deadlines.job';
import { cardReadyRemindersJob } from './card-ready-reminders.job';
import { dispatchNotificationsJob } from './dispatch-notifications.job';
import type { JobDefinition } from './job';
import { legalRemindersJob } from './legal-reminders.job';
import { legalSlotsJob } from './legal-slots.job';
import { purgeJob } from './purge.job';
import { staffDigestJob } from './staff-digest.job';

/** Every scheduled job. Feature modules add theirs here. */
export const JOBS: JobDefinition[] = [
  dispatchNotificationsJob,
  purgeJob,
  cardDeadlinesJob,
  cardReadyRemindersJob,
  staffDigestJob,
  legalSlotsJob,
  legalRemindersJob,
];

export const findJob = (name: string) => JOBS.find((j) => j.name === name);
