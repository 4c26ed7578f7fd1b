import { appError } from '../../lib/error-catalogue';
import { ID_NUMBER_MESSAGES, type IdNumberProblem } from '../../lib/id-number';

/**
 * Every error the people module (identities and their change requests) answers with beyond the
 * common family (400/401/403/404): its code, status and message, in one place. Routes list these
 * codes in their `errors`.
 */
export const PeopleErrors = {
  idNumberInvalid: appError(400, 'ID_NUMBER_INVALID', (problem: IdNumberProblem) => ({
    message: ID_NUMBER_MESSAGES[problem],
    details: [{ field: 'idNumber', rule: problem, message: ID_NUMBER_MESSAGES[problem] }],
  })),
  idNumberTaken: appError(409, 'ID_NUMBER_TAKEN', '该身份证号码已绑定其他账号，如有疑问请联系服务站'),
  identityLocked: appError(
    409,
    'IDENTITY_LOCKED',
    '身份信息已由服务站核验，不能直接修改；如需变更姓名、身份证号码或类别，请提交变更申请',
  ),
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先完成身份信息登记'),
  identityNotVerified: appError(409, 'IDENTITY_NOT_VERIFIED', '身份信息尚未核验，可直接修改，无需提交变更申请'),
  changeRequestExists: appError(409, 'CHANGE_REQUEST_EXISTS', '您已有一份正在审核的变更申请，请等待审核结果或先撤回'),
  consentRequired: appError(403, 'CONSENT_REQUIRED', '请先阅读并同意《敏感个人信息处理同意书》，再登记或变更身份信息'),
  consentVersionStale: appError(409, 'CONSENT_VERSION_STALE', '同意书已更新，请重新阅读后再同意'),
};
