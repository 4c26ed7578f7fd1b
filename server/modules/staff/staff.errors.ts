import { appError } from '../../lib/error-catalogue';

/**
 * Every error the staff module (accounts, roles, places) answers with beyond the common family
 * (400/401/403/404): its code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const StaffErrors = {
  usernameTaken: appError(409, 'USERNAME_TAKEN', '该用户名已被使用'),
  cannotDisableSelf: appError(409, 'SELF_LOCKOUT', '不能停用自己的账号'),
  cannotDropOwnAdmin: appError(409, 'SELF_LOCKOUT', '不能移除自己的管理员角色'),
  cannotResetOwnMfa: appError(409, 'SELF_LOCKOUT', '不能重置自己的第二验证因素'),
  districtCodeTaken: appError(409, 'DISTRICT_CODE_TAKEN', '该区划代码已存在'),
  stationNameTaken: appError(409, 'STATION_NAME_TAKEN', '该区已有同名服务站'),
};
