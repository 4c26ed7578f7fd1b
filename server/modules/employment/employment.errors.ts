import { appError } from '../../lib/error-catalogue';

/**
 * Every error the employment module answers with beyond the common family (400/401/403/404) and
 * 409 INVALID_TRANSITION: its code, status and message, in one place.
 */
export const EmploymentErrors = {
  creditCodeInvalid: appError(400, 'CREDIT_CODE_INVALID', () => ({
    message: '统一社会信用代码有误，请核对营业执照上的 18 位代码',
    details: [{ field: 'creditCode', message: '统一社会信用代码校验位不符' }],
  })),
  employerExists: appError(409, 'EMPLOYER_EXISTS', '您已登记过招聘单位，请勿重复申请'),
  employerNotApproved: appError(403, 'EMPLOYER_NOT_APPROVED', '招聘单位审核通过后才能发布和管理岗位'),
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先在“我的”中登记身份信息，再投递简历'),
  profileRequired: appError(409, 'PROFILE_REQUIRED', '请先填写求职信息，再投递'),
  postingClosed: appError(409, 'POSTING_CLOSED', '该岗位已停止招聘'),
  alreadyApplied: appError(409, 'ALREADY_APPLIED', '您已投递过这个岗位'),
  dailyLimit: appError(409, 'LIMIT_REACHED', (limit: number) => `每人每天最多投递 ${limit} 个岗位，请明天再投递`),
  fairFull: appError(409, 'FAIR_FULL', '招聘会报名人数已满'),
  fairStarted: appError(409, 'FAIR_STARTED', '招聘会当天及之后不能报名或取消报名'),
  fairNotYet: appError(409, 'FAIR_NOT_YET', '招聘会当天或之后才能登记到场和意向'),
  notSignedUp: appError(409, 'NOT_SIGNED_UP', '该人员未报名这场招聘会'),
  fileNotAttachable: appError(400, 'FILE_NOT_ATTACHABLE', () => ({
    message: '营业执照须为您本人上传的材料文件（用途 document）',
    details: [{ field: 'licenceFileId', message: '营业执照须为您本人上传的材料文件（用途 document）' }],
  })),
};
