import { request } from './request';

export type ServiceType = 'consultation' | 'legal_aid' | 'mediation' | 'counselling';
export type Mode = 'onsite' | 'phone' | 'video';
export type ProviderKind = 'lawyer' | 'mediator' | 'counsellor';
export type AppointmentStatus = 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
export type WaitlistStatus = 'waiting' | 'offered' | 'accepted' | 'expired' | 'left' | 'cancelled';

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

/** A lawyer's, mediator's or counsellor's published profile. */
export interface Provider {
  id: number;
  name: string;
  kind: ProviderKind;
  firm: string;
  photoFileId: number | null;
  specialties: string[];
  serviceTypes: ServiceType[];
  modes: Mode[];
  languages: string[];
  intro: string;
  /** One decimal; null before the first rating. */
  averageRating: number | null;
  ratingCount: number;
  servedCount: number;
}

/** A bookable time; `remaining` 0 means full (a place can still be waited for). */
export interface Slot {
  id: number;
  startsAt: string;
  endsAt: string;
  remaining: number;
  serviceTypes: ServiceType[];
  modes: Mode[];
}

export interface BookingInput {
  slotId: number;
  serviceType: ServiceType;
  mode: Mode;
  summary: string;
}

export interface Appointment {
  id: number;
  status: AppointmentStatus;
  serviceType: ServiceType;
  mode: Mode;
  summary: string;
  startsAt: string;
  provider: { id: number; name: string } | null;
  cancelledBy: 'holder' | 'staff' | null;
  cancelReason: string | null;
  rating: number | null;
  comment: string | null;
  /** What the holder may do now: `cancel`, `review`. */
  allowedActions: string[];
}

export interface WaitlistEntry {
  id: number;
  status: WaitlistStatus;
  slot: { id: number; startsAt: string } | null;
  provider: { id: number; name: string } | null;
  /** While `offered`: until when the freed place is held. */
  offerExpiresAt: string | null;
  /** `accept`, `leave`. */
  allowedActions: string[];
}

export interface MyAppointments {
  items: Appointment[];
  waitlist: WaitlistEntry[];
  nextCursor: string | null;
}

/** Published providers offering a service type (all when none is given). */
export function listProviders(serviceType?: ServiceType): Promise<{ items: Provider[]; nextCursor: string | null }> {
  const q = serviceType ? `?serviceType=${serviceType}` : '';
  return request<{ items: Provider[]; nextCursor: string | null }>(`/api/v1/legal-aid/providers${q}`, { auth: false });
}

export function getProvider(id: number): Promise<Provider> {
  return request<Provider>(`/api/v1/legal-aid/providers/${id}`, { auth: false });
}

/** A provider's open times (by default the next two weeks), with the places left. */
export function listSlots(providerId: number, range: { from?: string; to?: string } = {}): Promise<{ items: Slot[] }> {
  const q: string[] = [];
  if (range.from) q.push(`from=${encodeURIComponent(range.from)}`);
  if (range.to) q.push(`to=${encodeURIComponent(range.to)}`);
  return request<{ items: Slot[] }>(
    `/api/v1/legal-aid/providers/${providerId}/slots${q.length ? `?${q.join('&')}` : ''}`,
    { auth: false },
  );
}

/**
 * Books a place. Fails with SLOT_FULL (the waitlist is open), ALREADY_BOOKED, TOO_MANY_APPOINTMENTS,
 * SLOT_IN_PAST, SLOT_CANCELLED or VALIDATION_FAILED, each with a message to show.
 */
export function bookAppointment(input: BookingInput): Promise<Appointment> {
  return request<Appointment>('/api/v1/legal-aid/appointments', { method: 'POST', data: input });
}

/** Waits for a place in a full slot, with what the booking would have been. */
export function joinWaitlist(input: BookingInput): Promise<WaitlistEntry> {
  return request<WaitlistEntry>('/api/v1/legal-aid/waitlist', { method: 'POST', data: input });
}

/** The holder's appointments (newest first) and the times they wait for. */
export function myAppointments(): Promise<MyAppointments> {
  return request<MyAppointments>('/api/v1/legal-aid/appointments/mine');
}

/** Cancels until 2 hours before the start (CANCEL_TOO_LATE after). */
export function cancelAppointment(id: number): Promise<Appointment> {
  return request<Appointment>(`/api/v1/legal-aid/appointments/${id}/cancel`, { method: 'POST' });
}

/** Rates a completed appointment, 1 to 5, with an optional comment. */
export function reviewAppointment(id: number, rating: number, comment?: string): Promise<Appointment> {
  const data: { rating: number; comment?: string } = { rating };
  if (comment) data.comment = comment;
  return request<Appointment>(`/api/v1/legal-aid/appointments/${id}/review`, { method: 'POST', data });
}

/** Takes the place the waitlist offered; OFFER_EXPIRED when it is gone. */
export function acceptWaitlistOffer(id: number): Promise<Appointment> {
  return request<Appointment>(`/api/v1/legal-aid/waitlist/${id}/accept`, { method: 'POST' });
}

/** Stops waiting. */
export function leaveWaitlist(id: number): Promise<void> {
  return request<unknown>(`/api/v1/legal-aid/waitlist/${id}/leave`, { method: 'POST' }).then(() => undefined);
}

/**
 * An appointment as its provider sees it. `holder` is there for the provider's own appointments:
 * the name, and the phone number while the appointment is live (null once it is settled); null
 * when the holder has not bound an identity.
 */
export interface DeskAppointment {
  id: number;
  status: AppointmentStatus;
  serviceType: ServiceType;
  mode: Mode;
  summary: string;
  startsAt: string;
  providerId: number;
  privateNotes: string | null;
  cancelledBy: 'holder' | 'staff' | null;
  cancelReason: string | null;
  holder?: { name: string; phone: string | null } | null;
}

/** The provider's own appointments (from yesterday, for 30 days), soonest first. */
export function providerAppointments(): Promise<{ items: DeskAppointment[]; nextCursor: string | null }> {
  return request<{ items: DeskAppointment[]; nextCursor: string | null }>('/api/v1/provider/appointments');
}

/** Checks the holder in; TOO_EARLY before the appointment's day. */
export function checkInAppointment(id: number): Promise<DeskAppointment> {
  return request<DeskAppointment>(`/api/v1/provider/appointments/${id}/check-in`, { method: 'POST' });
}
