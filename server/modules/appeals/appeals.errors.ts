import { appError } from '../../lib/error-catalogue';

/**
 * Every error the appeals module answers with beyond the common family (400/401/403/404) and
 * 409 INVALID_TRANSITION: its code, status and message, in one place.
 */
export const AppealErrors = {
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先在“我的”中登记身份信息，再提交诉求或代办'),
  dailyLimit: appError(409, 'LIMIT_REACHED', (limit: number) => `每人每天最多提交 ${limit} 件诉求或代办，请明天再提交`),
  reopenUsed: appError(409, 'REOPEN_USED', '每件诉求只能申请重新办理一次'),
  alreadyRated: appError(409, 'ALREADY_RATED', '已评价过'),
  notRatable: appError(409, 'INVALID_TRANSITION', '办结后才能评价'),
  filesNotAttachable: appError(400, 'FILE_NOT_ATTACHABLE', () => ({
    message: '附件须为您本人上传的材料文件（用途 document）',
    details: [{ field: 'fileIds', message: '附件须为您本人上传的材料文件（用途 document）' }],
  })),
};
