/**
 * WeChat mini-program login (code2Session): trades the code from `wx.login` for the user's openid.
 * The session key is deliberately not returned: nothing here needs it, so nothing stores it.
 */
export interface WeChatLoginPort {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
}

export type WeChatLoginFailure = 'invalid_code' | 'rate_limited' | 'blocked' | 'unavailable' | 'misconfigured';

export class WeChatLoginError extends Error {
  constructor(
    readonly kind: WeChatLoginFailure,
    readonly errcode?: number,
  ) {
    super(`WeChat login failed: ${kind}${errcode !== undefined ? ` (errcode ${errcode})` : ''}`);
    this.name = 'WeChatLoginError';
  }
}
