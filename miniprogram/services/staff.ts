import type { Application, ApplicationKind, ApplicationStatus, Declarations } from './cards';
import type { Page } from './notifications';
import type { ChangeRequest, ChangeStatus, HolderCategory } from './people';
import { request } from './request';

/** One line of the review queue. */
export interface QueueItem {
  id: number;
  status: ApplicationStatus;
  kind: ApplicationKind;
  category: HolderCategory;
  applicantName: string;
  stationId: number;
  /** A prior criminal punishment was declared: reviewed case by case. */
  caseByCase: boolean;
  submittedAt: string | null;
  waitingDays: number | null;
}

/** An application as a reviewer sees it: the applicant (ID and phone masked), declarations, files. */
export interface StaffApplication extends Application {
  applicant: {
    name: string;
    gender: 'M' | 'F';
    birthDate: string;
    idNumberMasked: string;
    phoneMasked: string;
    verified: boolean;
  };
  caseByCase: boolean;
  declarations: Declarations;
  batchId: number | null;
  waitingDays: number | null;
}

export type Decision = 'approve' | 'reject' | 'request_info';

/** Applications in the reviewer's station or district, oldest submission first. */
export function queue(
  opts: { status?: ApplicationStatus; cursor?: string | null; limit?: number } = {},
): Promise<Page<QueueItem>> {
  const q: string[] = [];
  if (opts.status) q.push(`status=${opts.status}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<Page<QueueItem>>(`/api/v1/staff/card-applications${q.length ? `?${q.join('&')}` : ''}`);
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
  const data: { decision: Decision; reason?: string } = { decision };
  if (reason) data.reason = reason;
  return request<StaffApplication>(`/api/v1/staff/card-applications/${id}/review`, { method: 'POST', data });
}

/**
 * Fetches a private file (photo, document) to a temporary path an <image> can show. The files are
 * never public, so the download carries the signed-in person's token.
 */
export { privateFilePath } from './files';

/** A change request as staff see it: the person as they stand now beside the change asked for. */
export interface StaffChangeRequest extends ChangeRequest {
  stationId: number | null;
  person: { id: number; name: string; category: HolderCategory; idNumberMasked: string; phoneMasked: string };
}

/** Identity change requests in the caller's station or district, oldest first. */
export function changeRequests(
  opts: { status?: ChangeStatus; cursor?: string | null } = {},
): Promise<Page<StaffChangeRequest>> {
  const q: string[] = [];
  if (opts.status) q.push(`status=${opts.status}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  return request<Page<StaffChangeRequest>>(
    `/api/v1/staff/identity-change-requests${q.length ? `?${q.join('&')}` : ''}`,
  );
}

/** Approve (applied to the person at once) or reject (reason required) a change request. */
export function reviewChangeRequest(
  id: number,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<StaffChangeRequest> {
  const data: { decision: 'approve' | 'reject'; reason?: string } = { decision };
  if (reason) data.reason = reason;
  return request<StaffChangeRequest>(`/api/v1/staff/identity-change-requests/${id}/review`, { method: 'POST', data });
}
