import type { ApiBody, ApiItem, ApiQuery, ApiResult } from './api-types';
import { request, upload } from './request';
import { loadSession, saveSession } from './session';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/**
 * What the counter learns from a verified card: enough to match the person, nothing more. The card's
 * photo (`holder.photoFileId`) can be read by this shop until `photoReadableUntil`.
 */
export type Redemption = ApiResult<'/api/v1/merchant/redemptions', 'post', 201>;

/** One verified use in the shop's list. */
export type RedemptionItem = ApiItem<'/api/v1/merchant/redemptions'>;

/**
 * The merchant's redemptions with, in `daily`, the counts per Beijing calendar day (`YYYY-MM-DD`)
 * for the last two weeks, newest first; days without any are absent.
 */
export type RedemptionsPage = ApiResult<'/api/v1/merchant/redemptions'>;
export type DailyCount = RedemptionsPage['daily'][number];

/** The merchant's own offers (withdrawn ones too). */
export type MyOffers = ApiResult<'/api/v1/merchant/offers'>;
export type MyOffer = MyOffers['items'][number];
export type OfferInput = ApiBody<'/api/v1/merchant/offers', 'post'>;
export type OfferPatch = ApiBody<'/api/v1/merchant/offers/{id}', 'patch'>;

/** The shop the caller works for and their role in it (owner or clerk). */
export type MyMerchant = ApiResult<'/api/v1/merchant/me'>;
export type MerchantRecord = MyMerchant['merchant'];
export type MerchantStatus = MerchantRecord['status'];

export type Clerk = ApiItem<'/api/v1/merchant/clerks'>;
export type ClerkInput = ApiBody<'/api/v1/merchant/clerks', 'post'>;

/** The shop's figures over a span of Beijing days (owner only). */
export type Figures = ApiResult<'/api/v1/merchant/figures'>;
export type FiguresQuery = ApiQuery<'/api/v1/merchant/figures'>;

/**
 * A voucher taken at the counter: which one of the order it was (`seq` of `quantity`), its face value,
 * and how many of the order are still unused after it.
 */
export type VoucherRedemption = ApiResult<'/api/v1/merchant/voucher-redemptions', 'post'>;

/**
 * The shop's voucher settlement for one Beijing calendar month (owner only): vouchers sold,
 * redeemed and refunded, those still unused at the month's end, and what the shop is owed
 * (`payableFen`), per offer and per day with activity.
 */
export type VoucherSettlement = ApiResult<'/api/v1/merchant/voucher-settlement'>;

/** The caller's latest application to join the alliance, or null. */
export type MyApplication = NonNullable<ApiResult<'/api/v1/merchant-applications/mine'>['application']>;
export type ApplicationInput = ApiBody<'/api/v1/merchant-applications', 'post'>;
type Uploaded = ApiResult<'/api/v1/files', 'post', 201>;

