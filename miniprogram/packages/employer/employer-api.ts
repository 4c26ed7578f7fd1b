import type { ApiBody, ApiItem, ApiResult } from '../../services/api-types';
import { request, upload } from '../../services/request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** The caller's employer (招聘单位) with its review history. */
export type Employer = ApiResult<'/api/v1/employment/employer/mine'>;
export type EmployerStatus = Employer['status'];
export type EmployerInput = ApiBody<'/api/v1/employment/employer', 'post'>;
/** One of the employer's postings in its list. */
export type MyPosting = ApiItem<'/api/v1/employment/employer/postings'>;
export type PostingDetail = ApiResult<'/api/v1/employment/employer/postings/{id}'>;
export type PostingInput = ApiBody<'/api/v1/employment/employer/postings', 'post'>;
export type PostingPatch = ApiBody<'/api/v1/employment/employer/postings/{id}', 'patch'>;
/** An application received, with the profile the applicant sent. */
export type Received = ApiItem<'/api/v1/employment/employer/applications'>;
export type ReceivedStatus = Received['status'];
type Uploaded = ApiResult<'/api/v1/files', 'post', 201>;

/** The colour of an application's status chip. */
export const APPLICATION_TONE: Record<ReceivedStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  submitted: 'info',
  viewed: 'info',
  interview: 'warn',
  hired: 'ok',
  declined: 'danger',
  withdrawn: 'neutral',
};

/** The colour of a posting's status chip. */
export const POSTING_TONE: Record<MyPosting['status'], 'ok' | 'neutral' | 'danger'> = {
  published: 'ok',
  closed: 'neutral',
  taken_down: 'danger',
};

/** Salary range in words: `4000–5500 元/月`. */
export const salaryText = (p: { salaryMin: number; salaryMax: number }) =>
  p.salaryMin === p.salaryMax ? `${p.salaryMin} 元/月` : `${p.salaryMin}–${p.salaryMax} 元/月`;

/** A day as the server sends it (`2027-03-12`) in words: `2027年3月12日`. */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** Today in Beijing as `YYYY-MM-DD` (the server's business day). */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The caller's employer; fails with NOT_FOUND (404) when they never applied. */
export function myEmployer(): Promise<Employer> {
  return request<Employer>('/api/v1/employment/employer/mine');
}

/** Applies as an employer; CREDIT_CODE_INVALID, EMPLOYER_EXISTS or FILE_NOT_ATTACHABLE otherwise. */
export function applyAsEmployer(input: EmployerInput): Promise<Employer> {
  return request<Employer>('/api/v1/employment/employer', { method: 'POST', data: input });
}

/** Uploads the photo of the business licence as a private document (only reviewers read it). */
export function uploadLicence(filePath: string): Promise<Uploaded> {
  return upload<Uploaded>('/api/v1/files', filePath, { purpose: 'document' });
}

export function categories(): Promise<{ items: string[] }> {
  return request<{ items: string[] }>('/api/v1/employment/categories');
}

/** The employer's postings, newest first. */
export function myPostings(): Promise<{ items: MyPosting[] }> {
  return request<{ items: MyPosting[] }>('/api/v1/employment/employer/postings');
}

export function myPosting(id: number): Promise<PostingDetail> {
  return request<PostingDetail>(`/api/v1/employment/employer/postings/${id}`);
}

/** Publishes a posting; EMPLOYER_NOT_APPROVED unless the employer is approved. */
export function createPosting(input: PostingInput): Promise<PostingDetail> {
  return request<PostingDetail>('/api/v1/employment/employer/postings', { method: 'POST', data: input });
}

/** Edits a published posting; INVALID_TRANSITION once it is closed or taken down. */
export function updatePosting(id: number, patch: PostingPatch): Promise<PostingDetail> {
  return request<PostingDetail>(`/api/v1/employment/employer/postings/${id}`, { method: 'PATCH', data: patch });
}

/** Stops recruiting for a posting. */
export function closePosting(id: number): Promise<PostingDetail> {
  return request<PostingDetail>(`/api/v1/employment/employer/postings/${id}/close`, { method: 'POST', data: {} });
}

/** Applications received, newest first; `postingId` narrows them to one posting. */
export function received(
  opts: { postingId?: number; cursor?: string } = {},
): Promise<{ items: Received[]; nextCursor: string | null }> {
  const parts: string[] = [];
  if (opts.postingId) parts.push(`postingId=${opts.postingId}`);
  if (opts.cursor) parts.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  return request(`/api/v1/employment/employer/applications${parts.length ? `?${parts.join('&')}` : ''}`);
}

export type Move = 'view' | 'interview' | 'hire' | 'decline';

/**
 * Moves an application: `interview` needs the time and place (`note`), `decline` takes an optional
 * reason the applicant reads. INVALID_TRANSITION when it has moved on meanwhile.
 */
export function move(id: number, action: Move, text?: string): Promise<Received> {
  const data =
    action === 'interview' ? { note: text ?? '' } : action === 'decline' ? (text ? { reason: text } : {}) : {};
  return request<Received>(`/api/v1/employment/employer/applications/${id}/${action}`, { method: 'POST', data });
}
