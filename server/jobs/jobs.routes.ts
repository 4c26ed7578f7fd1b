import { z } from 'zod';
import { route } from '../http/route';
import { isoTime } from '../lib/time';
import type { Database } from '../db/database';
import { JobRun } from './job-run.entity';
import type { JobDefinition } from './job';

const runView = z.object({
  id: z.number().int(),
  slot: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  instance: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
});
const jobsView = z.object({
  items: z.array(
    z.object({ name: z.string(), schedule: z.string(), description: z.string(), recentRuns: z.array(runView) }),
  ),
  nextCursor: z.null(),
});

const presentRun = (r: JobRun) => ({
  id: r.id,
  slot: r.slot,
  status: r.status,
  instance: r.instance,
  startedAt: isoTime(r.startedAt),
  finishedAt: r.finishedAt ? isoTime(r.finishedAt) : null,
  counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : null,
  error: r.error,
});

export const jobsRoutes = (db: Database, jobs: JobDefinition[]) => [
  route({
    method: 'get',
    path: '/api/v1/staff/jobs',
    tag: 'jobs',
    summary: 'Scheduled jobs and their recent runs',
    access: ['district_staff', 'admin'],
    responses: { 200: { description: 'Jobs', schema: jobsView } },
    handler: async () => ({
      body: {
        items: await Promise.all(
          jobs.map(async (j) => ({
            name: j.name,
            schedule: j.schedule,
            description: j.description,
            recentRuns: (
              await db.manager.find(JobRun, { where: { jobName: j.name }, order: { id: 'DESC' }, take: 10 })
            ).map(presentRun),
          })),
        ),
        nextCursor: null,
      },
    }),
  }),
];
