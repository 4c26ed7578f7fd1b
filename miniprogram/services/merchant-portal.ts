import type { HolderCategory } from './people';
import type { Offer, Page } from './merchants';
import { request } from './request';

/** What the counter learns from a verified card: enough to match the person, nothing more. */
export interface Redemption {
  id: number;
  at: string;
  holder: { nameMasked: string; category: HolderCategory };
  offer: { id: number; title: string };
}

export interface DailyCount {
  /** A Beijing calendar day, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export interface RedemptionsPage extends Page<Redemption> {
  /** Counts per day for the last two weeks, newest first; days without any are absent. */
  daily: DailyCount[];
}

/** The merchant's offers, newest first (withdrawn ones too). */
export function listMyOffers(): Promise<Page<Offer>> {
  return request<Page<Offer>>('/api/v1/merchant/offers');
}

/**
 * Verifies a holder's QR code for one offer and records the use. Fails with QR_INVALID,
 * QR_USED, CARD_INACTIVE, LIMIT_REACHED, CATEGORY_NOT_ELIGIBLE, OFFER_UNAVAILABLE, NOT_FOUND
 * or MERCHANT_INACTIVE.
 */
export function redeem(qrToken: string, offerId: number): Promise<Redemption> {
  return request<Redemption>('/api/v1/merchant/redemptions', { method: 'POST', data: { qrToken, offerId } });
}

/** The merchant's redemptions, newest first, with the daily counts. */
export function listRedemptions(opts: { cursor?: string; limit?: number } = {}): Promise<RedemptionsPage> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<RedemptionsPage>(`/api/v1/merchant/redemptions${q.length ? `?${q.join('&')}` : ''}`);
}
