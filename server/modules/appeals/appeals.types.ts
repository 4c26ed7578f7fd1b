import type { AppealStatus } from './appeal.states';

/** An appeal (诉求: a problem with a benefit, a placement, a dispute) or an errand (代办: a task done for the holder). */
export const APPEAL_KINDS = ['appeal', 'errand'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** The categories a holder chooses from, per kind, in the order the mini-program shows them. */
export const APPEAL_CATEGORIES: Record<AppealKind, readonly string[]> = {
  appeal: ['待遇保障', '安置就业', '优待证', '法律纠纷', '生活困难', '商户投诉', '其他'],
  errand: ['代取证件', '代办手续', '代缴费用', '其他'],
};

export const KIND_WORDS: Record<AppealKind, string> = { appeal: '诉求', errand: '代办' };

/** When the holder would rather be called back. */
export const CONTACT_TIMES = ['any', 'morning', 'afternoon', 'evening'] as const;
export type ContactTime = (typeof CONTACT_TIMES)[number];

/** What the holder reads for each status. */
export const APPEAL_STATUS_WORDS: Record<AppealStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '未予受理',
};
