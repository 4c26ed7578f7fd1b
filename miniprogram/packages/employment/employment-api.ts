import type { ApiBody, ApiItem, ApiResult } from '../../services/api-types';
import { request } from '../../services/request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** A posting in the list. */
export type Posting = ApiItem<'/api/v1/employment/postings'>;
/** One posting with whether the holder saved it and applied to it. */
export type PostingDetail = ApiResult<'/api/v1/employment/postings/{id}'>;
export type Profile = ApiResult<'/api/v1/employment/profile', 'put'>;
export type ProfileInput = ApiBody<'/api/v1/employment/profile', 'put'>;
/** An application in the holder's list. */
export type Application = ApiItem<'/api/v1/employment/applications/mine'>;
export type ApplicationStatus = Application['status'];
export type Fair = ApiItem<'/api/v1/employment/fairs'>;

/** The colour of an application's status chip. */
export const STATUS_TONE: Record<ApplicationStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  submitted: 'info',
  viewed: 'info',
  interview: 'warn',
  hired: 'ok',
  declined: 'danger',
  withdrawn: 'neutral',
};

/** Salary range in words: `4000–5500 元/月`. */
export const salaryText = (p: { salaryMin: number; salaryMax: number }) =>
  p.salaryMin === p.salaryMax ? `${p.salaryMin} 元/月` : `${p.salaryMin}–${p.salaryMax} 元/月`;

/** A day as the server sends it (`2027-03-12`) in words: `2027年3月12日`. */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

export interface PostingFilter {
  category?: string;
  district?: string;
  salaryAtLeast?: number;
  q?: string;
  cursor?: string;
}

export function categories(): Promise<{ items: string[] }> {
  return request<{ items: string[] }>('/api/v1/employment/categories');
}

export function postings(filter: PostingFilter): Promise<{ items: Posting[]; nextCursor: string | null }> {
  const query = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return request(`/api/v1/employment/postings${query ? `?${query}` : ''}`);
}

export function posting(id: number): Promise<PostingDetail> {
  return request<PostingDetail>(`/api/v1/employment/postings/${id}`);
}

export function save(id: number, saved: boolean): Promise<void> {
  return request<void>(`/api/v1/employment/postings/${id}/save`, { method: saved ? 'PUT' : 'DELETE' });
}

/** Applies with the holder's profile. Fails with IDENTITY_REQUIRED, PROFILE_REQUIRED, POSTING_CLOSED, ALREADY_APPLIED or LIMIT_REACHED. */
export function apply(id: number): Promise<unknown> {
  return request(`/api/v1/employment/postings/${id}/applications`, { method: 'POST', data: {} });
}

export function profile(): Promise<{ profile: Profile | null }> {
  return request<{ profile: Profile | null }>('/api/v1/employment/profile');
}

export function saveProfile(body: ProfileInput): Promise<Profile> {
  return request<Profile>('/api/v1/employment/profile', { method: 'PUT', data: body });
}

export function myApplications(cursor?: string): Promise<{ items: Application[]; nextCursor: string | null }> {
  return request(`/api/v1/employment/applications/mine${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
}

export function withdraw(id: number): Promise<unknown> {
  return request(`/api/v1/employment/applications/${id}/withdraw`, { method: 'POST' });
}

export function fairs(): Promise<{ items: Fair[] }> {
  return request<{ items: Fair[] }>('/api/v1/employment/fairs');
}

/** Signs up (FAIR_FULL or FAIR_STARTED otherwise); signing up twice is one signup. */
export function signUp(id: number): Promise<unknown> {
  return request(`/api/v1/employment/fairs/${id}/signups`, { method: 'POST', data: {} });
}

export function cancelSignup(id: number): Promise<unknown> {
  return request(`/api/v1/employment/fairs/${id}/signups/cancel`, { method: 'POST' });
}
