/**
 * Delivery of an outbox message:
 *   pending → sending (claimed by one dispatcher) → sent
 *                                               → retry (transient failure, with backoff) → sending …
 *                                               → skipped (no subscribe grant, or the user refused)
 *                                               → dead (final error, or retries exhausted; staff may retry)
 *   dead → pending (staff retry)
 * A claim whose lease ran out (the dispatcher died) may be claimed again.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'retry', 'sent', 'skipped', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Statuses a dispatcher may claim from (when due). */
export const CLAIMABLE: readonly OutboxStatus[] = ['pending', 'retry'];

/** Attempts before a transiently failing message is declared dead. */
export const MAX_ATTEMPTS = 6;

/** Delay before attempt n+1 after n failed attempts: 30 s, 2 min, 10 min, 30 min, 2 h, with ±20 % jitter. */
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(failedAttempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  return Math.round(base * (0.8 + 0.4 * random()));
}
