import { dispatchNotificationsJob } from './dispatch-notifications.job';
import type { JobDefinition } from './job';
import { purgeJob } from './purge.job';

/** Every scheduled job. Feature modules add theirs here. */
export const JOBS: JobDefinition[] = [dispatchNotificationsJob, purgeJob];

export const findJob = (name: string) => JOBS.find((j) => j.name === name);
