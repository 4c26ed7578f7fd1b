import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cron from 'node-cron';
import { loadConfig } from '../server/config';
import { createContainer, type Container } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import { JOBS } from '../server/jobs';
import { depsFor, type JobDefinition } from '../server/jobs/job';
import { JobRun } from '../server/jobs/job-run.entity';
import { purgeJob } from '../server/jobs/purge.job';
import { JobRunner, slotOf } from '../server/jobs/runner';
import { Scheduler } from '../server/jobs/scheduler';
import { RefreshToken } from '../server/modules/auth/refresh-token.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { openTestDatabase, testDatabaseUrl, usingMysql } from './helpers/database';
import { loginHolder, loginStaff, unique } from './helpers/factories';
import { BUILT } from './helpers/built';

const DAY = 86_400_000;

const defineJob = (name: string, run: JobDefinition['run'], schedule = '* * * * *'): JobDefinition => ({
  name,
  schedule,
  description: 'A job of the test suite',
  needs: [],
  run,
});

/** A promise the test settles by hand, to hold a job mid-run. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets pending I/O callbacks and promise continuations run. */
const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
};

/** Waits (by turns of the event loop, not by the clock) until a condition holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

describe('scheduled jobs', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** Another server instance: its own container and its own connection pool to the same database. */
  const anotherInstance = async (): Promise<Container> =>
    createContainer(t.config, {
      db: await openDatabase(t.config.database),
      clock: t.clock,
      logger: t.container.logger,
    });

  const runsOf = (jobName: string) => t.container.db.manager.find(JobRun, { where: { jobName }, order: { id: 'ASC' } });

  describe('JobRunner', () => {
    it('records a run with its counts, finish time and instance', async () => {
      const job = defineJob(unique('tally'), async () => ({ claimed: 3, sent: 2 }));
      const outcome = await new JobRunner(t.container, 'instance-a').runSlot(job, '2026-11-23T02:00:00.000Z');
      expect(outcome.ran).toBe(true);
      const [row] = await runsOf(job.name);
      expect(row).toMatchObject({
        slot: '2026-11-23T02:00:00.000Z',
        status: 'succeeded',
        instance: 'instance-a',
        error: null,
      });
      expect(JSON.parse(row.counts!)).toEqual({ claimed: 3, sent: 2 });
      expect(row.finishedAt).toBeInstanceOf(Date);
      if (outcome.ran) expect(outcome.run.id).toBe(row.id);
    });

    it('records a failing run as failed with its message, without throwing', async () => {
      const job = defineJob(unique('broken'), async () => {
        throw new Error('station register unreachable');
      });
      const outcome = await new JobRunner(t.container, 'instance-a').runSlot(job, '2026-11-23T02:00:00.000Z');
      expect(outcome.ran).toBe(true);
      const rows = await runsOf(job.name);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'failed', error: 'station register unreachable', counts: null });
      expect(rows[0].finishedAt).toBeInstanceOf(Date);
    });

    it('runs a slot once when two instances reach it together', async () => {
      const other = await anotherInstance();
      try {
        const a = new JobRunner(t.container, 'instance-a');
        const b = new JobRunner(other, 'instance-b');
        let calls = 0;
        const job = defineJob(unique('shared'), async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 10));
          return { done: 1 };
        });
        const slots = [
          '2026-11-23T02:00:00.000Z',
          '2026-11-23T02:01:00.000Z',
          '2026-11-23T02:02:00.000Z',
          '2026-11-23T02:03:00.000Z',
          '2026-11-23T02:04:00.000Z',
        ];
        for (const [i, slot] of slots.entries()) {
          const before = calls;
          const pair = i % 2 === 0 ? [a, b] : [b, a];
          const outcomes = await Promise.all(pair.map((r) => r.runSlot(job, slot)));
          expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
          expect(calls - before).toBe(1);
        }
        const rows = await runsOf(job.name);
        expect(rows.map((r) => r.slot).sort()).toEqual(slots);
        expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
      } finally {
        await other.db.close();
      }
    });

    it('gives a run by hand its own slot, so it never takes a scheduled one', async () => {
      let calls = 0;
      const job = defineJob(unique('byhand'), async () => ({ done: ++calls }));
      const runner = new JobRunner(t.container, 'instance-a');
      const now = t.clock.now();
      const scheduled = slotOf(job.schedule, now);
      expect((await runner.runSlot(job, scheduled)).ran).toBe(true);

      const first = await runner.runByHand(job);
      const second = await runner.runByHand(job);
      expect(first.ran && second.ran).toBe(true);
      if (!first.ran || !second.ran) return;
      expect(first.run.slot).toMatch(/^manual-/);
      expect(second.run.slot).toMatch(/^manual-/);
      expect(first.run.slot).not.toBe(second.run.slot);

      // After a run by hand, the next scheduled slot still runs.
      const next = slotOf(job.schedule, new Date(now.getTime() + 60_000));
      expect((await runner.runSlot(job, next)).ran).toBe(true);
      expect(calls).toBe(4);
      expect(
        (await runsOf(job.name))
          .map((r) => r.slot)
          .filter((s) => !s.startsWith('manual-'))
          .sort(),
      ).toEqual([scheduled, next].sort());
    });

    it('gives a job only what it names in needs, and every job names parts the container has', async () => {
      let given: string[] = [];
      const job: JobDefinition<'clock' | 'cardReminders'> = {
        name: unique('needs'),
        schedule: '* * * * *',
        description: 'A job of the test suite',
        needs: ['clock', 'cardReminders'],
        run: async (deps) => {
          given = Object.keys(deps).sort();
          return { given: given.length };
        },
      };
      const outcome = await new JobRunner(t.container, 'instance-a').runByHand(job);
      expect(outcome.ran && outcome.run.status).toBe('succeeded');
      expect(given).toEqual(['cardReminders', 'clock']);
      for (const j of JOBS) {
        expect(j.needs.length).toBeGreaterThan(0);
        const deps = depsFor(j, t.container) as Record<string, unknown>;
        expect({ job: j.name, missing: j.needs.filter((n) => deps[n] === undefined) }).toEqual({
          job: j.name,
          missing: [],
        });
      }
    });
  });

  describe('slotOf', () => {
    it('floors a six-field schedule to the second and a five-field one to the minute', () => {
      const at = new Date('2026-11-23T02:07:45.123Z');
      expect(slotOf('*/10 * * * * *', at)).toBe('2026-11-23T02:07:45.000Z');
      expect(slotOf('17 3 * * *', at)).toBe('2026-11-23T02:07:00.000Z');
    });

    it('names the same slot for instants a few milliseconds apart within one unit', () => {
      const early = new Date('2026-11-23T02:07:45.002Z');
      const late = new Date('2026-11-23T02:07:45.009Z');
      expect(slotOf('* * * * * *', early)).toBe(slotOf('* * * * * *', late));
      expect(slotOf('* * * * *', new Date('2026-11-23T02:07:00.001Z'))).toBe(
        slotOf('* * * * *', new Date('2026-11-23T02:07:59.998Z')),
      );
      // The next unit is another slot.
      expect(slotOf('* * * * * *', new Date('2026-11-23T02:07:46.001Z'))).not.toBe(slotOf('* * * * * *', late));
    });
  });

  describe('Scheduler', () => {
    it('with two instances on the same schedule, runs each second once', async () => {
      const other = await anotherInstance();
      let invocations = 0;
      const job = defineJob(unique('heartbeat'), async () => ({ beats: ++invocations }), '* * * * * *');
      const first = new Scheduler(new JobRunner(t.container, 'instance-a'), t.container.logger);
      const second = new Scheduler(new JobRunner(other, 'instance-b'), other.logger);
      const start = Math.floor(t.clock.now().getTime() / 1000) * 1000;
      const seconds = Array.from({ length: 5 }, (_, i) => start + i * 1000);
      try {
        try {
          for (const [i, at] of seconds.entries()) {
            // Each instance's timer fires for the same second, a few milliseconds apart, either one first.
            const [early, late] = i % 2 === 0 ? [first, second] : [second, first];
            await Promise.all([early.tick(job, new Date(at + 3)), late.tick(job, new Date(at + 11))]);
          }
        } finally {
          await Promise.allSettled([first.stop(), second.stop()]);
        }
        const rows = await runsOf(job.name);
        expect(new Set(rows.map((r) => r.slot)).size).toBe(rows.length);
        expect(invocations).toBe(rows.length);
        expect(rows.length).toBeGreaterThanOrEqual(2);
        expect(rows.map((r) => r.slot).sort()).toEqual(seconds.map((at) => new Date(at).toISOString()));
        expect(invocations).toBe(seconds.length);
        expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
      } finally {
        await other.db.close();
      }
    });

    it('start puts each job on a node-cron timer (Asia/Shanghai) that fires a tick; stop takes it off', async () => {
      let calls = 0;
      const job = defineJob(unique('morning'), async () => ({ done: ++calls }), '30 9 * * 1-5');
      const scheduler = new Scheduler(new JobRunner(t.container, 'instance-a'), t.container.logger, () =>
        t.clock.now(),
      );
      const timer = () => [...cron.getTasks().values()].find((task) => task.name === job.name);
      try {
        scheduler.start([job]);
        // 09:30 on a weekday in Shanghai is 01:30 UTC; not on a Saturday, nor at 09:30 UTC.
        expect(timer()?.match(new Date('2027-03-10T01:30:00Z'))).toBe(true);
        expect(timer()?.match(new Date('2027-03-13T01:30:00Z'))).toBe(false);
        expect(timer()?.match(new Date('2027-03-10T09:30:00Z'))).toBe(false);
        // Fire the timer now instead of waiting for it: the tick takes the slot of the scheduler's clock.
        await timer()!.execute();
        expect(calls).toBe(1);
        expect((await runsOf(job.name)).map((r) => r.slot)).toEqual([slotOf(job.schedule, t.clock.now())]);
      } finally {
        await scheduler.stop();
      }
      expect(timer()).toBeUndefined();
    });

    it('stop waits for a run under way and lets it be recorded', async () => {
      const hold = gate();
      let started = false;
      const job = defineJob(unique('slow'), async () => {
        started = true;
        await hold.promise;
        return { done: 1 };
      });
      const scheduler = new Scheduler(new JobRunner(t.container, 'instance-a'), t.container.logger);
      let stopped = false;
      let stopping: Promise<void> | undefined;
      try {
        void scheduler.tick(job, new Date('2026-11-23T02:00:00Z'));
        await until(() => started, 'the job started');
        stopping = scheduler.stop().then(() => {
          stopped = true;
        });
        await settle();
        expect(stopped).toBe(false);
        expect((await runsOf(job.name))[0].status).toBe('running');
        hold.open();
        await stopping;
        expect(stopped).toBe(true);
        const rows = await runsOf(job.name);
        expect(rows).toHaveLength(1);
        expect(rows[0].status).toBe('succeeded');
      } finally {
        hold.open();
        await (stopping ?? scheduler.stop());
      }
    });

    it('does not start a job again while its previous run is under way', async () => {
      const hold = gate();
      let calls = 0;
      const job = defineJob(unique('single'), async () => {
        calls++;
        await hold.promise;
        return { done: 1 };
      });
      const scheduler = new Scheduler(new JobRunner(t.container, 'instance-a'), t.container.logger);
      try {
        const first = scheduler.tick(job, new Date('2026-11-23T02:00:00Z'));
        // Later slots, so only the overlap rule (not the slot key) can hold them back.
        const second = scheduler.tick(job, new Date('2026-11-23T02:01:00Z'));
        const third = scheduler.tick(job, new Date('2026-11-23T02:02:00Z'));
        await until(() => calls > 0, 'the job started');
        hold.open();
        await Promise.all([first, second, third]);
        expect(calls).toBe(1);

        // Once the run is over, the next tick runs.
        await scheduler.tick(job, new Date('2026-11-23T02:03:00Z'));
        expect(calls).toBe(2);
        expect((await runsOf(job.name)).map((r) => r.slot)).toEqual([
          '2026-11-23T02:00:00.000Z',
          '2026-11-23T02:03:00.000Z',
        ]);
      } finally {
        hold.open();
        await scheduler.stop();
      }
    });
  });

  describe('purge', () => {
    it('removes refresh tokens a week past expiry and job runs older than 30 days', async () => {
      const holder = await loginHolder(t);
      const now = t.clock.now().getTime();
      const token = (expiresAt: Date) => ({
        accountId: holder.userId,
        familyId: crypto.randomUUID(),
        tokenHash: crypto.randomBytes(32).toString('hex'),
        expiresAt,
        usedAt: null,
        revokedAt: null,
        createdAt: new Date(now - 40 * DAY),
      });
      const ids = async (r: Promise<{ identifiers: Array<{ id?: unknown }> }>) => Number((await r).identifiers[0].id);
      const manager = t.container.db.manager;
      const tx = t.container.db.transaction.bind(t.container.db);
      const longExpired = await ids(tx((em) => em.insert(RefreshToken, token(new Date(now - 10 * DAY)))));
      const justExpired = await ids(tx((em) => em.insert(RefreshToken, token(new Date(now - 1 * DAY)))));
      const current = await ids(tx((em) => em.insert(RefreshToken, token(new Date(now + 10 * DAY)))));
      const run = (startedAt: Date) => ({
        jobName: unique('archive'),
        slot: unique('slot-'),
        status: 'succeeded' as const,
        instance: 'instance-a',
        startedAt,
        finishedAt: startedAt,
        counts: '{}',
        error: null,
      });
      const oldRun = await ids(tx((em) => em.insert(JobRun, run(new Date(now - 40 * DAY)))));
      const recentRun = await ids(tx((em) => em.insert(JobRun, run(new Date(now - 1 * DAY)))));

      const outcome = await new JobRunner(t.container, 'instance-a').runByHand(purgeJob);
      expect(outcome.ran).toBe(true);
      if (!outcome.ran) return;
      expect(outcome.run.status).toBe('succeeded');
      expect(JSON.parse(outcome.run.counts!)).toEqual({ refreshTokens: 1, jobRuns: 1, qrTokens: 0, rateLimits: 0 });

      expect(await manager.findOneBy(RefreshToken, { id: longExpired })).toBeNull();
      expect(await manager.findOneBy(RefreshToken, { id: justExpired })).not.toBeNull();
      expect(await manager.findOneBy(RefreshToken, { id: current })).not.toBeNull();
      expect(await manager.findOneBy(JobRun, { id: oldRun })).toBeNull();
      expect(await manager.findOneBy(JobRun, { id: recentRun })).not.toBeNull();
      // The holder's own session is untouched.
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: holder.refreshToken }).expect(200);
    });
  });

  describe('GET /api/v1/staff/jobs', () => {
    it('lists every job with its recent runs, for admins only', async () => {
      await new JobRunner(t.container, 'instance-a').runByHand(purgeJob);
      const admin = await loginStaff(t, ['admin']);
      const res = await t.http.get('/api/v1/staff/jobs').set(admin.auth).expect(200);
      expect(res.body.items.map((j: { name: string }) => j.name)).toEqual(JOBS.map((j) => j.name));
      for (const job of JOBS) {
        expect(res.body.items.find((j: { name: string }) => j.name === job.name)).toMatchObject({
          schedule: job.schedule,
          description: job.description,
        });
      }
      const purge = res.body.items.find((j: { name: string }) => j.name === 'purge');
      expect(purge.recentRuns.length).toBeGreaterThanOrEqual(1);
      expect(purge.recentRuns[0]).toMatchObject({ status: 'succeeded', instance: 'instance-a', error: null });
      expect(purge.recentRuns[0].slot).toMatch(/^manual-/);
      expect(purge.recentRuns[0].counts).toEqual({
        refreshTokens: expect.any(Number),
        jobRuns: expect.any(Number),
        qrTokens: expect.any(Number),
        rateLimits: expect.any(Number),
      });
      expect(typeof purge.recentRuns[0].finishedAt).toBe('string');

      const holder = await loginHolder(t);
      expect((await t.http.get('/api/v1/staff/jobs').set(holder.auth).expect(403)).body.error.code).toBe('FORBIDDEN');
      await t.http.get('/api/v1/staff/jobs').expect(401);
    });
  });
});

