import type { Database } from '../../db/database';
import type { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import { FileErrors } from './files.errors';
import { UploadQuota } from './upload-quota.entity';

/** What one account may upload per day (Asia/Shanghai). */
export interface UploadQuotaLimits {
  count: number;
  bytes: number;
}

/** A place in the day's quota, taken before the bytes are stored; given back if storing fails. */
export interface QuotaReservation {
  accountId: number;
  day: string;
  bytes: number;
}

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** Seconds until the next midnight in Asia/Shanghai, when a new day's quota starts. */
const secondsToNextDay = (now: Date) => {
  const local = now.getTime() + SHANGHAI_MS;
  return Math.max(1, Math.ceil((DAY_MS - (local % DAY_MS)) / 1000));
};

/**
 * The per-person daily upload quota: a count and a byte total per account and day, held in
 * `upload_quota` and taken race-safely.
 *
 * A reservation is two single statements, neither inside a transaction, so no lock is held from
 * one to the next and concurrent uploads cannot deadlock on MariaDB (an UPDATE that finds no row
 * and then an INSERT, in one transaction, does):
 * 1. an upsert that makes sure the day's row exists (and changes nothing when it does);
 * 2. a guarded `UPDATE … SET count = count + 1, bytes = bytes + n WHERE count + 1 <= max AND
 *    bytes + n <= max`: one row changed means the place is ours, none means over quota.
 * The guard could sit in the upsert itself, but mysql2 reports found rows, so a refused upsert and
 * a fresh insert both answer "1 row": the outcome could not be read back.
 */
export class UploadQuotas {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly limits: UploadQuotaLimits,
  ) {}

  /** Takes a place for one upload of `bytes`; 429 UPLOAD_QUOTA_EXCEEDED when the day's quota would be passed. */
  async reserve(accountId: number, bytes: number): Promise<QuotaReservation> {
    const now = this.clock.now();
    const day = shanghaiDate(now);
    if (bytes > this.limits.bytes) throw this.exceeded(now);
    await this.db.statement((em) =>
      em.query(
        this.db.kind === 'mysql'
          ? 'INSERT INTO upload_quota (account_id, day) VALUES (?, ?) ON DUPLICATE KEY UPDATE account_id = account_id'
          : 'INSERT INTO upload_quota (account_id, day) VALUES (?, ?) ON CONFLICT (account_id, day) DO NOTHING',
        [accountId, day],
      ),
    );
    const taken = await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(UploadQuota)
        .set({ count: () => 'count + 1', bytes: () => 'bytes + :bytes', updatedAt: now })
        .where('account_id = :accountId AND day = :day AND count + 1 <= :maxCount AND bytes + :bytes <= :maxBytes')
        .setParameters({ accountId, day, bytes, maxCount: this.limits.count, maxBytes: this.limits.bytes })
        .execute(),
    );
    if (taken.affected !== 1) throw this.exceeded(now);
    return { accountId, day, bytes };
  }

  /** Gives a reserved place back (the upload was not kept). Never below zero. */
  async release(r: QuotaReservation): Promise<void> {
    await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(UploadQuota)
        .set({ count: () => 'count - 1', bytes: () => 'bytes - :bytes', updatedAt: this.clock.now() })
        .where('account_id = :accountId AND day = :day AND count >= 1 AND bytes >= :bytes')
        .setParameters({ accountId: r.accountId, day: r.day, bytes: r.bytes })
        .execute(),
    );
  }

  private exceeded(now: Date): AppError {
    return FileErrors.quotaExceeded(this.limits, secondsToNextDay(now));
  }
}
