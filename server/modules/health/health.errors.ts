import { appError } from '../../lib/error-catalogue';

/** The errors of the health routes: readiness refuses while draining or without a database. */
export const HealthErrors = {
  draining: appError(503, 'NOT_READY', '服务正在停止'),
  databaseDown: appError(503, 'NOT_READY', '数据库暂时不可用'),
};
