import { appError } from '../../lib/error-catalogue';

/** Errors of the daily trade-bill reconciliation beyond the common family. */
export const ReconciliationErrors = {
  /** WeChat Pay makes a day's bill the next morning: today and later days cannot be compared yet. */
  dayNotOver: appError(409, 'RECONCILIATION_DAY_NOT_OVER', '只能对已经过去的日期对账（当天的账单次日上午才生成）'),
};
