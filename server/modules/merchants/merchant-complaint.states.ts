import type { TransitionTable } from '../../lib/state-machine';

/** A complaint about a merchant: open → upheld | dismissed, decided by staff with a reason. */
export const COMPLAINT_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_TRANSITIONS = {
  uphold: { from: ['open'], to: 'upheld', actors: ['staff'] },
  dismiss: { from: ['open'], to: 'dismissed', actors: ['staff'] },
} as const satisfies TransitionTable<string, ComplaintStatus, 'staff'>;

export type ComplaintAction = keyof typeof COMPLAINT_TRANSITIONS;

/** The staff API's outcome, as the transition it takes. */
export const OUTCOME_ACTIONS: Record<'upheld' | 'dismissed', ComplaintAction> = {
  upheld: 'uphold',
  dismissed: 'dismiss',
};

/** How many complaints one holder may file per day (Asia/Shanghai). */
export const COMPLAINTS_PER_DAY = 3;

/** What the holder reads for each status. */
export const COMPLAINT_STATUS_WORDS: Record<ComplaintStatus, string> = {
  open: '处理中',
  upheld: '投诉成立',
  dismissed: '未予支持',
};
