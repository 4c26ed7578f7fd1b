import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../lib/logger';
import type { JobDefinition } from './job';
import { slotOf, type JobRunner } from './runner';

/**
 * Fires jobs on node-cron in Asia/Shanghai. Each tick goes through the runner's coordinator, so
 * with several instances a slot runs once; within an instance a job does not overlap itself.
 * `stop` stops the timers and waits for the runs under way.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly runner: JobRunner,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(jobs: JobDefinition[]): void {
    for (const job of jobs) {
      const task = cron.schedule(job.schedule, () => this.tick(job), { timezone: 'Asia/Shanghai', name: job.name });
      this.tasks.push(task);
    }
    this.logger.info('scheduler started', { jobs: jobs.map((j) => j.name), instance: this.runner.instanceId });
  }

  /** One tick of a job; exposed so a test can drive ticks without waiting for the clock. */
  tick(job: JobDefinition, at: Date = this.now()): Promise<unknown> {
    if (this.busy.has(job.name)) return Promise.resolve();
    this.busy.add(job.name);
    const run = this.runner
      .runSlot(job, slotOf(job.schedule, at))
      .catch((err) => this.logger.error('job slot could not run', { job: job.name, err }))
      .finally(() => {
        this.busy.delete(job.name);
        this.running.delete(run);
      });
    this.running.add(run);
    return run;
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
    await Promise.allSettled([...this.running]);
  }
}
