import { MODULES } from '../modules';
import type { AnyJob } from './job';
import { purgeJob } from './purge.job';

/** Every scheduled job: the process's own clean-up and each module's. */
export const JOBS: AnyJob[] = [purgeJob, ...MODULES.flatMap((m) => m.jobs ?? [])];

export const findJob = (name: string) => JOBS.find((j) => j.name === name);
