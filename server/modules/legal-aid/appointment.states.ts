import type { TransitionTable } from '../../lib/state-machine';

/** An appointment: booked → checked_in → completed; booked → cancelled (holder or desk) | no_show. */
export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const LIVE: readonly AppointmentStatus[] = ['booked', 'checked_in'];

export const APPOINTMENT_TRANSITIONS = {
  check_in: { from: ['booked'], to: 'checked_in', actors: ['provider', 'staff'] },
  complete: { from: ['booked', 'checked_in'], to: 'completed', actors: ['provider', 'staff'] },
  no_show: { from: ['booked'], to: 'no_show', actors: ['provider', 'staff'] },
  cancel: { from: ['booked'], to: 'cancelled', actors: ['holder', 'staff'] },
} as const satisfies TransitionTable<string, AppointmentStatus, 'holder' | 'provider' | 'staff'>;

/** A holder may cancel until this long before the start; after that it is the desk's call. */
export const HOLDER_CANCEL_CUTOFF_MS = 2 * 3_600_000;
/** Most future appointments a holder may hold at once. */
export const MAX_FUTURE_APPOINTMENTS = 3;
/** How long a freed place is held for the first waiting holder. */
export const WAITLIST_OFFER_MS = 2 * 3_600_000;
