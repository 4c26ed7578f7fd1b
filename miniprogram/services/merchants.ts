import type { HolderCategory } from './people';
import { request } from './request';

/** A page of a list as the server sends it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MerchantCategory {
  id: number;
  name: string;
  sort: number;
}

/** A discount or voucher a merchant gives holders. Money in fen. */
export interface Offer {
  id: number;
  title: string;
  description: string;
  kind: 'discount' | 'voucher';
  discountText: string;
  priceFen: number | null;
  faceValueFen: number | null;
  /** Uses per holder per day; null for no limit. */
  perPersonDailyLimit: number | null;
  /** Who may use it; empty means every holder category. */
  eligibleCategories: HolderCategory[];
  validFrom: string | null;
  validTo: string | null;
  status: 'active' | 'withdrawn';
}

/** A merchant of the alliance as holders see it, with its active offers. */
export interface Merchant {
  id: number;
  name: string;
  category: { id: number; name: string } | null;
  address: string;
  lat: number;
  lng: number;
  contactPhone: string;
  intro: string | null;
  /** Metres from the point searched from; null on a merchant's own page. */
  distanceM: number | null;
  offers: Offer[];
}

export interface NearbyQuery {
  lat: number;
  lng: number;
  radiusKm?: number;
  categoryId?: number;
  q?: string;
  cursor?: string;
  limit?: number;
}

export type ComplaintStatus = 'open' | 'upheld' | 'dismissed';

export interface Complaint {
  id: number;
  merchantId: number;
  text: string;
  status: ComplaintStatus;
  createdAt: string;
}

/** One of the holder's own complaints: the merchant, the outcome with its reason, and each step. */
export interface MyComplaint {
  id: number;
  merchant: { id: number; name: string };
  text: string;
  status: ComplaintStatus;
  /** 处理中, 投诉成立 or 未予支持. */
  statusText: string;
  /** The bureau's reason for the outcome; null while open. */
  resolution: string | null;
  createdAt: string;
  handledAt: string | null;
  history: Array<{
    from: ComplaintStatus | null;
    to: ComplaintStatus;
    at: string;
    by: 'holder' | 'staff';
    reason: string | null;
  }>;
}

/** The alliance's categories (衣、食、住、行…), in display order. */
export function listCategories(): Promise<Page<MerchantCategory>> {
  return request<Page<MerchantCategory>>('/api/v1/merchant-categories', { auth: false });
}

/** Merchants around a point, nearest first, each with its distance and offers. */
export function nearbyMerchants(query: NearbyQuery): Promise<Page<Merchant>> {
  const q: string[] = [`lat=${query.lat}`, `lng=${query.lng}`];
  if (query.radiusKm) q.push(`radiusKm=${query.radiusKm}`);
  if (query.categoryId) q.push(`categoryId=${query.categoryId}`);
  if (query.q) q.push(`q=${encodeURIComponent(query.q)}`);
  if (query.cursor) q.push(`cursor=${encodeURIComponent(query.cursor)}`);
  if (query.limit) q.push(`limit=${query.limit}`);
  return request<Page<Merchant>>(`/api/v1/merchants?${q.join('&')}`, { auth: false });
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
export function myComplaints(opts: { cursor?: string; limit?: number } = {}): Promise<Page<MyComplaint>> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<Page<MyComplaint>>(`/api/v1/me/complaints${q.length ? `?${q.join('&')}` : ''}`);
}
