import { allowedActions, presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import { shanghaiDate } from '../../lib/working-days';
import type { AppointmentEvent } from './appointment-event.entity';
import { APPOINTMENT_TRANSITIONS, HOLDER_CANCEL_CUTOFF_MS, LIVE } from './appointment.states';
import { PLACE } from './legal-aid.notices';
import type { LegalAppointment } from './legal-appointment.entity';
import type { LegalProvider } from './legal-provider.entity';
import type { LegalSlot } from './legal-slot.entity';
import type { LegalWaitlist } from './legal-waitlist.entity';
import { WAITLIST_TRANSITIONS } from './waitlist.states';
import {
  type AppointmentProvider,
  type HolderContact,
  splitList,
  type Mode,
  type ServiceType,
} from './legal-aid.types';

export const presentProvider = (p: LegalProvider) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  firm: p.firm,
  photoFileId: p.photoFileId,
  specialties: splitList(p.specialties),
  serviceTypes: splitList<ServiceType>(p.serviceTypes),
  modes: splitList<Mode>(p.modes),
  languages: splitList(p.languages),
  intro: p.intro,
  address: p.address,
  averageRating: p.ratingCount ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : null,
  ratingCount: p.ratingCount,
  servedCount: p.servedCount,
});

export const presentSlot = (s: LegalSlot) => ({
  id: s.id,
  startsAt: isoTime(s.startsAt),
  endsAt: isoTime(s.endsAt),
  remaining: Math.max(0, s.capacity - s.booked),
  serviceTypes: splitList<ServiceType>(s.serviceTypes),
  modes: splitList<Mode>(s.modes),
});

/**
 * What the holder may do now, for the buttons the phone shows: the table's holder actions (cancel
 * only until the cut-off), and `review` of a completed, unrated appointment (a rating, not a move).
 */
export function holderActions(a: Pick<LegalAppointment, 'status' | 'startsAt' | 'rating'>, now: Date): string[] {
  const cancelOpen = a.startsAt.getTime() - now.getTime() >= HOLDER_CANCEL_CUTOFF_MS;
  const moves: string[] = allowedActions(APPOINTMENT_TRANSITIONS, a.status, 'holder').filter(
    (action) => action !== 'cancel' || cancelOpen,
  );
  return a.status === 'completed' && a.rating === null ? [...moves, 'review'] : moves;
}

/** `13812341234` → `138****1234`. */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** Where an in-person appointment takes place: the provider's office if given, else the desk's window. */
export const placeOf = (provider: AppointmentProvider | undefined) => ({
  address: provider?.address || PLACE.onsite,
  latitude: provider?.address && provider.latE6 !== null ? provider.latE6 / 1e6 : null,
  longitude: provider?.address && provider.lngE6 !== null ? provider.lngE6 / 1e6 : null,
});

/** What the holder's view shows of an appointment. */
export type HolderAppointment = Pick<
  LegalAppointment,
  | 'id'
  | 'status'
  | 'serviceType'
  | 'mode'
  | 'summary'
  | 'startsAt'
  | 'cancelledBy'
  | 'cancelReason'
  | 'rating'
  | 'comment'
  | 'meetingLink'
>;

/**
 * The holder's view, with its history: never the provider's private notes. How it takes place is
 * given for its way of meeting only: the place in person, the holder's own (masked) number by phone,
 * the meeting link by video.
 */
export const presentAppointment = (
  a: HolderAppointment,
  provider: AppointmentProvider | undefined,
  now: Date,
  history: readonly AppointmentEvent[],
  ownPhone?: string | null,
) => ({
  id: a.id,
  status: a.status,
  serviceType: a.serviceType,
  mode: a.mode,
  summary: a.summary,
  startsAt: isoTime(a.startsAt),
  provider: provider ? { id: provider.id, name: provider.name } : null,
  cancelledBy: a.cancelledBy,
  cancelReason: a.cancelReason,
  rating: a.rating,
  comment: a.comment,
  place: a.mode === 'onsite' ? placeOf(provider) : null,
  callTo: a.mode === 'phone' && ownPhone ? maskPhone(ownPhone) : null,
  meetingLink: a.mode === 'video' ? a.meetingLink : null,
  allowedActions: holderActions(a, now),
  history: presentHistory(history),
});

/**
 * What the provider (or staff) may do now, for the buttons: the table's moves for the role, with
 * check-in from the appointment's day (Asia/Shanghai) and no-show once the time has begun; notes on
 * any appointment not cancelled; the meeting link on a live video appointment.
 */
export function deskActions(a: LegalAppointment, role: 'provider' | 'staff', now: Date): string[] {
  const moves: string[] = allowedActions(APPOINTMENT_TRANSITIONS, a.status, role).filter((action) => {
    if (action === 'check_in') return shanghaiDate(now) >= shanghaiDate(a.startsAt);
    if (action === 'no_show') return a.startsAt.getTime() <= now.getTime();
    return true;
  });
  if (a.status !== 'cancelled') moves.push('notes');
  if (a.mode === 'video' && LIVE.includes(a.status)) moves.push('meeting');
  return moves;
}

/**
 * The provider's and staff's view, with the private notes. `holder` (name and, while live, phone)
 * is given only for the calling provider's own appointments: null when the holder bound no identity.
 */
export const presentDeskAppointment = (
  a: LegalAppointment,
  history: readonly AppointmentEvent[],
  actions: string[],
  holder?: HolderContact | null,
  provider?: LegalProvider,
) => ({
  id: a.id,
  status: a.status,
  serviceType: a.serviceType,
  mode: a.mode,
  summary: a.summary,
  startsAt: isoTime(a.startsAt),
  providerId: a.providerId,
  providerName: provider ? provider.name : null,
  holderAccountId: a.accountId,
  privateNotes: a.privateNotes,
  meetingLink: a.meetingLink,
  cancelledBy: a.cancelledBy,
  cancelReason: a.cancelReason,
  rating: a.rating,
  comment: a.comment,
  ...(holder !== undefined ? { holder } : {}),
  allowedActions: actions,
  history: presentHistory(history),
});

export const presentWaitlist = (
  w: LegalWaitlist,
  slot: LegalSlot | undefined,
  provider: LegalProvider | undefined,
) => ({
  id: w.id,
  status: w.status,
  slot: slot ? { id: slot.id, startsAt: isoTime(slot.startsAt) } : null,
  provider: provider ? { id: provider.id, name: provider.name } : null,
  offerExpiresAt: w.offerExpiresAt ? isoTime(w.offerExpiresAt) : null,
  allowedActions: allowedActions(WAITLIST_TRANSITIONS, w.status, 'holder'),
});
