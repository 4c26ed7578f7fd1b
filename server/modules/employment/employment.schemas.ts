import { z } from 'zod';
import { businessDay, idRef, int32, queryIdRef, queryInt32 } from '../../http/bounds';
import { historyView } from '../../http/history';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { APPLICATION_STATUSES, EMPLOYER_STATUSES, POSTING_STATUSES, SIGNUP_STATUSES } from './employment.states';
import { FAIR_MODES, POSTING_CATEGORIES } from './employment.types';

export const idParams = z.object({ id: idParam });
export const fairSignupParams = z.object({ id: idParam, signupId: idParam });
export const idCursor = z.object({ id: z.number().int().positive() });

const text = (min: number, max: number, message?: string) => z.string().trim().min(min, message).max(max);
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');

export const employerBody = z.strictObject({
  companyName: text(2, 100, '请填写单位名称'),
  /** 统一社会信用代码: 18 characters, upper case; the check character is verified by the service. */
  creditCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码为 18 位数字或大写字母')),
  contactName: text(2, 32, '请填写联系人'),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9-]{7,20}$/, '请填写联系电话'),
  address: text(2, 200, '请填写单位地址'),
  licenceFileId: idRef(),
});
export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: text(2, 255).optional(),
});
export const reasonBody = z.strictObject({ reason: text(2, 255, '请填写原因') });

const yuan = int32(0, 1_000_000);
const postingFields = {
  title: text(2, 60, '请填写岗位名称'),
  category: z.enum(POSTING_CATEGORIES),
  /** Yuan per month. */
  salaryMin: yuan,
  salaryMax: yuan,
  district: text(1, 32, '请填写工作区域'),
  address: text(2, 200, '请填写工作地点'),
  headcount: int32(1, 10_000),
  requirements: text(2, 1000, '请填写任职要求'),
  veteranPreferred: z.boolean(),
  veteranPreferenceText: text(0, 200).nullable().optional(),
  /** The last day it is open (Asia/Shanghai): today or later. */
  validUntil: businessDay(),
};
export const postingBody = z
  .strictObject(postingFields)
  .refine((b) => b.salaryMin <= b.salaryMax, { message: '最高月薪不能低于最低月薪', path: ['salaryMax'] });
