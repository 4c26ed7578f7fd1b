import type { TransitionTable } from '../../lib/state-machine';

/**
 * A card: active → reported_lost (the holder, at once) → replaced (when the reissued card is
 * issued); active → replaced (exchange); active | reported_lost → revoked (staff, with a reason).
 */
export const CARD_STATUSES = ['active', 'reported_lost', 'replaced', 'revoked'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const CARD_TRANSITIONS = {
  report_lost: { from: ['active'], to: 'reported_lost', actors: ['holder'] },
  replace: { from: ['active', 'reported_lost'], to: 'replaced', actors: ['district', 'station'] },
  revoke: { from: ['active', 'reported_lost'], to: 'revoked', actors: ['district'] },
} as const satisfies TransitionTable<string, CardStatus, 'holder' | 'district' | 'station'>;
