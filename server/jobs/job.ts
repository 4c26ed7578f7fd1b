import type { Container } from '../container';

/**
 * A scheduled job: one file each. `run` must be idempotent (a slot may be retried by hand) and
 * reads the time from `c.clock`, so tests drive it with a fake clock.
 */
export interface JobDefinition {
  name: string;
  /** node-cron expression, evaluated in Asia/Shanghai; six fields means seconds. */
  schedule: string;
  description: string;
  run(c: Container): Promise<Record<string, number>>;
}
