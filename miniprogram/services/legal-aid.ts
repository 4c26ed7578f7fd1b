import type { ApiBody, ApiItem, ApiQuery, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/**
 * A lawyer's, mediator's or counsellor's published profile; `averageRating` has one decimal and is
 * null before the first rating.
 */
export type Provider = ApiResult<'/api/v1/legal-aid/providers/{id}'>;
type Providers = ApiResult<'/api/v1/legal-aid/providers'>;
export type ProviderKind = Provider['kind'];
export type ServiceType = Provider['serviceTypes'][number];
export type Mode = Provider['modes'][number];

/** A bookable time; `remaining` 0 means full (a place can still be waited for). */
export type Slot = ApiItem<'/api/v1/legal-aid/providers/{id}/slots'>;
type Slots = ApiResult<'/api/v1/legal-aid/providers/{id}/slots'>;

export type BookingInput = ApiBody<'/api/v1/legal-aid/appointments', 'post'>;

/** The holder's appointments and the times they wait for. */
export type MyAppointments = ApiResult<'/api/v1/legal-aid/appointments/mine'>;
/**
 * An appointment as its holder sees it, with its history; `allowedActions`: `cancel`, `review`.
 * How it takes place: `place` in person (address, map coordinates if known), `callTo` by phone
 * (the holder's own number, masked), `meetingLink` by video (null until the provider sets it).
 */
export type Appointment = MyAppointments['items'][number];
export type AppointmentStatus = Appointment['status'];
/** A place waited for; while `offered`, `offerExpiresAt` says until when the freed place is held. */
export type WaitlistEntry = MyAppointments['waitlist'][number];
export type WaitlistStatus = WaitlistEntry['status'];

/**
 * An appointment as its provider sees it. `holder` is there for the provider's own appointments:
 * the name, and the phone number while the appointment is live (null once it is settled); null
 * when the holder has not bound an identity.
 */
export type DeskAppointment = ApiItem<'/api/v1/provider/appointments'>;
type DeskAppointments = ApiResult<'/api/v1/provider/appointments'>;

/** The desk's services, in the order the tabs show them. */
export const SERVICE_TYPES: Array<{ value: ServiceType; label: string }> = [
  { value: 'consultation', label: '法律咨询' },
  { value: 'legal_aid', label: '法律援助' },
  { value: 'mediation', label: '人民调解' },
  { value: 'counselling', label: '心理疏导' },
];

export const MODES: Array<{ value: Mode; label: string }> = [
  { value: 'onsite', label: '到场' },
  { value: 'phone', label: '电话' },
  { value: 'video', label: '视频' },
];

const KIND_WORDS: Record<string, string> = { lawyer: '律师', mediator: '调解员', counsellor: '心理咨询师' };

export function serviceTypeLabel(t: string): string {
  for (const s of SERVICE_TYPES) if (s.value === t) return s.label;
  return t;
}

export function modeLabel(m: string): string {
  for (const x of MODES) if (x.value === m) return x.label;
  return m;
}

export function kindLabel(k: string): string {
  return KIND_WORDS[k] || k;
}

/** `评分 4.8（12 人评价）`, or 暂无评价 before the first. */
export function ratingText(p: { averageRating: number | null; ratingCount: number }): string {
  return p.averageRating === null || !p.ratingCount
    ? '暂无评价'
    : `评分 ${p.averageRating.toFixed(1)}（${p.ratingCount} 人评价）`;
}

/** Published providers offering a service type (all when none is given). */
export function listProviders(serviceType?: ServiceType): Promise<Providers> {
  const q = serviceType ? `?serviceType=${serviceType}` : '';
  return request<Providers>(`/api/v1/legal-aid/providers${q}`, { auth: false });
}

export function getProvider(id: number): Promise<Provider> {
  return request<Provider>(`/api/v1/legal-aid/providers/${id}`, { auth: false });
}

/** A provider's open times (by default the next two weeks), with the places left. */
export function listSlots(
  providerId: number,
  range: ApiQuery<'/api/v1/legal-aid/providers/{id}/slots'> = {},
): Promise<Slots> {
  const q: string[] = [];
  if (range.from) q.push(`from=${encodeURIComponent(range.from)}`);
  if (range.to) q.push(`to=${encodeURIComponent(range.to)}`);
  return request<Slots>(`/api/v1/legal-aid/providers/${providerId}/slots${q.length ? `?${q.join('&')}` : ''}`, {
    auth: false,
  });
}

/**
 * Books a place. Fails with SLOT_FULL (the waitlist is open), ALREADY_BOOKED, TOO_MANY_APPOINTMENTS,
 * SLOT_IN_PAST, SLOT_CANCELLED or VALIDATION_FAILED, each with a message to show.
 */
export function bookAppointment(input: BookingInput): Promise<Appointment> {
  return request<ApiResult<'/api/v1/legal-aid/appointments', 'post', 201>>('/api/v1/legal-aid/appointments', {
    method: 'POST',
    data: input,
  });
}

/** Waits for a place in a full slot, with what the booking would have been. */
export function joinWaitlist(input: BookingInput): Promise<WaitlistEntry> {
  return request<ApiResult<'/api/v1/legal-aid/waitlist', 'post', 201>>('/api/v1/legal-aid/waitlist', {
    method: 'POST',
    data: input,
  });
}

/** The holder's appointments (newest first) and the times they wait for. */
export function myAppointments(): Promise<MyAppointments> {
  return request<MyAppointments>('/api/v1/legal-aid/appointments/mine');
}

/** Cancels until 2 hours before the start (CANCEL_TOO_LATE after). */
export function cancelAppointment(id: number): Promise<Appointment> {
  return request<ApiResult<'/api/v1/legal-aid/appointments/{id}/cancel', 'post'>>(
    `/api/v1/legal-aid/appointments/${id}/cancel`,
    { method: 'POST' },
  );
}

/** Rates a completed appointment, 1 to 5, with an optional comment. */
export function reviewAppointment(id: number, rating: number, comment?: string): Promise<Appointment> {
  const data: ApiBody<'/api/v1/legal-aid/appointments/{id}/review', 'post'> = { rating };
  if (comment) data.comment = comment;
  return request<ApiResult<'/api/v1/legal-aid/appointments/{id}/review', 'post'>>(
    `/api/v1/legal-aid/appointments/${id}/review`,
    { method: 'POST', data },
  );
}

/** Takes the place the waitlist offered; OFFER_EXPIRED when it is gone. */
export function acceptWaitlistOffer(id: number): Promise<Appointment> {
  return request<ApiResult<'/api/v1/legal-aid/waitlist/{id}/accept', 'post', 201>>(
    `/api/v1/legal-aid/waitlist/${id}/accept`,
    { method: 'POST' },
  );
}

/** Stops waiting. */
export function leaveWaitlist(id: number): Promise<void> {
  return request<unknown>(`/api/v1/legal-aid/waitlist/${id}/leave`, { method: 'POST' }).then(() => undefined);
}

/**
 * The desk's appointments from the start of today (Shanghai) for 30 days, soonest first: a
 * provider gets their own (with the holder's name and, while live, phone), staff everyone's (with
 * the provider's name). `allowedActions` says which buttons to show.
 */
export function providerAppointments(): Promise<DeskAppointments> {
  return request<DeskAppointments>('/api/v1/provider/appointments');
}

/** Completes the service (the holder is asked to rate it). */
export function completeAppointment(id: number): Promise<DeskAppointment> {
  return request<ApiResult<'/api/v1/provider/appointments/{id}/complete', 'post'>>(
    `/api/v1/provider/appointments/${id}/complete`,
    { method: 'POST', data: {} },
  );
}

/** Marks that the holder did not come (TOO_EARLY before the time has begun). */
export function markNoShow(id: number): Promise<DeskAppointment> {
  return request<ApiResult<'/api/v1/provider/appointments/{id}/no-show', 'post'>>(
    `/api/v1/provider/appointments/${id}/no-show`,
    { method: 'POST' },
  );
}

/** Replaces the provider's notes (read by the provider and staff only, never by the holder). */
export function saveNotes(id: number, notes: string): Promise<DeskAppointment> {
  const data: ApiBody<'/api/v1/provider/appointments/{id}/notes', 'put'> = { notes };
  return request<ApiResult<'/api/v1/provider/appointments/{id}/notes', 'put'>>(
    `/api/v1/provider/appointments/${id}/notes`,
    { method: 'PUT', data },
  );
}

/** Sets the video meeting (a link or a meeting number) of a video appointment; the holder is told. */
export function setMeeting(id: number, meetingLink: string): Promise<DeskAppointment> {
  const data: ApiBody<'/api/v1/provider/appointments/{id}/meeting', 'put'> = { meetingLink };
  return request<ApiResult<'/api/v1/provider/appointments/{id}/meeting', 'put'>>(
    `/api/v1/provider/appointments/${id}/meeting`,
    { method: 'PUT', data },
  );
}

/** The desk (staff) cancels a booking with a reason the holder is told. */
export function deskCancelAppointment(id: number, reason: string): Promise<DeskAppointment> {
  const data: ApiBody<'/api/v1/staff/legal-aid/appointments/{id}/cancel', 'post'> = { reason };
  return request<ApiResult<'/api/v1/staff/legal-aid/appointments/{id}/cancel', 'post'>>(
    `/api/v1/staff/legal-aid/appointments/${id}/cancel`,
    { method: 'POST', data },
  );
}

/** Checks the holder in; TOO_EARLY before the appointment's day. */
export function checkInAppointment(id: number): Promise<DeskAppointment> {
  return request<ApiResult<'/api/v1/provider/appointments/{id}/check-in', 'post'>>(
    `/api/v1/provider/appointments/${id}/check-in`,
    { method: 'POST' },
  );
}