describe('npm run job', () => {
  const root = path.join(__dirname, '..');

  function runJobScript(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const proc = spawn(process.execPath, [BUILT.job, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += c));
    proc.stderr.on('data', (c) => (stderr += c));
    return new Promise((resolve, reject) => {
      proc.on('error', reject);
      proc.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('runs a job by hand and prints its outcome', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-job-'));
    try {
      let url: string;
      if (usingMysql()) {
        url = testDatabaseUrl();
        const db = await openTestDatabase(loadConfig({ DATABASE_URL: url }).database);
        await db.close();
      } else {
        url = `sqlite:${path.join(dataDir, 'job.sqlite')}`;
      }
      const res = await runJobScript(['purge'], { DATABASE_URL: url, DATA_DIR: dataDir });
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
      const lines = res.stdout.trim().split('\n');
      const outcome = JSON.parse(lines[lines.length - 1]);
      expect(outcome).toMatchObject({
        job: 'purge',
        status: 'succeeded',
        counts: { refreshTokens: 0, jobRuns: 0 },
        error: null,
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown job with the usage and the list of jobs', async () => {
    const res = await runJobScript(['nosuchjob'], {});
    expect(res.code).toBe(64);
    expect(res.stderr).toContain('usage');
    expect(res.stderr).toContain('dispatch-notifications');
    expect(res.stderr).toContain('purge');
  });
});
