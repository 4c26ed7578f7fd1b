/**
 * Checks a holder's free text before staff see it (WeChat's msg_sec_check, version 2). The check
 * never throws: when it cannot be made the verdict is `unavailable`, and the caller keeps the
 * message unchecked for a later attempt rather than dropping it or showing it unchecked.
 */
export interface ContentSecurityPort {
  check(input: ContentCheckInput): Promise<ContentCheckResult>;
}

/**
 * Where the text is published, as WeChat distinguishes it: `profile` (资料), `comment` (评论),
 * `forum` (论坛), `social_log` (社交日志). WeChat tunes its strictness per scene.
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social_log';

export interface ContentCheckInput {
  /** The writer's openid; WeChat only checks text of users who opened the mini-program in the last 2 hours. */
  openid: string;
  scene: ContentScene;
  content: string;
}

/**
 * - `pass`: show it.
 * - `review`: show it to staff marked for review.
 * - `risky`: refuse it with a plain message; staff never see it.
 * - `unavailable`: no verdict (WeChat busy or down, errcode, token trouble): keep it unchecked and
 *   check again before staff see it.
 */
export type ContentVerdict = 'pass' | 'review' | 'risky' | 'unavailable';

export interface ContentCheckResult {
  verdict: ContentVerdict;
  /**
   * WeChat's label of the worst finding: 100 normal, 10001 advertising, 20001 politics,
   * 20002 pornography, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgarity, 20013 copyright,
   * 21000 other.
   */
  label?: number;
  /** WeChat's id of the check, for an appeal or a question to WeChat. */
  traceId?: string;
  /** Why there is no verdict (`unavailable` only): an errcode or a transport problem. */
  reason?: string;
}
