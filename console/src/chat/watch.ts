import type { InboxChanges } from './types';

/** How long one request waits on the server, in seconds (the server allows at most 25). */
export const WATCH_WAIT_SECONDS = 25;
/** The first pause after a failed request; it doubles up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 30_000;

/** What the watcher needs from the page: injectable, so it is tested without a browser or a server. */
export interface WatchDeps {
  /**
   * One long poll: `since` null for the first (answers the current cursor at once). `signal` is
   * aborted when the watcher stops, so the server does not hold a request nobody waits for.
   */
  changes(since: string | null, waitSeconds: number, signal: AbortSignal): Promise<InboxChanges>;
  /** Reloads what the page shows; awaited before the next poll. */
  refresh(): Promise<void>;
  /** Whether the page is in front (a hidden tab does not poll). */
  visible(): boolean;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The pause after `failures` failed requests in a row: 1 s, 2 s, 4 s … at most 30 s. */
export const backoffMs = (failures: number): number =>
  failures <= 0 ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));

/**
 * The inbox's live updates without polling: one long poll at a time waits on the server until the
 * inbox changes (or ~25 s pass), then the page reloads and the next poll starts. Stops while the
 * page is hidden or left (an answer arriving after that is dropped), backs off after errors, and
 * `refreshNow` reloads at once after the clerk's own actions.
 */
export class InboxWatcher {
  private cursor: string | null = null;
  private running = false;
  /** Bumped by stop(): a poll from an earlier run finds it moved and drops its answer. */
  private run = 0;
  private inFlight = false;
  private failures = 0;
  private timer: unknown = null;
  private abort: AbortController | null = null;

  constructor(private readonly deps: WatchDeps) {}

  /** Starts watching (again), unless the page is hidden; does nothing while already watching. */
  start(): void {
    if (this.running || !this.deps.visible()) return;
    this.running = true;
    this.run++;
    this.failures = 0;
    this.schedule(0);
  }

  /** Stops watching: no new poll starts, and the one under way is ignored when it answers. */
  stop(): void {
    this.running = false;
    this.run++;
    this.abort?.abort();
    this.abort = null;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  /**
   * The page became visible or hidden. Coming back polls at once with the last cursor: news that
   * came meanwhile answers it straight away and reloads the page.
   */
  visibilityChanged(): void {
    if (this.deps.visible()) this.start();
    else this.stop();
  }

  /** Reloads now (after the clerk's own action); the poll under way carries on. */
  async refreshNow(): Promise<void> {
    await this.deps.refresh();
  }

  /** Whether a poll is waiting on the server (for tests). */
  get polling(): boolean {
    return this.inFlight;
  }

  get failuresInARow(): number {
    return this.failures;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.poll();
    }, ms);
  }

  private async poll(): Promise<void> {
    // A poll still under way (from before a stop and start) schedules the next one when it answers.
    if (!this.running || this.inFlight) return;
    const run = this.run;
    this.inFlight = true;
    let next = 0;
    try {
      const first = this.cursor === null;
      this.abort = new AbortController();
      const answer = await this.deps.changes(this.cursor, first ? 0 : WATCH_WAIT_SECONDS, this.abort.signal);
      if (run === this.run) {
        this.failures = 0;
        this.cursor = answer.cursor;
        // The first answer only gives the cursor: the page loaded its lists when it opened.
        // A wait that ran out reloads too: waiting times and what the cursor does not cover
        // (a colleague's messages) stay fresh at least every 25 s.
        if (!first) await this.deps.refresh();
      }
    } catch {
      if (run === this.run) {
        this.failures++;
        next = backoffMs(this.failures);
      }
    } finally {
      this.inFlight = false;
    }
    // An answer to an earlier run is dropped; a new run waiting on it polls at once.
    if (this.running) this.schedule(run === this.run ? next : 0);
  }
}
