import { appError } from '../../lib/error-catalogue';

/**
 * Every error the proxies module answers with beyond the common family: its code, status and
 * message, in one place. `notAllowed` is also the answer of any route called with `X-Acting-For`
 * that the caller may not take for that holder.
 */
export const ProxyErrors = {
  notAllowed: appError(403, 'PROXY_NOT_ALLOWED', '您不能代家人办理这项业务，请确认家人已授权'),
  identityRequired: appError(409, 'IDENTITY_REQUIRED', '请先在“我的”中登记身份信息，再办理家属代办'),
  codeInvalid: appError(404, 'PROXY_CODE_INVALID', '邀请码不正确，请核对后重新输入'),
  codeExpired: appError(409, 'PROXY_CODE_EXPIRED', '邀请码已过期，请让家人重新生成'),
  codeUsed: appError(409, 'PROXY_CODE_USED', '邀请码已使用或已撤销，请让家人重新生成'),
  self: appError(409, 'PROXY_SELF', '不能为自己代办'),
  exists: appError(409, 'PROXY_EXISTS', '你们之间已有代办关系'),
  limitReached: appError(409, 'PROXY_LIMIT_REACHED', (max: number) => `每人最多可以有 ${max} 位家人代办，请先撤销一位`),
  proxyAccountMissing: appError(
    409,
    'PROXY_ACCOUNT_MISSING',
    '这个身份证号码没有登记在戎友小程序中，请家属先登录小程序并登记身份信息',
  ),
};
