import { LessThan } from 'typeorm';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { QrTokenUse } from '../modules/cards/qr-token-use.entity';
import { JobRun } from './job-run.entity';
import { defineJob } from './job';

const DAY = 86_400_000;
/** Refresh tokens are kept a week past expiry so a late replay is still recognised as reuse. */
const REFRESH_TOKEN_GRACE_DAYS = 7;
const JOB_RUN_DAYS = 30;
/** Rate-limit windows are kept an hour past their end, for instances whose clocks run behind. */
const RATE_LIMIT_GRACE_MS = 3_600_000;

/** Deletes expired refresh tokens, old job runs, spent QR tokens and ended rate-limit windows, in bounded chunks. */
export const purgeJob = defineJob({
  name: 'purge',
  schedule: '17 3 * * *',
  description:
    'Remove expired refresh tokens, job runs older than 30 days, spent QR tokens and ended rate-limit windows',
  needs: ['clock', 'db', 'rateLimits'],
  run: async ({ clock, db, rateLimits }) => {
    const now = clock.now().getTime();
    const purge = async (entity: typeof RefreshToken | typeof JobRun | typeof QrTokenUse, where: object) => {
      let total = 0;
      for (;;) {
        const ids = (await db.manager.find(entity, { where, select: { id: true }, take: 1000 })).map((r) => r.id);
        if (ids.length === 0) return total;
        await db.transaction((em) => em.delete(entity, ids));
        total += ids.length;
      }
    };
    return {
      refreshTokens: await purge(RefreshToken, { expiresAt: LessThan(new Date(now - REFRESH_TOKEN_GRACE_DAYS * DAY)) }),
      jobRuns: await purge(JobRun, { startedAt: LessThan(new Date(now - JOB_RUN_DAYS * DAY)) }),
      // A spent QR token only matters until it expires; a day later it can go.
      qrTokens: await purge(QrTokenUse, { expiresAt: LessThan(new Date(now - DAY)) }),
      rateLimits: await rateLimits.purgeEndedBefore(new Date(now - RATE_LIMIT_GRACE_MS)),
    };
  },
});
