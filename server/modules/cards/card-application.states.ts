import type { TransitionTable } from '../../lib/state-machine';

/**
 * The 优待证 application lifecycle:
 *   draft → submitted → station_approved → approved → in_production → card_ready → issued
 *   submitted | station_approved → needs_info (sent back with a reason and deadline) → submitted
 *   submitted | station_approved → rejected
 *   draft | submitted | station_approved | needs_info → withdrawn (the holder, or the deadline passing)
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'station_approved',
  'approved',
  'in_production',
  'card_ready',
  'issued',
  'needs_info',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses in which the application is still open (one open application per person). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'station_approved',
  'approved',
  'in_production',
  'card_ready',
  'needs_info',
];

export type ReviewerRole = 'station' | 'district';
export type ApplicationActor = 'holder' | ReviewerRole | 'system';

export const APPLICATION_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', actors: ['holder'] },
  resubmit: { from: ['needs_info'], to: 'submitted', actors: ['holder'] },
  withdraw: { from: ['draft', 'submitted', 'station_approved', 'needs_info'], to: 'withdrawn', actors: ['holder'] },
  station_approve: { from: ['submitted'], to: 'station_approved', actors: ['station'] },
  station_reject: { from: ['submitted'], to: 'rejected', actors: ['station'] },
  station_request_info: { from: ['submitted'], to: 'needs_info', actors: ['station'] },
  district_approve: { from: ['station_approved'], to: 'approved', actors: ['district'] },
  district_reject: { from: ['station_approved'], to: 'rejected', actors: ['district'] },
  district_request_info: { from: ['station_approved'], to: 'needs_info', actors: ['district'] },
  send_to_production: { from: ['approved'], to: 'in_production', actors: ['district'] },
  mark_card_ready: { from: ['in_production'], to: 'card_ready', actors: ['district'] },
  issue: { from: ['card_ready'], to: 'issued', actors: ['district', 'station'] },
  expire: { from: ['needs_info'], to: 'withdrawn', actors: ['system'] },
} as const satisfies TransitionTable<string, ApplicationStatus, ApplicationActor>;

export type ApplicationAction = keyof typeof APPLICATION_TRANSITIONS;

/** Review decisions as the staff API names them, resolved to the transition for the reviewer's level. */
export const REVIEW_ACTIONS: Record<ReviewerRole, Record<'approve' | 'reject' | 'request_info', ApplicationAction>> = {
  station: { approve: 'station_approve', reject: 'station_reject', request_info: 'station_request_info' },
  district: { approve: 'district_approve', reject: 'district_reject', request_info: 'district_request_info' },
};

/** What the holder hears at each step (status phrase ≤ 5 characters for the WeChat field). */
export const STATUS_WORDS: Record<ApplicationStatus, { phrase: string; remark: string }> = {
  draft: { phrase: '草稿', remark: '申请尚未提交' },
  submitted: { phrase: '已提交', remark: '申请已提交，服务站将尽快审核' },
  station_approved: { phrase: '初审通过', remark: '服务站初审通过，已报区退役军人事务局审核' },
  approved: { phrase: '审核通过', remark: '审核通过，将安排制卡' },
  in_production: { phrase: '制卡中', remark: '已送交银行制卡，制成后将通知您' },
  card_ready: { phrase: '待领取', remark: '优待证已制成' },
  issued: { phrase: '已发放', remark: '优待证已发放，可在小程序中出示电子证' },
  needs_info: { phrase: '待补充', remark: '请按要求补充材料后重新提交' },
  rejected: { phrase: '未通过', remark: '申请未通过' },
  withdrawn: { phrase: '已撤回', remark: '申请已撤回' },
};
