import 'reflect-metadata';
import { loadConfigOrExit } from '../server/config';
import { createContainer } from '../server/container';
import { findJob, JOBS } from '../server/jobs';
import { JobRunner } from '../server/jobs/runner';

/** Runs one job by hand: `npm run job -- <name>`. The run is recorded like a scheduled one. */
async function main(): Promise<void> {
  const name = process.argv[2];
  const job = name ? findJob(name) : undefined;
  if (!job) {
    process.stderr.write(
      `usage: npm run job -- <name>\njobs:\n${JOBS.map((j) => `  ${j.name.padEnd(24)} ${j.description}`).join('\n')}\n`,
    );
    process.exit(64);
  }
  const config = loadConfigOrExit();
  const c = await createContainer(config);
  try {
    const outcome = await new JobRunner(c, `${config.scheduler.instanceId}-manual`).runByHand(job);
    if (!outcome.ran) throw new Error('the run could not be recorded');
    const { status, counts, error } = outcome.run;
    process.stdout.write(`${JSON.stringify({ job: job.name, status, counts: counts && JSON.parse(counts), error })}\n`);
    process.exitCode = outcome.run.status === 'succeeded' ? 0 : 1;
  } finally {
    await c.db.close();
  }
}

void main();
