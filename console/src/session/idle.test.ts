import { describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle';

/** A clock and timers that move only when told. */
function fakeTime() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let seq = 0;
  return {
    env: {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        timers.push({ at: now + ms, fn, id: ++seq });
        return seq;
      },
      clearTimeout: (id: unknown) => {
        timers = timers.filter((t) => t.id !== id);
      },
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
    pending: () => timers.length,
  };
}

const MIN = 60_000;

function setup() {
  const time = fakeTime();
  const events = { onWarn: vi.fn(), onActive: vi.fn(), onExpire: vi.fn() };
  const timer = new IdleTimer({ timeoutMs: 30 * MIN, warnMs: MIN, ...events }, time.env);
  timer.start();
  return { time, timer, ...events };
}

describe('IdleTimer', () => {
  it('warns a minute before and signs out after 30 minutes without activity', () => {
    const { time, onWarn, onExpire } = setup();
    time.advance(29 * MIN - 1);
    expect(onWarn).not.toHaveBeenCalled();
    time.advance(1);
    expect(onWarn).toHaveBeenCalledWith(MIN);
    expect(onExpire).not.toHaveBeenCalled();
    time.advance(MIN);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(time.pending()).toBe(0);
  });

  it('activity pushes the deadline back', () => {
    const { time, timer, onWarn, onExpire } = setup();
    time.advance(20 * MIN);
    timer.touch();
    time.advance(20 * MIN);
    expect(onWarn).not.toHaveBeenCalled();
    time.advance(10 * MIN);
    expect(onWarn).toHaveBeenCalledTimes(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('activity during the warning ends it and starts a full 30 minutes again', () => {
    const { time, timer, onWarn, onActive, onExpire } = setup();
    time.advance(29.5 * MIN);
    expect(timer.isWarning).toBe(true);
    timer.touch();
    expect(onActive).toHaveBeenCalledTimes(1);
    expect(timer.isWarning).toBe(false);
    time.advance(29 * MIN - 1);
    expect(onWarn).toHaveBeenCalledTimes(1);
    time.advance(MIN + 1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('keeps one timer however many touches come', () => {
    const { time, timer } = setup();
    for (let i = 0; i < 1000; i++) timer.touch();
    expect(time.pending()).toBe(1);
  });

  it('does nothing once stopped (signed out)', () => {
    const { time, timer, onWarn, onExpire } = setup();
    timer.stop();
    timer.touch();
    time.advance(60 * MIN);
    expect(onWarn).not.toHaveBeenCalled();
    expect(onExpire).not.toHaveBeenCalled();
  });
});
