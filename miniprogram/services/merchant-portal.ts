import type { ApiQuery, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** What the counter learns from a verified card: enough to match the person, nothing more. */
export type Redemption = ApiResult<'/api/v1/merchant/redemptions', 'post', 201>;

/**
 * The merchant's redemptions with, in `daily`, the counts per Beijing calendar day (`YYYY-MM-DD`)
 * for the last two weeks, newest first; days without any are absent.
 */
export type RedemptionsPage = ApiResult<'/api/v1/merchant/redemptions'>;
export type DailyCount = RedemptionsPage['daily'][number];

/** The merchant's own offers (withdrawn ones too). */
export type MyOffers = ApiResult<'/api/v1/merchant/offers'>;

/** The merchant's offers, newest first (withdrawn ones too). */
export function listMyOffers(): Promise<MyOffers> {
  return request<MyOffers>('/api/v1/merchant/offers');
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
export function listRedemptions(opts: ApiQuery<'/api/v1/merchant/redemptions'> = {}): Promise<RedemptionsPage> {
  const q: string[] = [];
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<RedemptionsPage>(`/api/v1/merchant/redemptions${q.length ? `?${q.join('&')}` : ''}`);
}
