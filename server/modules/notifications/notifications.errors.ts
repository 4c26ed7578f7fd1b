import { appError } from '../../lib/error-catalogue';

/**
 * Every error the notifications module answers with beyond the common family (400/401/403/404):
 * its code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const NotificationErrors = {
  notDead: appError(409, 'INVALID_TRANSITION', '只有投递失败的消息可以重试'),
};
