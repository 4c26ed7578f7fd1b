import type { TransitionTable } from '../../lib/state-machine';

/**
 * A waitlist entry: waiting → offered (a place freed up) → accepted | expired; the holder may leave
 * while waiting or offered; a cancelled slot cancels its entries.
 */
export const WAITLIST_STATUSES = ['waiting', 'offered', 'accepted', 'expired', 'left', 'cancelled'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const WAITLIST_TRANSITIONS = {
  accept: { from: ['offered'], to: 'accepted', actors: ['holder'] },
  leave: { from: ['waiting', 'offered'], to: 'left', actors: ['holder'] },
  offer: { from: ['waiting'], to: 'offered', actors: ['system'] },
  expire: { from: ['offered'], to: 'expired', actors: ['system'] },
  cancel: { from: ['waiting', 'offered'], to: 'cancelled', actors: ['provider', 'staff'] },
} as const satisfies TransitionTable<string, WaitlistStatus, 'holder' | 'provider' | 'staff' | 'system'>;

export type WaitlistAction = keyof typeof WAITLIST_TRANSITIONS;
