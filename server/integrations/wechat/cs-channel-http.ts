import type { CsMiniProgramPage, CsSendResult, CustomerServiceChannelPort } from '../../modules/chat/cs-channel.port';
import { AccessTokenError, type WeChatAccessTokens } from './access-token';
import { callWithAccessToken } from './token-call';
import { type WeChatHttp, WeChatTransportError } from './wechat-http';

const WINDOW_CLOSED = new Set([45015, 45047]);

/**
 * Errcodes that say the message itself will never be accepted. Anything else (busy -1, rate
 * limits 45009/45011, codes we have not met) may pass on a later attempt.
 */
const FINAL: Record<number, string> = {
  40003: 'invalid openid',
  40007: 'invalid media id',
  40008: 'invalid message type',
  40013: 'invalid appid',
  41030: 'invalid page path',
  43004: 'user not reachable',
  44002: 'empty body',
  44003: 'empty content',
  45002: 'content too long',
  47001: 'malformed message',
  48001: 'api not authorized',
};

/** Real customerServiceMessage.send (`cgi-bin/message/custom/send`) over HTTP with the project's access token. */
export class HttpCustomerServiceChannel implements CustomerServiceChannelPort {
  constructor(
    private readonly http: WeChatHttp,
    private readonly tokens: WeChatAccessTokens,
  ) {}

  sendText(openid: string, text: string): Promise<CsSendResult> {
    return this.send({ touser: openid, msgtype: 'text', text: { content: text } });
  }

  sendMiniProgramPage(openid: string, page: CsMiniProgramPage): Promise<CsSendResult> {
    return this.send({
      touser: openid,
      msgtype: 'miniprogrampage',
      miniprogrampage: {
        title: page.title,
        pagepath: page.pagePath,
        ...(page.thumbMediaId ? { thumb_media_id: page.thumbMediaId } : {}),
      },
    });
  }

  private async send(body: Record<string, unknown>): Promise<CsSendResult> {
    let errcode: number;
    try {
      const res = await callWithAccessToken(this.tokens, (token) =>
        this.http.postJson<object>('/cgi-bin/message/custom/send', { access_token: token }, body),
      );
      errcode = res.errcode ?? 0;
    } catch (err) {
      if (err instanceof WeChatTransportError) return { kind: 'retryable', reason: err.message };
      if (err instanceof AccessTokenError) {
        return { kind: 'retryable', ...(err.errcode ? { errcode: err.errcode } : {}), reason: 'access token' };
      }
      throw err;
    }
    if (errcode === 0) return { kind: 'sent' };
    if (WINDOW_CLOSED.has(errcode)) return { kind: 'window_closed', errcode: errcode as 45015 | 45047 };
    const final = FINAL[errcode];
    if (final) return { kind: 'final', errcode, reason: final };
    return { kind: 'retryable', errcode, reason: `errcode ${errcode}` };
  }
}
