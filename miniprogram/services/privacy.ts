import type { ApiBody, ApiResult } from './api-types';
import { request } from './request';

/** The consent text for sensitive personal information, its current version and the holder's standing. */
export type Consent = ApiResult<'/api/v1/me/consent'>;
export type ConsentRecord = ApiResult<'/api/v1/me/consent', 'post', 201>;

/** Everything the server holds about the holder, summarised. */
export type MyData = ApiResult<'/api/v1/me/data'>;

/** What deleting the account removes, keeps (and why), and what must be finished first. */
export type DeletionPlan = ApiResult<'/api/v1/me/deletion'>;

/** True when the holder has agreed to the text now in force. */
export const hasCurrentConsent = (c: Consent) => c.agreedVersion === c.currentVersion;

export function getConsent(): Promise<Consent> {
  return request<Consent>('/api/v1/me/consent');
}

/**
 * Agrees to the text of `version` (the one the holder read). CONSENT_VERSION_STALE when the text
 * changed meanwhile: show the new one.
 */
export function agreeConsent(version: string): Promise<ConsentRecord> {
  const data: ApiBody<'/api/v1/me/consent', 'post'> = { version };
  return request<ConsentRecord>('/api/v1/me/consent', { method: 'POST', data });
}

export function getMyData(): Promise<MyData> {
  return request<MyData>('/api/v1/me/data');
}

export function getDeletionPlan(): Promise<DeletionPlan> {
  return request<DeletionPlan>('/api/v1/me/deletion');
}

/** Deletes the account for good. DELETION_BLOCKED names what to finish first. */
export function deleteAccount(): Promise<ApiResult<'/api/v1/me/deletion', 'post'>> {
  const data: ApiBody<'/api/v1/me/deletion', 'post'> = { confirm: true };
  return request<ApiResult<'/api/v1/me/deletion', 'post'>>('/api/v1/me/deletion', { method: 'POST', data });
}
