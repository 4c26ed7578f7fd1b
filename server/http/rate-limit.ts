import net from 'node:net';
import { LessThan } from 'typeorm';
import type { Database } from '../db/database';
import { countUp } from '../db/upsert';
import type { Clock } from '../lib/clock';
import type { AppContext } from './context';
import { rateLimited } from '../lib/errors';
import { RateLimitCounter } from './rate-limit-counter.entity';

/**
 * Anything that counts a request and throws RATE_LIMITED (429) once an allowance is spent. The
 * router depends only on this.
 */
export interface Limiter {
  hit(ctx: AppContext): void | Promise<void>;
}

/** Where one counted request was counted, so that it can be given back. */
export interface CountedHit {
  limiter: string;
  keyHash: string;
  windowStart: Date;
}

/** Turns a raw key (an address, a username, an account id) into the stored one: a keyed hash. */
export type KeyHasher = (key: string, limiter: string) => string;

/** Keys remembered as spent by one instance; past this the database alone decides. */
const SPENT_KEYS_MAX = 10_000;

/**
 * Fixed-window counters in the database, so every instance counts against the same allowance.
 *
 * Counting is one statement (`countUp`), an upsert of the row for (limiter, key, window) that adds
 * one and reads the new count back in the same round trip; on SQLite it takes its turn in the
 * write queue like every write. The row lock makes concurrent counts from any number of instances
 * add up exactly.
 *
 * A key that went over its allowance is remembered by this instance until its window ends and
 * refused without touching the database, so a flood of refused requests costs no writes.
 */
export class RateLimitCounters {
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly hashKey: KeyHasher,
  ) {}

  /**
   * Counts one request for `key` in the current window of `windowMs`; throws RATE_LIMITED with
   * the seconds left in the window once more than `max` were counted in it.
   */
  async take(limiter: string, key: string, max: number, windowMs: number): Promise<CountedHit> {
    const now = this.clock.now().getTime();
    const start = now - (now % windowMs);
    const end = start + windowMs;
    const keyHash = this.hashKey(key, limiter);
    const spentKey = `${limiter}\u0000${keyHash}`;
    const spentUntil = this.spent.get(spentKey);
    if (spentUntil !== undefined) {
      if (spentUntil > now) throw rateLimited(secondsLeft(spentUntil, now));
      this.spent.delete(spentKey);
    }
    const windowStart = new Date(start);
    const hits = await this.increment(limiter, keyHash, windowStart, new Date(end));
    if (hits > max) {
      this.rememberSpent(spentKey, end, now);
      throw rateLimited(secondsLeft(end, now));
    }
    return { limiter, keyHash, windowStart };
  }

  /** Takes a counted request back out of its window (never below zero). */
  async giveBack(hit: CountedHit): Promise<void> {
    await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(RateLimitCounter)
        .set({ hits: () => 'hits - 1' })
        .where('limiter = :limiter AND key_hash = :keyHash AND window_start = :windowStart AND hits > 0', hit)
        .execute(),
    );
  }

  /** Deletes the counters of windows that ended before `before`, in bounded chunks; returns how many. */
  async purgeEndedBefore(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.manager.find(RateLimitCounter, {
        where: { expiresAt: LessThan(before) },
        select: { limiter: true, keyHash: true, windowStart: true },
        take: 500,
      });
      if (rows.length === 0) return total;
      await this.db.transaction((em) =>
        em.delete(
          RateLimitCounter,
          rows.map((r) => ({ limiter: r.limiter, keyHash: r.keyHash, windowStart: r.windowStart })),
        ),
      );
      total += rows.length;
    }
  }

  private increment(limiter: string, keyHash: string, windowStart: Date, expiresAt: Date): Promise<number> {
    return this.db.statement((em) =>
      countUp(
        em,
        RateLimitCounter,
        { limiter, keyHash, windowStart, expiresAt },
        ['limiter', 'keyHash', 'windowStart'],
        'hits',
      ),
    );
  }

  private rememberSpent(spentKey: string, until: number, now: number): void {
    if (this.spent.size >= SPENT_KEYS_MAX) {
      for (const [k, t] of this.spent) if (t <= now) this.spent.delete(k);
    }
    if (this.spent.size < SPENT_KEYS_MAX) this.spent.set(spentKey, until);
  }
}

const secondsLeft = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

export interface RateLimiterOptions {
  /** Names the counters in the database (at most 32 characters). */
  name: string;
  /** Requests per key and window; the next one is refused. */
  max: number;
  windowMs: number;
  /** The key a request counts against, when the limiter is used as route or write limit; none skips it. */
  keyOf?: (ctx: AppContext) => string | undefined;
}

/** An allowance of `max` requests per key and fixed window, counted in the shared counters. */
export class RateLimiter implements Limiter {
  readonly name: string;

  constructor(
    private readonly counters: RateLimitCounters,
    private readonly opts: RateLimiterOptions,
  ) {
    if (opts.name.length > 32) throw new Error(`rate limiter name "${opts.name}" is longer than 32 characters`);
    this.name = opts.name;
  }

  /** Counts one request for `key`; throws RATE_LIMITED once the window's allowance is spent. */
  take(key: string): Promise<CountedHit> {
    return this.counters.take(this.opts.name, key, this.opts.max, this.opts.windowMs);
  }

  /** Gives a counted request back: it turned out not to count (a login that succeeded). */
  giveBack(hit: CountedHit): Promise<void> {
    return this.counters.giveBack(hit);
  }

  async hit(ctx: AppContext): Promise<void> {
    const key = this.opts.keyOf?.(ctx);
    if (key !== undefined) await this.take(key);
  }
}

/**
 * The client address as a rate-limit key: `ctx.ip`, which Koa takes from X-Forwarded-For only
 * when TRUST_PROXY is on. An IPv4 address mapped into IPv6 counts as the IPv4 address, and an
 * IPv6 address by its /64 network, which one subscriber usually holds whole.
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && net.isIPv4(mapped[1])) return mapped[1];
  if (!net.isIPv6(ip)) return ip;
  const [head, tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part fills two groups.
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - width(left) - width(right))).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
