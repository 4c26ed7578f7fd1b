import { appError } from '../../lib/error-catalogue';

/**
 * Every error the 优待证 module answers with beyond the common family (400/401/403/404): its code,
 * status and message, in one place. Routes list these codes in their `errors`.
 */
export const CardErrors = {
  // The holder's application
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先完成身份信息登记'),
  notEligible: appError(409, 'NOT_ELIGIBLE', (reasons: string[]) => reasons.join('；')),
  applicationExists: appError(409, 'APPLICATION_EXISTS', '您已有一份正在办理的申请，请在原申请中继续办理'),
  cardExists: appError(409, 'CARD_EXISTS', '您已持有优待证；如遗失请先挂失再申请补领，如损坏请申请换领'),
  cardNotLost: appError(409, 'CARD_NOT_LOST', '补领须先挂失原优待证'),
  noActiveCardToExchange: appError(409, 'CARD_INACTIVE', '换领须持有正常使用中的优待证'),
  notEditable: appError(409, 'INVALID_TRANSITION', '当前状态不能修改申请'),
  notSubmittable: appError(409, 'INVALID_TRANSITION', '当前状态不能提交申请'),
  changedMeanwhile: appError(409, 'INVALID_TRANSITION', '申请状态已变化，请刷新后重试'),
  deadlinePassed: appError(409, 'DEADLINE_PASSED', '补充材料的期限已过，请重新提交申请'),
  incomplete: appError(400, 'APPLICATION_INCOMPLETE', (missing: string[]) => missing.join('；')),

  // Review, production and hand-out
  notUnderReview: appError(409, 'INVALID_TRANSITION', '该申请当前不在审核环节'),
  identityMismatch: appError(409, 'IDENTITY_MISMATCH', '申请类别与申请人登记的身份类别不一致，请退回申请人核对'),
  cardNotArrived: appError(409, 'INVALID_TRANSITION', '优待证尚未到达，不能发放'),
  cardNumberTaken: appError(409, 'CARD_NUMBER_TAKEN', '该卡号已被使用，或此人已有一张在用的优待证'),
  notAllApproved: appError(409, 'INVALID_TRANSITION', (ids: number[]) => `以下申请不是待制卡状态：${ids.join('、')}`),
  photosTaken: appError(
    409,
    'PHOTOS_ALREADY_DOWNLOADED',
    '该批次的照片已下载过一次；如需再次下载，请联系管理员重新开放',
  ),
  photosNotTaken: appError(409, 'INVALID_TRANSITION', '该批次的照片尚未下载'),
  batchArrived: appError(409, 'INVALID_TRANSITION', '该批次已登记到达'),

  // The electronic card and its QR code
  cannotShow: appError(409, 'CARD_INACTIVE', '优待证当前不可用（已挂失、更换或注销），不能出示'),
  qrInvalid: appError(400, 'QR_INVALID', '二维码无效或已过期，请让持证人刷新后重试'),
  qrUsed: appError(409, 'QR_USED', '该二维码已使用，请让持证人刷新后重试'),
  scannedCardInactive: appError(409, 'CARD_INACTIVE', '该优待证当前不可用（已挂失、更换或注销）'),
};
