import { allowedActions, presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { AppointmentEvent } from './appointment-event.entity';
import { APPOINTMENT_TRANSITIONS, HOLDER_CANCEL_CUTOFF_MS } from './appointment.states';
import type { LegalAppointment } from './legal-appointment.entity';
import type { LegalProvider } from './legal-provider.entity';
import type { LegalSlot } from './legal-slot.entity';
import type { LegalWaitlist } from './legal-waitlist.entity';
import { WAITLIST_TRANSITIONS } from './waitlist.states';
import type { HolderContact } from './serving.service';
import { splitList, type Mode, type ServiceType } from './legal-aid.types';

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
export function holderActions(a: LegalAppointment, now: Date): string[] {
  const cancelOpen = a.startsAt.getTime() - now.getTime() >= HOLDER_CANCEL_CUTOFF_MS;
  const moves: string[] = allowedActions(APPOINTMENT_TRANSITIONS, a.status, 'holder').filter(
    (action) => action !== 'cancel' || cancelOpen,
  );
  return a.status === 'completed' && a.rating === null ? [...moves, 'review'] : moves;
}

/** The holder's view, with its history: never the provider's private notes. */
export const presentAppointment = (
  a: LegalAppointment,
  provider: LegalProvider | undefined,
  now: Date,
  history: readonly AppointmentEvent[],
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
  allowedActions: holderActions(a, now),
  history: presentHistory(history),
});

/**
 * The provider's and staff's view, with the private notes. `holder` (name and, while live, phone)
 * is given only for the calling provider's own appointments: null when the holder bound no identity.
 */
export const presentDeskAppointment = (
  a: LegalAppointment,
  history: readonly AppointmentEvent[],
  holder?: HolderContact | null,
) => ({
  id: a.id,
  status: a.status,
  serviceType: a.serviceType,
  mode: a.mode,
  summary: a.summary,
  startsAt: isoTime(a.startsAt),
  providerId: a.providerId,
  holderAccountId: a.accountId,
  privateNotes: a.privateNotes,
  cancelledBy: a.cancelledBy,
  cancelReason: a.cancelReason,
  rating: a.rating,
  comment: a.comment,
  ...(holder !== undefined ? { holder } : {}),
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
