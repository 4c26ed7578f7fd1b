/**
 * A short-lived cache for hot catalogue reads. Concurrent misses for one key share one load
 * (single flight), so a burst of phones opening the same page costs one query.
 */
export class SingleFlightCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  /**
   * `dependents`: caches of answers computed from many entries (searches over merchants): any
   * invalidation here empties them too, since any of their answers may have shown what changed.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 5000,
    private readonly dependents: readonly SingleFlightCache<unknown>[] = [],
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const t = this.now();
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: t, value });
    // A failed load is not cached.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  invalidate(key?: string): void {
    if (key === undefined) {
      this.entries.clear();
      for (const d of this.dependents) d.invalidate();
      return;
    }
    this.entries.delete(key);
    for (const d of this.dependents) d.invalidate();
  }
}
