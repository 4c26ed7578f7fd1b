import type { ApiBody, ApiItem, ApiQuery, ApiResult } from './api-types';
import { request, upload } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** The categories to choose from, by kind, in the order to show them. */
export type Categories = ApiResult<'/api/v1/appeals/categories'>;
/** What a holder sends to file an appeal (诉求) or ask for an errand (代办). */
export type NewAppeal = ApiBody<'/api/v1/appeals', 'post'>;
export type AppealKind = NewAppeal['kind'];
export type ContactTime = NonNullable<NewAppeal['contactTime']>;
/** An appeal in the holder's list: `statusText` is the status in the holder's words. */
export type AppealSummary = ApiItem<'/api/v1/appeals/mine'>;
type AppealPage = ApiResult<'/api/v1/appeals/mine'>;
export type AppealStatus = AppealSummary['status'];
/** One appeal with its outcome or reason, attachments, history and the holder's next actions. */
export type Appeal = ApiResult<'/api/v1/appeals/{id}'>;
export type AppealHistoryItem = Appeal['history'][number];
export type UploadedFile = ApiResult<'/api/v1/files', 'post', 201>;

/** Attachments one appeal may carry (the server holds the same limit). */
export const MAX_FILES = 9;
/** The description's length, as the server takes it. */
export const TEXT_MIN = 5;
export const TEXT_MAX = 1000;
/** The reason for sending a resolved appeal back, as the server takes it. */
export const REOPEN_MIN = 2;
export const REOPEN_MAX = 255;
/** The optional comment with a rating. */
export const COMMENT_MAX = 500;

/** The two kinds, and one line each on what they are. */
export const KINDS: Array<{ kind: AppealKind; label: string; hint: string }> = [
  { kind: 'appeal', label: '反映诉求', hint: '待遇、安置、生活困难、纠纷等问题，请服务站帮您解决' },
  { kind: 'errand', label: '请人代办', hint: '取证件、办手续、缴费用等事情，请服务站替您跑腿' },
];

export const KIND_WORDS: Record<AppealKind, string> = { appeal: '诉求', errand: '代办' };

/** When the holder would rather be called back, in the order offered. */
export const CONTACT_TIMES: Array<{ value: ContactTime; label: string }> = [
  { value: 'any', label: '什么时间都可以' },
  { value: 'morning', label: '上午' },
  { value: 'afternoon', label: '下午' },
  { value: 'evening', label: '晚上' },
];

export const CONTACT_TIME_WORDS: Record<ContactTime, string> = {
  any: '什么时间都可以',
  morning: '上午',
  afternoon: '下午',
  evening: '晚上',
};

/** Each status in the holder's words (the server sends the current one as `statusText`; these read the history). */
export const APPEAL_STATUS_WORDS: Record<AppealStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '未予受理',
};

/** The colour of an appeal's status chip: amber waiting on the holder, blue under way, green done. */
export const APPEAL_STATUS_TONE: Record<AppealStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  submitted: 'info',
  accepted: 'info',
  in_progress: 'info',
  resolved: 'warn',
  confirmed: 'ok',
  rejected: 'neutral',
};

/** Each step of an appeal's history. */
export const APPEAL_STEP_WORDS: Record<string, string> = {
  submit: '提交',
  accept: '服务站受理',
  start: '开始办理',
  resolve: '办结',
  reject: '不予受理',
  confirm: '确认办结',
  reopen: '申请重新办理',
  rate: '评价',
};

/** Who took a step: the holder, or the station (staff are never named to the holder). */
export const APPEAL_ACTOR_WORDS: Record<string, string> = {
  holder: '本人',
  staff: '服务站',
  system: '系统',
};

/** A day as the server sends it (`2026-12-03`, Asia/Shanghai) in words: `2026年12月3日`. */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** The categories of appeals and of errands. */
export function categories(): Promise<Categories> {
  return request<Categories>('/api/v1/appeals/categories');
}

/**
 * Files an appeal or asks for an errand. Fails with IDENTITY_REQUIRED (no identity registered yet),
 * LIMIT_REACHED (5 a day), FILE_NOT_ATTACHABLE or VALIDATION_FAILED (`stationId` when the holder
 * has no card application to take the station from), each with a message to show.
 */
export function fileAppeal(body: NewAppeal): Promise<Appeal> {
  return request<Appeal>('/api/v1/appeals', { method: 'POST', data: body });
}

/** The holder's appeals and errands, newest first, a page at a time. */
export function myAppeals(opts: ApiQuery<'/api/v1/appeals/mine'> = {}): Promise<AppealPage> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<AppealPage>(`/api/v1/appeals/mine${q.length ? `?${q.join('&')}` : ''}`);
}

/** One of the holder's appeals. */
export function getAppeal(id: number): Promise<Appeal> {
  return request<Appeal>(`/api/v1/appeals/${id}`);
}

/** 确认办结: accepts the outcome of a resolved appeal. */
export function confirmAppeal(id: number): Promise<Appeal> {
  return request<Appeal>(`/api/v1/appeals/${id}/confirm`, { method: 'POST', data: {} });
}

/** 不满意，重新办理: sends a resolved appeal back, once; REOPEN_USED the second time. */
export function reopenAppeal(id: number, reason: string): Promise<Appeal> {
  return request<Appeal>(`/api/v1/appeals/${id}/reopen`, { method: 'POST', data: { reason } });
}

/** 评价: 1 to 5 stars and an optional comment, once; ALREADY_RATED the second time. */
export function rateAppeal(id: number, rating: number, comment?: string): Promise<Appeal> {
  return request<Appeal>(`/api/v1/appeals/${id}/rate`, {
    method: 'POST',
    data: comment ? { rating, comment } : { rating },
  });
}

/** Uploads one attachment (a photo of a document or of the problem) as the holder's private document. */
export function uploadAttachment(filePath: string): Promise<UploadedFile> {
  return upload<UploadedFile>('/api/v1/files', filePath, { purpose: 'document' });
}