const withQuery = (path: string, q: Record<string, string | number | undefined>) => {
  const parts = Object.keys(q)
    .filter((k) => q[k] !== undefined && q[k] !== '')
    .map((k) => `${k}=${encodeURIComponent(String(q[k]))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
};

/** The merchant's offers, newest first (withdrawn ones too). */
export function listMyOffers(): Promise<MyOffers> {
  return request<MyOffers>('/api/v1/merchant/offers');
}

/** Publishes an offer (owner only). Money in fen. */
export function createOffer(input: OfferInput): Promise<MyOffer> {
  return request<MyOffer>('/api/v1/merchant/offers', { method: 'POST', data: input });
}

/** Changes an active offer (owner only); a withdrawn one is INVALID_TRANSITION. */
export function updateOffer(id: number, patch: OfferPatch): Promise<MyOffer> {
  return request<MyOffer>(`/api/v1/merchant/offers/${id}`, { method: 'PATCH', data: patch });
}

/** Takes an offer down: holders no longer see it and the counter can no longer apply it. */
export function withdrawOffer(id: number): Promise<MyOffer> {
  return request<MyOffer>(`/api/v1/merchant/offers/${id}/withdraw`, { method: 'POST', data: {} });
}

/**
 * Verifies a holder's QR code for one offer and records the use. Fails with QR_INVALID,
 * QR_USED, CARD_INACTIVE, LIMIT_REACHED, CATEGORY_NOT_ELIGIBLE, OFFER_UNAVAILABLE, NOT_FOUND
 * or MERCHANT_INACTIVE.
 */
export function redeem(qrToken: string, offerId: number): Promise<Redemption> {
  return request<Redemption>('/api/v1/merchant/redemptions', { method: 'POST', data: { qrToken, offerId } });
}

/**
 * Takes one voucher at the counter with the token its QR code carries (`v1.…`). Fails with
 * VOUCHER_QR_INVALID (forged or expired), VOUCHER_USED, VOUCHER_OTHER_SHOP, VOUCHER_NOT_USABLE
 * or MERCHANT_INACTIVE.
 */
export function redeemVoucher(token: string): Promise<VoucherRedemption> {
  return request<VoucherRedemption>('/api/v1/merchant/voucher-redemptions', { method: 'POST', data: { token } });
}

/** The merchant's redemptions, newest first, with the daily counts. */
export function listRedemptions(opts: ApiQuery<'/api/v1/merchant/redemptions'> = {}): Promise<RedemptionsPage> {
  return request<RedemptionsPage>(
    withQuery('/api/v1/merchant/redemptions', { cursor: opts.cursor, limit: opts.limit }),
  );
}

/** The shop the caller works for, with its state, and whether they are its owner or a clerk. */
export function getMyMerchant(): Promise<MyMerchant> {
  return request<MyMerchant>('/api/v1/merchant/me');
}

/** The shop's clerks (owner only). */
export function listClerks(): Promise<ApiResult<'/api/v1/merchant/clerks'>> {
  return request<ApiResult<'/api/v1/merchant/clerks'>>('/api/v1/merchant/clerks');
}

/** Adds a clerk with a login of their own; USERNAME_TAKEN when the login name is in use. */
export function addClerk(input: ClerkInput): Promise<{ id: number }> {
  return request<{ id: number }>('/api/v1/merchant/clerks', { method: 'POST', data: input });
}

/** Removes a clerk: their login stops working at once. */
export function removeClerk(accountId: number): Promise<void> {
  return request<void>(`/api/v1/merchant/clerks/${accountId}`, { method: 'DELETE' });
}

/** The shop's figures between two Beijing days (`YYYY-MM-DD`), by default the last 30 days. */
export function getFigures(query: FiguresQuery = {}): Promise<Figures> {
  return request<Figures>(withQuery('/api/v1/merchant/figures', { from: query.from, to: query.to }));
}

/** The shop's voucher settlement for a Beijing month, `YYYY-MM` (owner only). */
export function getVoucherSettlement(month: string): Promise<VoucherSettlement> {
  return request<VoucherSettlement>(withQuery('/api/v1/merchant/voucher-settlement', { month }));
}

/** The caller's latest application to join, or null when they never applied. */
export async function myApplication(): Promise<MyApplication | null> {
  const r = await request<ApiResult<'/api/v1/merchant-applications/mine'>>('/api/v1/merchant-applications/mine');
  return r.application;
}

/** Sends an application to join; MERCHANT_APPLICATION_EXISTS while one is waiting. */
export function applyToJoin(input: ApplicationInput): Promise<MerchantRecord> {
  return request<MerchantRecord>('/api/v1/merchant-applications', { method: 'POST', data: input });
}

/** Uploads the photo of the business licence as a private document. */
export function uploadLicencePhoto(filePath: string): Promise<Uploaded> {
  return upload<Uploaded>('/api/v1/files', filePath, { purpose: 'document' });
}

/**
 * Takes a new access token, so a role granted since the last login (a shop owner's, once the
 * application is approved) is in it. False when the login has to be done again.
 */
export async function refreshRoles(): Promise<boolean> {
  const current = loadSession();
  if (!current?.refreshToken) return false;
  try {
    const r = await request<ApiResult<'/api/v1/auth/refresh', 'post'>>('/api/v1/auth/refresh', {
      method: 'POST',
      data: { refreshToken: current.refreshToken },
      auth: false,
    });
    if (!('refreshToken' in r) || !r.refreshToken) return false;
    saveSession({
      accessToken: r.accessToken,
      refreshToken: r.refreshToken,
      userId: r.user.id,
      roles: r.user.roles,
      via: current.via,
    });
    return true;
  } catch {
    return false;
  }
}
