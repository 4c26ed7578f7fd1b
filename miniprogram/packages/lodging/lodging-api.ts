import type { ApiBody, ApiItem, ApiResult } from '../../services/api-types';
import { request, upload } from '../../services/request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** A 驿站 with its free rooms for each night from today to 14 days ahead. */
export type Hotel = ApiItem<'/api/v1/lodging/hotels'>;
export type HotelNight = Hotel['nights'][number];
export type NewBooking = ApiBody<'/api/v1/lodging/bookings', 'post'>;
export type GuestKind = NewBooking['guestKind'];
/** A booking in the guest's list. */
export type BookingSummary = ApiItem<'/api/v1/lodging/bookings/mine'>;
export type BookingStatus = BookingSummary['status'];
/** One booking with its history and what the guest may do. */
export type Booking = ApiResult<'/api/v1/lodging/bookings/{id}'>;
export type UploadedFile = ApiResult<'/api/v1/files', 'post', 201>;

export const GUEST_KINDS: Array<{ kind: GuestKind; label: string; hint: string }> = [
  { kind: 'serving_soldier', label: '现役军人本人', hint: '入住时出示军官证或士兵证' },
  { kind: 'family', label: '军人家属', hint: '入住时出示军属证明' },
];

export const GUEST_KIND_WORDS: Record<GuestKind, string> = { serving_soldier: '现役军人', family: '军人家属' };

/** The colour of a booking's status chip. */
export const STATUS_TONE: Record<BookingStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  booked: 'info',
  checked_in: 'ok',
  no_show: 'danger',
  cancelled: 'neutral',
};

/** A night as the server sends it (`2027-03-12`) in words: `3月12日 周五`. */
export function nightText(night: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(night);
  if (!m) return night;
  const weekday = '日一二三四五六'[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
  return `${Number(m[2])}月${Number(m[3])}日 周${weekday}`;
}

export function hotels(): Promise<{ items: Hotel[] }> {
  return request<{ items: Hotel[] }>('/api/v1/lodging/hotels');
}

export function hotel(id: number): Promise<Hotel> {
  return request<Hotel>(`/api/v1/lodging/hotels/${id}`);
}

/**
 * Books a night. Fails with LODGING_FULL, LODGING_CLOSED, LODGING_BLOCKED, ALREADY_BOOKED,
 * LIMIT_REACHED or VALIDATION_FAILED, each with a message to show.
 */
export function book(body: NewBooking): Promise<Booking> {
  return request<Booking>('/api/v1/lodging/bookings', { method: 'POST', data: body });
}

export function myBookings(): Promise<{ items: BookingSummary[] }> {
  return request<{ items: BookingSummary[] }>('/api/v1/lodging/bookings/mine');
}

/** Cancels until 18:00 on the night (CANCEL_TOO_LATE after). */
export function cancelBooking(id: number): Promise<Booking> {
  return request<Booking>(`/api/v1/lodging/bookings/${id}/cancel`, { method: 'POST' });
}

/** Uploads a photo of the proof of status as a private document. */
export function uploadProof(filePath: string): Promise<UploadedFile> {
  return upload<UploadedFile>('/api/v1/files', filePath, { purpose: 'document' });
}
