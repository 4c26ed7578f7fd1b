import type { TransitionTable } from '../../lib/state-machine';

/**
 * A free night at a 军人驿站: booked → checked_in (the desk confirms the stay) or no_show (the desk,
 * once the night has begun), or cancelled (by the guest before the deadline, by the hotel's desk or
 * district staff with a reason, or when staff reject the proof of status).
 */
export const BOOKING_STATUSES = ['booked', 'checked_in', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Who moves a booking: the guest who made it, the hotel's desk, district staff, or the system (account deletion). */
export type BookingActor = 'guest' | 'desk' | 'staff' | 'system';

export const BOOKING_TRANSITIONS = {
  check_in: { from: ['booked'], to: 'checked_in', actors: ['desk'] },
  no_show: { from: ['booked'], to: 'no_show', actors: ['desk'] },
  cancel: { from: ['booked'], to: 'cancelled', actors: ['guest', 'desk', 'staff', 'system'] },
  reject_proof: { from: ['booked'], to: 'cancelled', actors: ['staff'] },
} as const satisfies TransitionTable<string, BookingStatus, BookingActor>;

export type BookingTransition = keyof typeof BOOKING_TRANSITIONS;

/** Every history row's action: the transitions, the booking itself and the approval of its proof. */
export type BookingAction = BookingTransition | 'book' | 'approve_proof';

/** Who the room is for. */
export const GUEST_KINDS = ['serving_soldier', 'family'] as const;
export type GuestKind = (typeof GUEST_KINDS)[number];

/**
 * The proof of status: a document district staff review (pending → approved, or the booking is
 * cancelled as rejected), or none, and the desk checks the papers at check-in.
 */
export const PROOF_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;
export type ProofStatus = (typeof PROOF_STATUSES)[number];

export const HOTEL_STATUSES = ['active', 'paused'] as const;
export type HotelStatus = (typeof HOTEL_STATUSES)[number];

/** Free rooms a new 驿站 offers each night unless staff say otherwise. */
export const DEFAULT_DAILY_QUOTA = 2;
/** How far ahead a night may be booked: today and the next 14 days (Asia/Shanghai). */
export const BOOKING_DAYS_AHEAD = 14;
/** Upcoming bookings (booked, tonight or later) one guest may hold at once. */
export const MAX_UPCOMING = 3;
/** The guest may cancel until this hour (Beijing) on the night; the desk may mark a no-show from it. */
export const NIGHT_STARTS_HOUR = 18;
/** The desk confirms a stay on the night, or the next morning until this hour (Beijing). */
export const CHECK_IN_UNTIL_NEXT_HOUR = 12;
/** Two no-shows within this many days ... */
export const NO_SHOW_WINDOW_DAYS = 90;
/** ... keep the guest from booking for this many days after the second. */
export const NO_SHOW_BLOCK_DAYS = 30;

export const GUEST_KIND_WORDS: Record<GuestKind, string> = { serving_soldier: '现役军人', family: '军人家属' };

export const BOOKING_STATUS_WORDS: Record<BookingStatus, string> = {
  booked: '已预订',
  checked_in: '已入住',
  no_show: '未入住',
  cancelled: '已取消',
};
