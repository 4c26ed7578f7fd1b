import { WeChatLoginError, type WeChatLoginPort } from '../../modules/auth/wechat-login.port';

/**
 * The embedded default, needing no network: the code `dev-<name>` logs in as openid `dev-<name>`.
 * Production refuses to start with it.
 */
export class DevWeChatLogin implements WeChatLoginPort {
  async code2Session(code: string): Promise<{ openid: string }> {
    if (!/^dev-[A-Za-z0-9_-]{1,48}$/.test(code)) throw new WeChatLoginError('invalid_code');
    return { openid: code };
  }
}
