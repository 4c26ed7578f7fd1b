import { clientAddressKey, RateLimiter, type CountedHit, type RateLimitCounters } from '../../http/rate-limit';

const MINUTE = 60_000;
/**
 * How many times the per-name allowance one address may fail: an office or a carrier's NAT puts
 * many people behind one address, and the address bucket is only there against spraying.
 */
const ADDRESS_FACTOR = 5;

/**
 * A username as a rate-limit key. Beyond trimming and case, it folds what a case- and
 * accent-insensitive collation (MySQL's utf8mb4_unicode_ci) treats as the same name: full-width
 * forms, accents, ß. Otherwise every spelling variant of one name would get an allowance of its own.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase().trim();
}

/** One password-login attempt, counted before the password is checked. */
export interface LoginAttempt {
  /**
   * Counts the attempt against the account the name belongs to; RATE_LIMITED once that is spent.
   * For a name without an account it counts against the name instead, so both cost the same time.
   */
  againstAccount(accountId: number | undefined): Promise<void>;
  /** The password was right: only failures count, so the attempt gives back what it took. */
  succeeded(): Promise<void>;
}

/**
 * Limits password guessing where it happens, in counters every instance shares: failures per
 * username and per account (`perMinute` each), and per client address a generous
 * `ADDRESS_FACTOR × perMinute` against one address spraying many names.
 *
 * Each attempt takes its place in every bucket before the password is checked, so parallel
 * guesses cannot slip through together; a successful login gives its places back, so logging in
 * never uses up anyone's allowance. Anyone can still spend a name's allowance by failing on
 * purpose: its owner then waits until the minute ends, which is the price of counting per name.
 */
export class LoginThrottle {
  private readonly perAddress: RateLimiter;
  private readonly perUsername: RateLimiter;
  private readonly perAccount: RateLimiter;

  constructor(counters: RateLimitCounters, perMinute: number) {
    this.perAddress = new RateLimiter(counters, {
      name: 'login-address',
      max: perMinute * ADDRESS_FACTOR,
      windowMs: MINUTE,
    });
    this.perUsername = new RateLimiter(counters, { name: 'login-username', max: perMinute, windowMs: MINUTE });
    this.perAccount = new RateLimiter(counters, { name: 'login-account', max: perMinute, windowMs: MINUTE });
  }

  /** Counts an attempt from `address` at `username`; RATE_LIMITED when either allowance is spent. */
  async begin(address: string, username: string): Promise<LoginAttempt> {
    const taken: Array<[RateLimiter, CountedHit]> = [];
    // The address first: once it is spent, its requests no longer eat into the names it tries.
    taken.push([this.perAddress, await this.perAddress.take(clientAddressKey(address))]);
    const name = usernameKey(username);
    taken.push([this.perUsername, await this.perUsername.take(name)]);
    return {
      againstAccount: async (accountId) => {
        const key = accountId === undefined ? `name:${name}` : `id:${accountId}`;
        taken.push([this.perAccount, await this.perAccount.take(key)]);
      },
      succeeded: async () => {
        await Promise.all(taken.map(([limiter, hit]) => limiter.giveBack(hit)));
      },
    };
  }
}
