import { LessThan } from 'typeorm';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { QrTokenUse } from '../modules/cards/qr-token-use.entity';
import { JobRun } from './job-run.entity';
import type { JobDefinition } from './job';

const DAY = 86_400_000;
/** Refresh tokens are kept a week past expiry so a late replay is still recognised as reuse. */
const REFRESH_TOKEN_GRACE_DAYS = 7;
const JOB_RUN_DAYS = 30;

/** Deletes expired refresh tokens and old job runs, in bounded chunks. */
export const purgeJob: JobDefinition = {
  name: 'purge',
  schedule: '17 3 * * *',
  description: 'Remove expired refresh tokens, job runs older than 30 days and spent QR tokens',
  run: async (c) => {
    const now = c.clock.now().getTime();
    const purge = async (entity: typeof RefreshToken | typeof JobRun | typeof QrTokenUse, where: object) => {
      let total = 0;
      for (;;) {
        const ids = (await c.db.manager.find(entity, { where, select: { id: true }, take: 1000 })).map((r) => r.id);
        if (ids.length === 0) return total;
        await c.db.transaction((em) => em.delete(entity, ids));
        total += ids.length;
      }
    };
    return {
      refreshTokens: await purge(RefreshToken, { expiresAt: LessThan(new Date(now - REFRESH_TOKEN_GRACE_DAYS * DAY)) }),
      jobRuns: await purge(JobRun, { startedAt: LessThan(new Date(now - JOB_RUN_DAYS * DAY)) }),
      // A spent QR token only matters until it expires; a day later it can go.
      qrTokens: await purge(QrTokenUse, { expiresAt: LessThan(new Date(now - DAY)) }),
    };
  },
};
