import type { TransitionTable } from '../../lib/state-machine';

/** A merchant: pending → active | rejected; active → suspended (complaints) → active. */
export const MERCHANT_STATUSES = ['pending', 'active', 'rejected', 'suspended'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

export const MERCHANT_TRANSITIONS = {
  approve: { from: ['pending'], to: 'active', actors: ['staff'] },
  reject: { from: ['pending'], to: 'rejected', actors: ['staff'] },
  suspend: { from: ['active'], to: 'suspended', actors: ['staff'] },
  restore: { from: ['suspended'], to: 'active', actors: ['staff'] },
} as const satisfies TransitionTable<string, MerchantStatus, 'staff'>;
