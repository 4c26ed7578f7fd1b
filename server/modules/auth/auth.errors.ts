import { appError } from '../../lib/error-catalogue';

const REVOKED_MESSAGE = '登录状态已失效，请重新登录';

/**
 * Every error the auth module answers with beyond the common family (400/401/403/404): its code,
 * status and message, in one place. Routes list these codes in their `errors`.
 */
export const AuthErrors = {
  // What WeChat's code2Session said, in the client's terms
  wechatCodeInvalid: appError(400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已使用，请重新进入小程序'),
  wechatRateLimited: appError(429, 'RATE_LIMITED', '登录过于频繁，请稍后再试'),
  wechatUserBlocked: appError(403, 'WECHAT_USER_BLOCKED', '该微信账号存在风险，暂时无法登录'),
  wechatUnavailable: appError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'),

  invalidCredentials: appError(401, 'INVALID_CREDENTIALS', '用户名或密码错误'),
  holderDisabled: appError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系工作人员'),
  staffDisabled: appError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员'),

  // The second factor (TOTP or a recovery code) of admin and district accounts
  mfaCodeInvalid: appError(401, 'MFA_CODE_INVALID', '验证码错误或已使用，请重新输入'),
  mfaLocked: appError(429, 'MFA_LOCKED', (retryAfterSeconds: number) => ({
    message: `验证码错误次数过多，请${Math.ceil(retryAfterSeconds / 60)}分钟后再试`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  })),
  mfaNotEnrolled: appError(409, 'MFA_NOT_ENROLLED', '尚未绑定身份验证器，请先完成绑定'),
  mfaAlreadyEnrolled: appError(409, 'MFA_ALREADY_ENROLLED', '已绑定身份验证器；如需重新绑定，请联系管理员'),

  // The console's cookie session
  csrfInvalid: appError(403, 'CSRF_INVALID', '请求来源校验失败，请刷新页面后重试'),
  sessionIdle: appError(401, 'SESSION_IDLE', '长时间未操作，已自动退出，请重新登录'),

  /**
   * An access token whose account has moved on (logged out, disabled, roles changed). Still 401
   * UNAUTHENTICATED, so the mini-program renews its session silently; the reason is in the details.
   */
  tokenRevoked: appError(401, 'UNAUTHENTICATED', () => ({
    message: REVOKED_MESSAGE,
    details: [{ rule: 'TOKEN_REVOKED', message: REVOKED_MESSAGE }],
  })),
};
