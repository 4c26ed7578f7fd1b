/** The categories of postings, in the order the mini-program shows them. */
export const POSTING_CATEGORIES = [
  '安保服务',
  '驾驶运输',
  '物业后勤',
  '技术技工',
  '行政文员',
  '销售客服',
  '教育培训',
  '其他',
] as const;

/** A job fair is held on a site or online. */
export const FAIR_MODES = ['onsite', 'online'] as const;
export type FairMode = (typeof FAIR_MODES)[number];
