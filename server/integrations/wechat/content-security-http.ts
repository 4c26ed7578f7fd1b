import type {
  ContentCheckInput,
  ContentCheckResult,
  ContentScene,
  ContentSecurityPort,
} from '../../modules/chat/content-security.port';
import { AccessTokenError, type WeChatAccessTokens } from './access-token';
import { callWithAccessToken } from './token-call';
import { type WeChatHttp, WeChatTransportError } from './wechat-http';

const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social_log: 4 };

/** msg_sec_check takes at most 2500 characters; longer text is checked in parts. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

interface MsgSecCheckResponse {
  result?: { suggest?: string; label?: number };
  trace_id?: string;
}

/** Worst first: a risky part refuses the whole text; a part without a verdict leaves it unchecked. */
const SEVERITY: Record<ContentCheckResult['verdict'], number> = { risky: 3, unavailable: 2, review: 1, pass: 0 };

/**
 * Real `wxa/msg_sec_check` version 2 over HTTP with the project's access token. Every failure
 * (errcode, network, 5xx, an answer we cannot read, a token that will not refresh) is the verdict
 * `unavailable`, never an exception: the caller keeps the text and checks it again later.
 */
export class HttpContentSecurity implements ContentSecurityPort {
  constructor(
    private readonly http: WeChatHttp,
    private readonly tokens: WeChatAccessTokens,
  ) {}

  async check(input: ContentCheckInput): Promise<ContentCheckResult> {
    const chars = Array.from(input.content);
    // WeChat refuses empty content; there is nothing in it to object to.
    if (input.content.trim() === '') return { verdict: 'pass' };
    let worst: ContentCheckResult | undefined;
    for (let i = 0; i < chars.length; i += MSG_SEC_CHECK_MAX_CHARS) {
      const part = chars.slice(i, i + MSG_SEC_CHECK_MAX_CHARS).join('');
      const result = await this.checkPart(input.openid, SCENES[input.scene], part);
      if (!worst || SEVERITY[result.verdict] > SEVERITY[worst.verdict]) worst = result;
      if (result.verdict === 'risky') break;
    }
    return worst!;
  }

  private async checkPart(openid: string, scene: number, content: string): Promise<ContentCheckResult> {
    let res: MsgSecCheckResponse & { errcode?: number };
    try {
      res = await callWithAccessToken(this.tokens, (token) =>
        this.http.postJson<MsgSecCheckResponse>(
          '/wxa/msg_sec_check',
          { access_token: token },
          { version: 2, openid, scene, content },
        ),
      );
    } catch (err) {
      if (err instanceof WeChatTransportError) return { verdict: 'unavailable', reason: err.message };
      if (err instanceof AccessTokenError) return { verdict: 'unavailable', reason: 'access token' };
      throw err;
    }
    if (res.errcode) return { verdict: 'unavailable', reason: `errcode ${res.errcode}` };
    const suggest = res.result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      return { verdict: 'unavailable', reason: 'no suggestion in the answer' };
    }
    return {
      verdict: suggest,
      ...(typeof res.result?.label === 'number' ? { label: res.result.label } : {}),
      ...(typeof res.trace_id === 'string' ? { traceId: res.trace_id } : {}),
    };
  }
}
