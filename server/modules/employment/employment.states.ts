import type { TransitionTable } from '../../lib/state-machine';

/**
 * An employer (招聘单位): submitted → approved | rejected (with a reason) by district staff;
 * approved → suspended → approved. Only an approved employer's owner publishes postings.
 */
export const EMPLOYER_STATUSES = ['submitted', 'approved', 'rejected', 'suspended'] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];

export const EMPLOYER_TRANSITIONS = {
  approve: { from: ['submitted'], to: 'approved', actors: ['staff'] },
  reject: { from: ['submitted'], to: 'rejected', actors: ['staff'] },
  suspend: { from: ['approved'], to: 'suspended', actors: ['staff'] },
  restore: { from: ['suspended'], to: 'approved', actors: ['staff'] },
} as const satisfies TransitionTable<string, EmployerStatus, 'staff'>;

/**
 * A job posting: published → closed (by its employer) or taken_down (by staff, with a reason).
 * A published posting past its valid-until day reads as closed.
 */
export const POSTING_STATUSES = ['published', 'closed', 'taken_down'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export const POSTING_TRANSITIONS = {
  close: { from: ['published'], to: 'closed', actors: ['employer'] },
  take_down: { from: ['published', 'closed'], to: 'taken_down', actors: ['staff'] },
} as const satisfies TransitionTable<string, PostingStatus, 'employer' | 'staff'>;

/**
 * A holder's application to a posting: submitted → viewed → interview (with a time and place) →
 * hired | declined; the holder withdraws it before it is hired or declined.
 */
export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'hired', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationActor = 'holder' | 'employer';

export const APPLICATION_TRANSITIONS = {
  view: { from: ['submitted'], to: 'viewed', actors: ['employer'] },
  interview: { from: ['submitted', 'viewed'], to: 'interview', actors: ['employer'] },
  hire: { from: ['interview'], to: 'hired', actors: ['employer'] },
  decline: { from: ['submitted', 'viewed', 'interview'], to: 'declined', actors: ['employer'] },
  withdraw: { from: ['submitted', 'viewed', 'interview'], to: 'withdrawn', actors: ['holder'] },
} as const satisfies TransitionTable<string, ApplicationStatus, ApplicationActor>;

export type ApplicationTransition = keyof typeof APPLICATION_TRANSITIONS;
export type EmployerAction = 'view' | 'interview' | 'hire' | 'decline';

/** How many applications one holder may send per day (Asia/Shanghai). */
export const APPLICATIONS_PER_DAY = 10;

/** A fair signup: signed up, or cancelled before the day (signing up again reopens it). */
export const SIGNUP_STATUSES = ['signed_up', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export const EMPLOYER_STATUS_WORDS: Record<EmployerStatus, string> = {
  submitted: '审核中',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
};

export const POSTING_STATUS_WORDS: Record<PostingStatus, string> = {
  published: '招聘中',
  closed: '已结束',
  taken_down: '已下架',
};

export const APPLICATION_STATUS_WORDS: Record<ApplicationStatus, string> = {
  submitted: '已投递',
  viewed: '单位已查看',
  interview: '邀请面试',
  hired: '已录用',
  declined: '未录用',
  withdrawn: '已撤回',
};
