import {
  SubscribeSendError,
  type OutgoingSubscribeMessage,
  type SubscribeMessagePort,
} from '../../modules/notifications/subscribe-message.port';
import { AccessTokenError, type WeChatAccessTokens } from './access-token';
import { WeChatHttp, WeChatTransportError } from './wechat-http';

const TOKEN_INVALID = new Set([40001, 40014]);
const TOKEN_EXPIRED = 42001;
const REFUSED = new Set([43101]);
const REJECTED = new Set([40003, 40037, 41030, 47003]);

/** Real subscribeMessage.send over HTTP; a rejected access token is replaced once and the send retried once. */
export class HttpSubscribeMessages implements SubscribeMessagePort {
  constructor(
    private readonly http: WeChatHttp,
    private readonly tokens: WeChatAccessTokens,
    private readonly miniprogramState: 'formal' | 'trial' | 'developer',
  ) {}

  async send(message: OutgoingSubscribeMessage): Promise<void> {
    let token = await this.token(() => this.tokens.get());
    for (let attempt = 1; ; attempt++) {
      const errcode = await this.post(token, message);
      if (!errcode) return;
      if ((TOKEN_INVALID.has(errcode) || errcode === TOKEN_EXPIRED) && attempt === 1) {
        const rejected = token;
        token = await this.token(() => this.tokens.replaceRejected(rejected, errcode === TOKEN_EXPIRED));
        continue;
      }
      if (REFUSED.has(errcode)) throw new SubscribeSendError('refused', errcode);
      if (REJECTED.has(errcode)) throw new SubscribeSendError('rejected', errcode);
      throw new SubscribeSendError('transient', errcode);
    }
  }

  private async token(get: () => Promise<string>): Promise<string> {
    try {
      return await get();
    } catch (err) {
      if (err instanceof AccessTokenError) throw new SubscribeSendError('transient', err.errcode, 'access token');
      throw err;
    }
  }

  private async post(token: string, m: OutgoingSubscribeMessage): Promise<number> {
    try {
      const res = await this.http.postJson<{ msgid?: number }>(
        '/cgi-bin/message/subscribe/send',
        { access_token: token },
        {
          touser: m.openid,
          template_id: m.templateId,
          ...(m.page ? { page: m.page } : {}),
          data: m.data,
          miniprogram_state: this.miniprogramState,
          lang: 'zh_CN',
        },
      );
      return res.errcode ?? 0;
    } catch (err) {
      if (err instanceof WeChatTransportError) throw new SubscribeSendError('transient', undefined, err.message);
      throw err;
    }
  }
}
