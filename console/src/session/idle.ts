/** Timers and the clock, injectable so the idle logic is tested without waiting half an hour. */
export interface IdleEnv {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface IdleOptions {
  /** Idle time after which the session ends (the server's limit: 30 minutes). */
  timeoutMs: number;
  /** How long before the end the warning shows. */
  warnMs: number;
  onWarn: (msLeft: number) => void;
  /** Activity came back after a warning. */
  onActive: () => void;
  onExpire: () => void;
}

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const IDLE_WARN_MS = 60_000;

/** The browser events that count as the person being at the desk. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'input', 'touchstart'] as const;

/**
 * Signs the session out after `timeoutMs` without activity, warning `warnMs` before. `touch()` is
 * cheap (it records the time): one timer checks at the next deadline and moves on if there was
 * activity meanwhile, so keystrokes do not churn timers.
 */
export class IdleTimer {
  private last = 0;
  private handle: unknown = null;
  private warned = false;
  private running = false;

  constructor(
    private readonly opts: IdleOptions,
    private readonly env: IdleEnv,
  ) {}

  start(): void {
    this.stop();
    this.running = true;
    this.last = this.env.now();
    this.warned = false;
    this.schedule(this.opts.timeoutMs - this.opts.warnMs);
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.env.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Activity: pushes the deadline back; ends a warning at once. */
  touch(): void {
    if (!this.running) return;
    this.last = this.env.now();
    if (this.warned) {
      this.warned = false;
      this.opts.onActive();
      this.schedule(this.opts.timeoutMs - this.opts.warnMs);
    }
  }

  get isWarning(): boolean {
    return this.warned;
  }

  private schedule(ms: number): void {
    if (this.handle !== null) this.env.clearTimeout(this.handle);
    this.handle = this.env.setTimeout(() => this.check(), Math.max(0, ms));
  }

  private check(): void {
    this.handle = null;
    if (!this.running) return;
    const idle = this.env.now() - this.last;
    const { timeoutMs, warnMs } = this.opts;
    if (idle >= timeoutMs) {
      this.stop();
      this.opts.onExpire();
    } else if (idle >= timeoutMs - warnMs) {
      if (!this.warned) {
        this.warned = true;
        this.opts.onWarn(timeoutMs - idle);
      }
      this.schedule(timeoutMs - idle);
    } else {
      this.schedule(timeoutMs - warnMs - idle);
    }
  }
}
