import { MODULES } from '../server/modules';
import { Foundation1763900000000 } from './1763900000000-foundation';
import { Notifications1764000000000 } from './1764000000000-notifications';
import { Identity1764500000000 } from './1764500000000-identity';
import { SessionsAndQuotas1764600000000 } from './1764600000000-sessions-and-quotas';
import { RateLimits1764900000000 } from './1764900000000-rate-limits';
import { LifecycleHistory1765000000000 } from './1765000000000-lifecycle-history';
import { ConsoleSignIn1766200000000 } from './1766200000000-console-sign-in';

/**
 * Migrations that span several modules (or the process's own tables). A migration of one module's
 * tables is declared by that module instead.
 */
const SHARED = [
  Foundation1763900000000,
  Notifications1764000000000,
  Identity1764500000000,
  SessionsAndQuotas1764600000000,
  RateLimits1764900000000,
  LifecycleHistory1765000000000,
  // The second factor and console sessions (auth) with the queue's search index (cards).
  ConsoleSignIn1766200000000,
];

/** The timestamp in a migration's class name, which orders it. */
const stamp = (m: { name: string }) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? Number.NaN);

/**
 * Every migration, in order: the shared ones and every module's. Listed explicitly, so every
 * runtime loads the same set.
 */
export const migrations = [...SHARED, ...MODULES.flatMap((m) => m.migrations ?? [])].sort(
  (a, b) => stamp(a) - stamp(b),
);

if (migrations.some((m) => Number.isNaN(stamp(m)))) throw new Error('A migration class name lacks its timestamp');
