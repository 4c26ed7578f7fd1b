import crypto from 'node:crypto';
import type { Container } from '../container';
import { isUniqueViolation } from '../db/errors';
import { JobRun } from './job-run.entity';
import { depsFor, type JobDefinition } from './job';

export type SlotOutcome = { ran: true; run: JobRun } | { ran: false };

/**
 * Runs job slots once across instances and records every run. The coordinator is the unique
 * (job name, slot) key of `job_run`: the instance whose insert succeeds runs the slot; the
 * others see a unique violation and skip it.
 */
export class JobRunner {
  constructor(
    private readonly c: Container,
    readonly instanceId: string,
  ) {}

  async runSlot(job: JobDefinition, slot: string): Promise<SlotOutcome> {
    const { db, clock, logger } = this.c;
    let id: number;
    try {
      id = await db.transaction(async (em) => {
        const r = await em.insert(JobRun, {
          jobName: job.name,
          slot,
          status: 'running',
          instance: this.instanceId,
          startedAt: clock.now(),
          finishedAt: null,
          counts: null,
          error: null,
        });
        return Number(r.identifiers[0].id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return { ran: false };
      throw err;
    }

    let counts: Record<string, number> | null = null;
    let error: string | null = null;
    try {
      counts = await job.run(depsFor(job, this.c));
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
      logger.error('job failed', { job: job.name, slot, err });
    }
    await db.transaction((em) =>
      em.update(
        JobRun,
        { id },
        {
          status: error ? 'failed' : 'succeeded',
          finishedAt: clock.now(),
          counts: counts ? JSON.stringify(counts) : null,
          error,
        },
      ),
    );
    if (!error) logger.debug('job finished', { job: job.name, slot, ...counts });
    return { ran: true, run: await db.manager.findOneByOrFail(JobRun, { id }) };
  }

  /** A run by hand: its own slot, so it never collides with (or blocks) a scheduled one. */
  runByHand(job: JobDefinition): Promise<SlotOutcome> {
    return this.runSlot(job, `manual-${crypto.randomUUID()}`);
  }
}

/**
 * The slot a tick belongs to: its time floored to the schedule's unit (second or minute), so
 * instances whose timers fire a few milliseconds apart name the same slot.
 */
export function slotOf(schedule: string, at: Date): string {
  const seconds = schedule.trim().split(/\s+/).length === 6;
  const unit = seconds ? 1000 : 60_000;
  return new Date(Math.floor(at.getTime() / unit) * unit).toISOString();
}
