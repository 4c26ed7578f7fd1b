import type { Clock } from '../lib/clock';
import type { AppContext } from './context';
import { rateLimited } from './errors';

/**
 * Anything that counts a request and throws RATE_LIMITED (429) once an allowance is spent. The
 * router depends only on this, so a limiter backed by a shared store can replace RateLimiter.
 */
export interface Limiter {
  hit(ctx: AppContext): void | Promise<void>;
}

/**
 * Fixed-window counter per key, held in this process. Behind a load balancer each instance keeps
 * its own count, which bounds abuse per instance; a shared store can replace `hits` later.
 */
export class RateLimiter implements Limiter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly keyOf: (ctx: AppContext) => string | undefined,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED once the window's allowance is spent. */
  hit(ctx: AppContext): void {
    const key = this.keyOf(ctx);
    if (key === undefined) return;
    const now = this.clock.now().getTime();
    const windowStart = now - (now % this.windowMs);
    let entry = this.hits.get(key);
    if (!entry || entry.windowStart !== windowStart) {
      entry = { windowStart, count: 0 };
      this.hits.set(key, entry);
      if (this.hits.size > 10_000) this.sweep(windowStart);
    }
    entry.count += 1;
    if (entry.count > this.max) {
      throw rateLimited(Math.ceil((windowStart + this.windowMs - now) / 1000));
    }
  }

  private sweep(currentWindow: number): void {
    for (const [k, v] of this.hits) if (v.windowStart !== currentWindow) this.hits.delete(k);
  }
}
