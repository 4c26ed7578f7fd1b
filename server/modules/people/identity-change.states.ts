import type { TransitionTable } from '../../lib/state-machine';

/**
 * A change to a verified identity (a new name, a corrected category or ID number):
 *   submitted → approved (staff; the change is applied to the person) | rejected (staff, with a reason)
 *   submitted → withdrawn (the holder)
 */
export const IDENTITY_CHANGE_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type IdentityChangeStatus = (typeof IDENTITY_CHANGE_STATUSES)[number];

/** The only open status: one open request per person. */
export const OPEN_CHANGE_STATUSES: readonly IdentityChangeStatus[] = ['submitted'];

export type IdentityChangeActor = 'holder' | 'staff';

export const IDENTITY_CHANGE_TRANSITIONS = {
  approve: { from: ['submitted'], to: 'approved', actors: ['staff'] },
  reject: { from: ['submitted'], to: 'rejected', actors: ['staff'] },
  withdraw: { from: ['submitted'], to: 'withdrawn', actors: ['holder'] },
} as const satisfies TransitionTable<string, IdentityChangeStatus, IdentityChangeActor>;

export type IdentityChangeAction = keyof typeof IDENTITY_CHANGE_TRANSITIONS;

/** What the holder hears (status phrase ≤ 5 characters for the WeChat field). */
export const CHANGE_STATUS_WORDS: Record<IdentityChangeStatus, { phrase: string; remark: string }> = {
  submitted: { phrase: '已提交', remark: '变更申请已提交，工作人员将尽快审核' },
  approved: { phrase: '已通过', remark: '身份信息已按申请变更' },
  rejected: { phrase: '未通过', remark: '变更申请未通过' },
  withdrawn: { phrase: '已撤回', remark: '变更申请已撤回' },
};
