import type { ApiItem, ApiQuery, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

export type MerchantCategory = ApiItem<'/api/v1/merchant-categories'>;
type Categories = ApiResult<'/api/v1/merchant-categories'>;

/**
 * A merchant of the alliance as holders see it, with its active offers; `distanceM` is the metres
 * from the point searched from (null on a merchant's own page).
 */
export type Merchant = ApiResult<'/api/v1/merchants/{id}'>;
type Nearby = ApiResult<'/api/v1/merchants'>;

/**
 * A discount or voucher a merchant gives holders. Money in fen; `perPersonDailyLimit` null for no
 * limit; `eligibleCategories` empty means every holder category.
 */
export type Offer = Merchant['offers'][number];

export type NearbyQuery = ApiQuery<'/api/v1/merchants'>;

/** A complaint as filed. */
export type Complaint = ApiResult<'/api/v1/merchants/{id}/complaints', 'post', 201>;

/**
 * One of the holder's own complaints: the merchant, the outcome with its reason (`resolution`, null
 * while open; `statusText` 处理中, 投诉成立 or 未予支持), and each step.
 */
export type MyComplaint = ApiItem<'/api/v1/me/complaints'>;
export type ComplaintStatus = MyComplaint['status'];
type MyComplaints = ApiResult<'/api/v1/me/complaints'>;

/** The alliance's categories (衣、食、住、行…), in display order. */
export function listCategories(): Promise<Categories> {
  return request<Categories>('/api/v1/merchant-categories', { auth: false });
}

/** Merchants around a point, nearest first, each with its distance and offers. */
export function nearbyMerchants(query: NearbyQuery): Promise<Nearby> {
  const q: string[] = [`lat=${query.lat}`, `lng=${query.lng}`];
  if (query.radiusKm) q.push(`radiusKm=${query.radiusKm}`);
  if (query.categoryId) q.push(`categoryId=${query.categoryId}`);
  if (query.q) q.push(`q=${encodeURIComponent(query.q)}`);
  if (query.cursor) q.push(`cursor=${encodeURIComponent(query.cursor)}`);
  if (query.limit) q.push(`limit=${query.limit}`);
  return request<Nearby>(`/api/v1/merchants?${q.join('&')}`, { auth: false });
}

/** One merchant's page. NOT_FOUND when it is not (or no longer) in the alliance. */
export function getMerchant(id: number): Promise<Merchant> {
  return request<Merchant>(`/api/v1/merchants/${id}`, { auth: false });
}

/**
 * Reports a merchant to the bureau (the discount was refused, say); the text is 5–500 characters.
 * Fails with IDENTITY_REQUIRED, CARD_INACTIVE or LIMIT_REACHED (3 a day), each with a message to show.
 */
export function fileComplaint(merchantId: number, text: string): Promise<Complaint> {
  return request<Complaint>(`/api/v1/merchants/${merchantId}/complaints`, { method: 'POST', data: { text } });
}

/** The holder's complaints, newest first, with the outcome and its reason. */
export function myComplaints(opts: ApiQuery<'/api/v1/me/complaints'> = {}): Promise<MyComplaints> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<MyComplaints>(`/api/v1/me/complaints${q.length ? `?${q.join('&')}` : ''}`);
}

/** One discount the holder used: when, at which merchant, which offer. */
export type MyRedemption = ApiItem<'/api/v1/me/redemptions'>;
type MyRedemptions = ApiResult<'/api/v1/me/redemptions'>;

/** The holder's discounts used, newest first. */
export function myRedemptions(opts: ApiQuery<'/api/v1/me/redemptions'> = {}): Promise<MyRedemptions> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<MyRedemptions>(`/api/v1/me/redemptions${q.length ? `?${q.join('&')}` : ''}`);
}
