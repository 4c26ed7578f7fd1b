import { RateLimitCounter } from '../http/rate-limit-counter.entity';
import { WeChatAccessToken } from '../integrations/wechat/wechat-access-token.entity';
import { JobRun } from '../jobs/job-run.entity';
import { MODULES } from '../modules';

/**
 * Every entity: the process's own (job runs, rate-limit counters, WeChat's access token) and each
 * module's. Registered explicitly (no globbing: the same list under tsx, jest and node).
 */
export const entities = [JobRun, RateLimitCounter, WeChatAccessToken, ...MODULES.flatMap((m) => m.entities ?? [])];
