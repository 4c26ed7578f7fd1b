import type { ApiBody, ApiItem, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

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

/** What binding (or correcting) the identity sends: the full numbers, which the server never sends back. */
export type IdentityInput = ApiBody<'/api/v1/me/identity', 'put'>;

/** The signed-in person: roles and masked identity. */
export function getMe(): Promise<Me> {
  return request<Me>('/api/v1/me');
}

/**
 * Binds (or corrects, while unverified) the holder's identity. Fails with CONSENT_REQUIRED (the
 * holder has not agreed to the current consent text: open the consent page), ID_NUMBER_INVALID,
 * ID_NUMBER_TAKEN, IDENTITY_LOCKED or VALIDATION_FAILED, each with a message to show.
 */
export function bindIdentity(input: IdentityInput): Promise<Identity> {
  return request<ApiResult<'/api/v1/me/identity', 'put'>>('/api/v1/me/identity', { method: 'PUT', data: input });
}

/** A request to change a verified identity; only the fields it changes are set in `changes`. */
export type ChangeRequest = ApiItem<'/api/v1/me/identity-change-requests'>;
export type ChangeStatus = ChangeRequest['status'];
export type ChangeRequestInput = ApiBody<'/api/v1/me/identity-change-requests', 'post'>;
type ChangeRequests = ApiResult<'/api/v1/me/identity-change-requests'>;

/** What a change request's status is called on the holder's and the staff's pages. */
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  submitted: '审核中',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** The holder's change requests, newest first. */
export function myChangeRequests(): Promise<ChangeRequests> {
  return request<ChangeRequests>('/api/v1/me/identity-change-requests');
}

/**
 * Asks staff to change a verified identity. CHANGE_REQUEST_EXISTS while another is open,
 * IDENTITY_NOT_VERIFIED when the identity can still be corrected directly.
 */
export function submitChangeRequest(input: ChangeRequestInput): Promise<ChangeRequest> {
  return request<ApiResult<'/api/v1/me/identity-change-requests', 'post', 201>>('/api/v1/me/identity-change-requests', {
    method: 'POST',
    data: input,
  });
}

export function withdrawChangeRequest(id: number): Promise<ChangeRequest> {
  return request<ApiResult<'/api/v1/me/identity-change-requests/{id}/withdraw', 'post'>>(
    `/api/v1/me/identity-change-requests/${id}/withdraw`,
    { method: 'POST' },
  );
}
