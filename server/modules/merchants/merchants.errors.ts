import { appError } from '../../lib/error-catalogue';

/**
 * Every error the merchants module answers with beyond the common family (400/401/403/404): its
 * code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const MerchantErrors = {
  // Membership and the merchant's own state
  merchantSuspended: appError(409, 'MERCHANT_INACTIVE', '商户已被暂停，请联系退役军人事务局'),
  merchantNotOpen: appError(409, 'MERCHANT_INACTIVE', '商户尚未开通'),
  applicationExists: appError(409, 'MERCHANT_APPLICATION_EXISTS', '您已有一份待审核的入盟申请'),
  usernameTaken: appError(409, 'USERNAME_TAKEN', '该用户名已被使用'),
  categoryExists: appError(409, 'CATEGORY_EXISTS', '已有同名分类'),

  // Offers and redemptions
  offerWithdrawn: appError(409, 'INVALID_TRANSITION', '已下架的优惠不能修改'),
  offerAlreadyWithdrawn: appError(409, 'INVALID_TRANSITION', '该优惠已下架'),
  offerUnavailable: appError(409, 'OFFER_UNAVAILABLE', '该优惠已下架或不在有效期内'),
  categoryNotEligible: appError(409, 'CATEGORY_NOT_ELIGIBLE', '该优惠不适用于持证人的优抚类别'),
  dailyUsesSpent: appError(409, 'LIMIT_REACHED', (limit: number) => `该优惠每人每天限用 ${limit} 次，今天已用完`),

  // Complaints
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先在“我的”中登记身份信息，再投诉商户'),
  noActiveCard: appError(409, 'CARD_INACTIVE', '持有正常使用中的优待证才能投诉商户'),
  dailyComplaintsSpent: appError(409, 'LIMIT_REACHED', (limit: number) => `每人每天最多投诉 ${limit} 次，请明天再提交`),
};
