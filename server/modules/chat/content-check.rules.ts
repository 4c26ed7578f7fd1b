/**
 * What the content check decided about a holder's message, kept on the message (`moderation`):
 * - `pass`: checked and fine (and every message from before the check existed);
 * - `review`: checked, WeChat suggests a person looks at it: staff see it, marked for review;
 * - `unchecked`: the check could not be made; the re-check job tries again before staff see it;
 * - `refused`: found risky on a re-check, after it was stored: staff never see it.
 * A message found risky when it is sent is never stored at all.
 */
export const MODERATIONS = ['pass', 'review', 'unchecked', 'refused'] as const;
export type Moderation = (typeof MODERATIONS)[number];

/**
 * Whether staff may see a message with this verdict. Every staff view of holders' messages (the
 * inbox, the handover context, unanswered questions) filters on it: `unchecked` waits for the
 * re-check, `refused` never shows.
 */
export function visibleToStaff(moderation: Moderation): boolean {
  return moderation === 'pass' || moderation === 'review';
}

/** The verdicts staff may see, for a `moderation IN (…)` filter. */
export const STAFF_VISIBLE_MODERATIONS: readonly Moderation[] = MODERATIONS.filter(visibleToStaff);

/** Re-checks of an unchecked message before it is shown to staff marked for review anyway. */
export const RECHECK_MAX_ATTEMPTS = 5;

/** How long an unchecked message may wait for a verdict before it is shown marked for review. */
export const RECHECK_CUTOFF_MS = 24 * 3600_000;

/** Where a holder's message was written: the mini-program, or WeChat's customer-service chat. */
export const MESSAGE_CHANNELS = ['app', 'wechat_cs'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
