/**
 * Replies to a holder who wrote through WeChat's own customer-service chat (客服消息), sent back
 * through the same channel. The adapter owns the access token; callers pass the holder's openid.
 *
 * WeChat opens a window when the holder writes: 5 messages within 48 hours of their last message.
 * Outside it the send is refused (`window_closed`) and the caller falls back to a subscribe
 * message and the in-app stream. Sends never throw for WeChat's answers: the result says what
 * happened.
 */
export interface CustomerServiceChannelPort {
  sendText(openid: string, text: string): Promise<CsSendResult>;
  sendMiniProgramPage(openid: string, page: CsMiniProgramPage): Promise<CsSendResult>;
  /**
   * The bytes of a temporary media a holder sent (`cgi-bin/media/get`; WeChat keeps it 3 days).
   * Never throws for WeChat's answers: `retryable` (network, 5xx, busy, a token that would not
   * refresh) may pass later; `final` (unknown or expired media, not a picture, too large) will not.
   */
  downloadMedia(mediaId: string): Promise<CsMediaResult>;
}

export type CsMediaResult =
  | { kind: 'ok'; bytes: Buffer; contentType: string }
  | { kind: 'retryable' | 'final'; reason: string };

/** A mini-program card in the service chat; a tap opens `pagePath` (with its query) in the mini-program. */
export interface CsMiniProgramPage {
  title: string;
  /** As in app.json, with an optional query: `packages/chat/pages/chat/chat?from=cs`. */
  pagePath: string;
  /**
   * The card's cover, a media id from WeChat's temporary-media upload (valid 3 days). WeChat's
   * documentation lists it as required; without one the card is sent as it is and a refusal comes
   * back as `final`.
   */
  thumbMediaId?: string;
}

/**
 * - `sent`: WeChat accepted the message.
 * - `window_closed`: 45015 (more than 48 h since the holder last wrote) or 45047 (the 5 messages
 *   of the window are used): fall back to the subscribe message and the in-app stream.
 * - `retryable`: network, 5xx, busy, rate limits, an access token that would not refresh: the
 *   same message may be sent again later.
 * - `final`: WeChat refused the message itself (bad openid, bad page, bad media id, no permission):
 *   sending it again will not help.
 */
export type CsSendResult =
  | { kind: 'sent' }
  | { kind: 'window_closed'; errcode: CsWindowClosedErrcode }
  | { kind: 'retryable'; errcode?: number; reason: string }
  | { kind: 'final'; errcode: number; reason: string };

export type CsWindowClosedErrcode = 45015 | 45047;
