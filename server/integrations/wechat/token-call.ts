import type { WeChatAccessTokens } from './access-token';
import type { WeChatErrorFields } from './wechat-http';

const TOKEN_INVALID = new Set([40001, 40014]);
const TOKEN_EXPIRED = 42001;

/**
 * Calls a WeChat API that takes the access token, replacing a token WeChat rejects (40001/40014
 * invalid, 42001 expired) once and calling once more, as the subscribe-message adapter does. The
 * second answer is returned whatever it is: a token refused twice is not chased further.
 * AccessTokenError and WeChatTransportError pass through for the caller to map.
 */
export async function callWithAccessToken<T extends WeChatErrorFields>(
  tokens: WeChatAccessTokens,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await tokens.get();
  const first = await call(token);
  const errcode = first.errcode ?? 0;
  if (!TOKEN_INVALID.has(errcode) && errcode !== TOKEN_EXPIRED) return first;
  const replaced = await tokens.replaceRejected(token, errcode === TOKEN_EXPIRED);
  return call(replaced);
}