export const postingPatchBody = z
  .strictObject(postingFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' });

export const browseQuery = pageQuery.extend({
  category: z.enum(POSTING_CATEGORIES).optional(),
  /** The district (区域) the work is in. */
  district: z.string().trim().min(1).max(32).optional(),
  /** Monthly salary (yuan) the posting reaches at least. */
  salaryAtLeast: queryInt32(0, 1_000_000).optional(),
  q: z.string().trim().min(1).max(30).optional(),
});
export const staffPostingsQuery = pageQuery.extend({
  status: z.enum(POSTING_STATUSES).optional(),
  employerId: queryIdRef().optional(),
});
export const staffEmployersQuery = pageQuery.extend({ status: z.enum(EMPLOYER_STATUSES).optional() });
export const receivedQuery = pageQuery.extend({
  postingId: queryIdRef().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
});

export const profileBody = z.strictObject({
  /** How the employer should address the holder. */
  name: text(1, 32, '请填写姓名'),
  phone: mobile,
  skills: text(1, 500, '请填写技能特长'),
  /** 服役经历: branch, years, rank, as free text. */
  serviceBackground: text(1, 500, '请填写服役经历'),
  desiredWork: text(1, 200, '请填写期望工作'),
});
export const interviewBody = z.strictObject({ note: text(2, 255, '请填写面试时间和地点') });
export const declineBody = z.strictObject({ reason: text(2, 255).optional() });

export const fairBody = z
  .strictObject({
    title: text(2, 60, '请填写招聘会名称'),
    mode: z.enum(FAIR_MODES),
    fairDate: businessDay(),
    place: text(2, 200).nullable().optional(),
    link: z.url().max(500).nullable().optional(),
    description: text(0, 1000),
    capacity: int32(1, 100_000).nullable().optional(),
    employerIds: z.array(idRef()).max(200),
  })
  .refine((b) => b.mode !== 'onsite' || !!b.place, { message: '现场招聘会请填写地点', path: ['place'] })
  .refine((b) => b.mode !== 'online' || !!b.link, { message: '网络招聘会请填写链接', path: ['link'] });
export const attendanceBody = z.strictObject({ attended: z.boolean() });
export const intentionBody = z.strictObject({
  signupId: idRef(),
  employerId: idRef(),
  note: text(2, 255, '请填写意向内容'),
});
export const figuresQuery = z
  .object({ from: businessDay(), to: businessDay() })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export const historyField = historyView;

export const employerView = z.object({
  id: z.number().int(),
  companyName: z.string(),
  creditCode: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  licenceFileId: z.number().int().nullable(),
  status: z.enum(EMPLOYER_STATUSES),
  statusText: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export const employerDetailView = employerView.extend({ history: historyView });
export const employerPageView = pageView(employerView);

export const postingView = z.object({
  id: z.number().int(),
  employerId: z.number().int(),
  employerName: z.string(),
  title: z.string(),
  category: z.string(),
  salaryMin: z.number().int(),
  salaryMax: z.number().int(),
  district: z.string(),
  address: z.string(),
  headcount: z.number().int(),
  veteranPreferred: z.boolean(),
  veteranPreferenceText: z.string().nullable(),
  validUntil: z.string(),
  status: z.enum(POSTING_STATUSES),
  statusText: z.string(),
  createdAt: z.string(),
});
export const postingDetailView = postingView.extend({
  requirements: z.string(),
  takedownReason: z.string().nullable(),
  /** For a holder: whether they saved it and applied to it (false for other readers). */
  saved: z.boolean(),
  applied: z.boolean(),
  history: historyView,
});
export const postingPageView = pageView(postingView);
export const postingListView = z.object({ items: z.array(postingView) });
/** The employer's own postings: each with how many applications it has (withdrawn ones aside). */
export const employerPostingListView = z.object({
  items: z.array(postingView.extend({ applicationsCount: z.number().int() })),
});

export const profileView = z.object({
  name: z.string(),
  phone: z.string(),
  skills: z.string(),
  serviceBackground: z.string(),
  desiredWork: z.string(),
  updatedAt: z.string(),
});
export const profileOrNullView = z.object({ profile: profileView.nullable() });

export const applicationView = z.object({
  id: z.number().int(),
  postingId: z.number().int(),
  postingTitle: z.string(),
  employerId: z.number().int(),
  employerName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  statusText: z.string(),
  interviewNote: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
});
export const applicationDetailView = applicationView.extend({
  /** The profile as it was sent. */
  profile: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    skills: z.string(),
    serviceBackground: z.string(),
    desiredWork: z.string(),
  }),
  history: historyView,
});
export const applicationPageView = pageView(applicationView);
export const receivedPageView = pageView(applicationDetailView);
export const applicationListView = z.object({ items: z.array(applicationDetailView) });

const signupView = z.object({
  id: z.number().int(),
  fairId: z.number().int(),
  status: z.enum(SIGNUP_STATUSES),
  attended: z.boolean(),
  createdAt: z.string(),
});
export const fairView = z.object({
  id: z.number().int(),
  title: z.string(),
  mode: z.enum(FAIR_MODES),
  fairDate: z.string(),
  place: z.string().nullable(),
  link: z.string().nullable(),
  description: z.string(),
  capacity: z.number().int().nullable(),
  signupCount: z.number().int(),
  /** Places left, null without a limit. */
  remaining: z.number().int().nullable(),
  employers: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export const holderFairView = fairView.extend({ mySignup: signupView.nullable() });
export const holderFairListView = z.object({ items: z.array(holderFairView) });
export const fairListView = z.object({ items: z.array(fairView) });
export const signupResultView = signupView;
export const mySignupsView = z.object({
  items: z.array(signupView.extend({ fairTitle: z.string(), fairDate: z.string(), mode: z.enum(FAIR_MODES) })),
});
export const intentionView = z.object({
  id: z.number().int(),
  fairId: z.number().int(),
  accountId: z.number().int(),
  employerId: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
});
export const staffSignupListView = z.object({
  items: z.array(
    signupView.extend({ accountId: z.number().int(), name: z.string().nullable(), phoneLast4: z.string().nullable() }),
  ),
  intentions: z.array(intentionView),
});
export const categoriesView = z.object({ items: z.array(z.string()) });
export const figuresView = z.object({
  from: z.string(),
  to: z.string(),
  postings: z.number().int(),
  positions: z.number().int(),
  applications: z.number().int(),
  hires: z.number().int(),
  fairs: z.number().int(),
  participants: z.number().int(),
  intentions: z.number().int(),
});
