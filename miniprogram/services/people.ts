import type { ApiResult } from './api-types';
import { request } from './request';

/** The signed-in person as the server sends it: roles and the masked identity (null until bound). */
export type Me = ApiResult<'/api/v1/me'>;

/**
 * The person's identity as the server shows it: never the full ID or phone number. `verified`:
 * checked by a service station; a verified identity can no longer be changed in the app.
 */
export type Identity = NonNullable<Me['identity']>;

export type HolderCategory = Identity['category'];

/** The categories a holder can choose, in the order the form lists them. */
export const HOLDER_CATEGORIES: Array<{ value: HolderCategory; label: string }> = [
  { value: 'veteran', label: '退役军人' },
  { value: 'martyr_family', label: '烈士遗属' },
  { value: 'duty_death_family', label: '因公牺牲军人遗属' },
  { value: 'illness_death_family', label: '病故军人遗属' },
];

/** The Chinese name of a category (the code itself if unknown). */
export function categoryLabel(category: string): string {
  for (const c of HOLDER_CATEGORIES) if (c.value === category) return c.label;
  return category;
}

export interface IdentityInput {
  name: string;
  idNumber: string;
  phone: string;
  category: HolderCategory;
}

/** The signed-in person: roles and masked identity. */
export function getMe(): Promise<Me> {
  return request<Me>('/api/v1/me');
}

/**
 * Binds (or corrects, while unverified) the holder's identity. Fails with ID_NUMBER_INVALID,
 * ID_NUMBER_TAKEN, IDENTITY_LOCKED or VALIDATION_FAILED, each with a message to show.
 */
export function bindIdentity(input: IdentityInput): Promise<Identity> {
  return request<Identity>('/api/v1/me/identity', { method: 'PUT', data: input });
}

export type ChangeStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** What a change request's status is called on the holder's and the staff's pages. */
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  submitted: '审核中',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** A request to change a verified identity; only the fields it changes are set in `changes`. */
export interface ChangeRequest {
  id: number;
  status: ChangeStatus;
  changes: {
    name: string | null;
    category: HolderCategory | null;
    idNumberMasked: string | null;
    phoneMasked: string | null;
  };
  previous: { name: string; category: HolderCategory; idNumberMasked: string };
  reason: string;
  documentFileIds: number[];
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  history: Array<{
    action: string;
    from: ChangeStatus | null;
    to: ChangeStatus;
    at: string;
    by: 'holder' | 'staff';
    reason: string | null;
  }>;
  allowedActions: string[];
}

export interface ChangeRequestInput {
  name?: string;
  category?: HolderCategory;
  reason: string;
  documentFileIds?: number[];
}

/** The holder's change requests, newest first. */
export function myChangeRequests(): Promise<{ items: ChangeRequest[] }> {
  return request<{ items: ChangeRequest[] }>('/api/v1/me/identity-change-requests');
}

/**
 * Asks staff to change a verified identity. CHANGE_REQUEST_EXISTS while another is open,
 * IDENTITY_NOT_VERIFIED when the identity can still be corrected directly.
 */
export function submitChangeRequest(input: ChangeRequestInput): Promise<ChangeRequest> {
  return request<ChangeRequest>('/api/v1/me/identity-change-requests', { method: 'POST', data: input });
}

export function withdrawChangeRequest(id: number): Promise<ChangeRequest> {
  return request<ChangeRequest>(`/api/v1/me/identity-change-requests/${id}/withdraw`, { method: 'POST' });
}
