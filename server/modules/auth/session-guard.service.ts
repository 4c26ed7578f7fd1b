import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { Account } from './account.entity';
import { AuthErrors } from './auth.errors';

interface AccountState {
  tokenVersion: number;
  disabled: boolean;
}

interface Entry {
  state: AccountState | null;
  expiresAt: number;
}

/**
 * Checks on every authenticated request that the account still exists, is enabled, and that the
 * token carries its current token version.
 *
 * What an account looks like is cached per instance for `ttlMs` (a couple of seconds), with one
 * database read in flight per account. Another instance's change is seen within that time; a
 * change made by this instance is seen at once, because the service that made it calls
 * `invalidate` after its commit. The cache is a Map held here: a shared store could replace it.
 */
export class SessionGuard {
  private readonly entries = new Map<number, Entry>();
  private readonly loading = new Map<number, Promise<AccountState | null>>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Throws 401 (TOKEN_REVOKED) unless the account is enabled and at `tokenVersion`. */
  async assertCurrent(accountId: number, tokenVersion: number): Promise<void> {
    const state = await this.stateOf(accountId);
    if (!state || state.disabled || state.tokenVersion !== tokenVersion) throw AuthErrors.tokenRevoked();
  }

  /** Forgets what this instance knows of the account: the next request reads it afresh. */
  invalidate(accountId: number): void {
    this.entries.delete(accountId);
    // A read already under way may predate the change: it must not refill the cache.
    this.loading.delete(accountId);
  }

  private stateOf(accountId: number): Promise<AccountState | null> {
    const startedAt = this.clock.now().getTime();
    const hit = this.entries.get(accountId);
    if (hit && hit.expiresAt > startedAt) return Promise.resolve(hit.state);
    const pending = this.loading.get(accountId);
    if (pending) return pending;

    const load = this.read(accountId);
    this.loading.set(accountId, load);
    load.then(
      (state) => {
        if (this.loading.get(accountId) !== load) return; // invalidated meanwhile
        this.loading.delete(accountId);
        if (this.ttlMs <= 0) return;
        if (this.entries.size >= this.maxEntries) this.sweep(startedAt);
        this.entries.set(accountId, { state, expiresAt: startedAt + this.ttlMs });
      },
      () => {
        if (this.loading.get(accountId) === load) this.loading.delete(accountId);
      },
    );
    return load;
  }

  private async read(accountId: number): Promise<AccountState | null> {
    const row = await this.db.manager.findOne(Account, {
      select: { id: true, tokenVersion: true, disabled: true },
      where: { id: accountId },
    });
    return row ? { tokenVersion: Number(row.tokenVersion), disabled: Boolean(row.disabled) } : null;
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
