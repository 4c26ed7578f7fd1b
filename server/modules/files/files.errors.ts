import { appError } from '../../lib/error-catalogue';
import type { ErrorDetail } from '../../lib/errors';

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Every error the files module answers with beyond the common family (400/401/403/404, and 413/415
 * for size and type): its code, status and message, in one place. Routes list these codes in
 * their `errors`.
 */
export const FileErrors = {
  /** A card photo against the national specification; each problem is a detail. */
  photoSpec: appError(400, 'PHOTO_SPEC', (problems: ErrorDetail[]) => ({
    message: `照片不符合要求：${problems.map((p) => p.message).join('；')}`,
    details: problems,
  })),
  /** The day's uploads are spent; retry after the next midnight in Asia/Shanghai. */
  quotaExceeded: appError(
    429,
    'UPLOAD_QUOTA_EXCEEDED',
    (limits: { count: number; bytes: number }, retryAfterSeconds: number) => {
      const message = `今日上传已达上限（每天最多 ${limits.count} 个文件、共 ${mb(limits.bytes)}），请明天再试`;
      return {
        message,
        details: [{ rule: 'daily_quota', expected: { count: limits.count, bytes: limits.bytes }, message }],
        headers: { 'Retry-After': String(retryAfterSeconds) },
      };
    },
  ),
};
