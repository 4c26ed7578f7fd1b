import type { Container } from '../container';

/**
 * What a job may ask for, by name: the container's parts (clock, db, …) and its services
 * (`cardReminders`, `dispatcher`, …) side by side.
 */
export type JobDeps = Omit<Container, 'services'> & Container['services'];
export type JobNeed = keyof JobDeps;

/**
 * A scheduled job: one file each, naming its schedule and the service call it makes. `run` must
 * be idempotent (a slot may be retried by hand) and takes the time from the clock it is given,
 * so tests drive it with a fake clock. It receives only what it lists in `needs`.
 */
export interface JobDefinition<N extends JobNeed = JobNeed> {
  name: string;
  /** node-cron expression, evaluated in Asia/Shanghai; six fields means seconds. */
  schedule: string;
  description: string;
  /** The dependencies `run` is given; the runner passes these and nothing else. */
  needs: readonly N[];
  run(deps: Pick<JobDeps, N>): Promise<Record<string, number>>;
}

/** Declares a job; `run`'s argument is typed by `needs`. */
export function defineJob<const N extends JobNeed>(job: JobDefinition<N>): JobDefinition<N> {
  return job;
}

/** Only what a job declared, taken from the container. */
export function depsFor<N extends JobNeed>(job: JobDefinition<N>, c: Container): Pick<JobDeps, N> {
  const { services, ...parts } = c;
  const all: JobDeps = { ...parts, ...services };
  return Object.fromEntries(job.needs.map((n) => [n, all[n]])) as Pick<JobDeps, N>;
}

/** Runs a job once with what it declared, as the runner does (without recording a run). */
export function runJob<N extends JobNeed>(job: JobDefinition<N>, c: Container): Promise<Record<string, number>> {
  return job.run(depsFor(job, c));
}

/** A job of any needs, as module declarations list them. */
export type AnyJob = JobDefinition<any>;
