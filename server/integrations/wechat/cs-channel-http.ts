import type {
  CsMediaResult,
  CsMiniProgramPage,
  CsSendResult,
  CustomerServiceChannelPort,
} from '../../modules/chat/cs-channel.port';
import { AccessTokenError, type WeChatAccessTokens } from './access-token';
import { callWithAccessToken } from './token-call';
import { type WeChatBytes, type WeChatHttp, WeChatTransportError } from './wechat-http';

/** The largest picture taken from the service chat; WeChat's own limit for images is lower. */
export const CS_MEDIA_MAX_BYTES = 10 * 1024 * 1024;

/** Media answers that will not change on a later try: the id is unknown or expired (3 days), or bad. */
const MEDIA_FINAL: Record<number, string> = {
  40007: 'invalid media id',
  40013: 'invalid appid',
  48001: 'api not authorized',
};

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

  async downloadMedia(mediaId: string): Promise<CsMediaResult> {
    let answer: WeChatBytes | { kind: 'json' };
    let errcode: number;
    try {
      const res = await callWithAccessToken(this.tokens, async (token) => {
        const got = await this.http.getBytes(
          '/cgi-bin/media/get',
          { access_token: token, media_id: mediaId },
          CS_MEDIA_MAX_BYTES,
        );
        // Only a JSON answer carries an errcode (a token to replace, or WeChat's refusal).
        return got.kind === 'json' ? { errcode: got.errcode ?? 0, answer: got } : { answer: got };
      });
      answer = res.answer;
      errcode = res.errcode ?? 0;
    } catch (err) {
      if (err instanceof WeChatTransportError) return { kind: 'retryable', reason: err.message };
      if (err instanceof AccessTokenError) return { kind: 'retryable', reason: 'access token' };
      throw err;
    }
    if (answer.kind === 'tooLarge') return { kind: 'final', reason: 'too large' };
    if (answer.kind === 'json') {
      if (errcode === 0) return { kind: 'final', reason: 'no media in the answer' };
      return MEDIA_FINAL[errcode]
        ? { kind: 'final', reason: MEDIA_FINAL[errcode] }
        : { kind: 'retryable', reason: `errcode ${errcode}` };
    }
    if (answer.status === 429) return { kind: 'retryable', reason: 'http 429' };
    if (answer.status !== 200) return { kind: 'final', reason: `http ${answer.status}` };
    if (!answer.contentType.startsWith('image/')) return { kind: 'final', reason: 'not a picture' };
    if (answer.bytes.length === 0) return { kind: 'final', reason: 'empty media' };
    return { kind: 'ok', bytes: answer.bytes, contentType: answer.contentType };
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
