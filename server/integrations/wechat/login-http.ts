import { WeChatLoginError, type WeChatLoginPort } from '../../modules/auth/wechat-login.port';
import { WeChatHttp, WeChatTransportError } from './wechat-http';

interface Code2SessionResponse {
  openid?: string;
  unionid?: string;
  session_key?: string;
}

/** Errcodes of `jscode2session` and what they mean for the caller. */
const FAILURES: Record<number, WeChatLoginError['kind']> = {
  40029: 'invalid_code', // code invalid
  40163: 'invalid_code', // code already used
  45011: 'rate_limited', // API frequency limit for this user
  40226: 'blocked', // high-risk user, login intercepted
  40013: 'misconfigured', // invalid appid
  40125: 'misconfigured', // invalid appsecret
  41002: 'misconfigured', // appid missing
  [-1]: 'unavailable', // system busy
};

/** Real code2Session over HTTP. A busy or unreachable WeChat is tried once more before giving up. */
export class HttpWeChatLogin implements WeChatLoginPort {
  private readonly http: WeChatHttp;

  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
    baseUrl: string,
  ) {
    this.http = new WeChatHttp(baseUrl);
  }

  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(code);
      } catch (err) {
        const retryable =
          err instanceof WeChatTransportError || (err instanceof WeChatLoginError && err.kind === 'unavailable');
        if (!retryable || attempt >= 2) {
          throw err instanceof WeChatLoginError ? err : new WeChatLoginError('unavailable');
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async once(code: string) {
    const res = await this.http.getJson<Code2SessionResponse>('/sns/jscode2session', {
      appid: this.appId,
      secret: this.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    if (res.errcode) throw new WeChatLoginError(FAILURES[res.errcode] ?? 'unavailable', res.errcode);
    if (!res.openid) throw new WeChatLoginError('unavailable');
    return { openid: res.openid, ...(res.unionid ? { unionid: res.unionid } : {}) };
  }
}
