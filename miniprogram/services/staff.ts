import type { ApiBody, ApiItem, ApiQuery, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** One line of the review queue; `caseByCase`: a prior criminal punishment was declared. */
export type QueueItem = ApiItem<'/api/v1/staff/card-applications'>;
export type Queue = ApiResult<'/api/v1/staff/card-applications'>;
type QueueQuery = ApiQuery<'/api/v1/staff/card-applications'>;

/**
 * An application as a reviewer sees it: the applicant (ID and phone masked), declarations, files,
 * and the card issued from it with the card's own history.
 */
export type StaffApplication = ApiResult<'/api/v1/staff/card-applications/{id}'>;

export type Decision = ApiBody<'/api/v1/staff/card-applications/{id}/review', 'post'>['decision'];

/** Applications in the reviewer's station or district, oldest submission first. */
export function queue(opts: Pick<QueueQuery, 'status' | 'limit'> & { cursor?: string | null } = {}): Promise<Queue> {
  const q: string[] = [];
  if (opts.status) q.push(`status=${opts.status}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<Queue>(`/api/v1/staff/card-applications${q.length ? `?${q.join('&')}` : ''}`);
}

export function get(id: number): Promise<StaffApplication> {
  return request<StaffApplication>(`/api/v1/staff/card-applications/${id}`);
}

/**
 * A decision at the reviewer's level (station, then district). Reject and request_info need a
 * reason; FORBIDDEN when the step belongs to the other level, INVALID_TRANSITION when the
 * application has moved on meanwhile.
 */
export function review(id: number, decision: Decision, reason?: string): Promise<StaffApplication> {
  const data: ApiBody<'/api/v1/staff/card-applications/{id}/review', 'post'> = { decision };
  if (reason) data.reason = reason;
  return request<ApiResult<'/api/v1/staff/card-applications/{id}/review', 'post'>>(
    `/api/v1/staff/card-applications/${id}/review`,
    { method: 'POST', data },
  );
}

/**
 * Fetches a private file (photo, document) to a temporary path an <image> can show. The files are
 * never public, so the download carries the signed-in person's token.
 */
export { privateFilePath } from './files';

/** A change request as staff see it: the person as they stand now beside the change asked for. */
export type StaffChangeRequest = ApiItem<'/api/v1/staff/identity-change-requests'>;
export type StaffChangeRequests = ApiResult<'/api/v1/staff/identity-change-requests'>;
type ChangeQuery = ApiQuery<'/api/v1/staff/identity-change-requests'>;
type ChangeDecision = ApiBody<'/api/v1/staff/identity-change-requests/{id}/review', 'post'>;

/** Identity change requests in the caller's station or district, oldest first. */
export function changeRequests(
  opts: Pick<ChangeQuery, 'status'> & { cursor?: string | null } = {},
): Promise<StaffChangeRequests> {
  const q: string[] = [];
  if (opts.status) q.push(`status=${opts.status}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  return request<StaffChangeRequests>(`/api/v1/staff/identity-change-requests${q.length ? `?${q.join('&')}` : ''}`);
}

/** Approve (applied to the person at once) or reject (reason required) a change request. */
export function reviewChangeRequest(
  id: number,
  decision: ChangeDecision['decision'],
  reason?: string,
): Promise<StaffChangeRequest> {
  const data: ChangeDecision = { decision };
  if (reason) data.reason = reason;
  return request<ApiResult<'/api/v1/staff/identity-change-requests/{id}/review', 'post'>>(
    `/api/v1/staff/identity-change-requests/${id}/review`,
    { method: 'POST', data },
  );
}
