import { describe, expect, it } from 'vitest';
import type { InboxChanges } from './types';
import { backoffMs, InboxWatcher, WATCH_WAIT_SECONDS, type WatchDeps } from './watch';

/** A deferred answer to one long poll. */
interface Call {
  since: string | null;
  wait: number;
  signal: AbortSignal;
  answer(a: InboxChanges): Promise<void>;
  fail(): Promise<void>;
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A page with hand-driven timers and server answers. */
function page() {
  const calls: Call[] = [];
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let nextTimer = 1;
  let refreshes = 0;
  let visible = true;
  const deps: WatchDeps = {
    changes: (since, wait, signal) =>
      new Promise<InboxChanges>((resolve, reject) => {
        calls.push({
          since,
          wait,
          signal,
          answer: async (a) => {
            resolve(a);
            await flush();
          },
          fail: async () => {
            reject(new Error('网络错误'));
            await flush();
          },
        });
      }),
    refresh: async () => {
      refreshes++;
    },
    visible: () => visible,
    setTimer: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { fn, ms });
      return id;
    },
    clearTimer: (h) => timers.delete(h as number),
  };
  const w = new InboxWatcher(deps);
  return {
    w,
    calls,
    timers,
    get refreshes() {
      return refreshes;
    },
    setVisible(v: boolean) {
      visible = v;
      w.visibilityChanged();
    },
    /** Runs the timers due now (ms 0), or the one pending whatever its delay; returns the delays run. */
    async tick(): Promise<number[]> {
      const due = [...timers];
      timers.clear();
      for (const [, t] of due) t.fn();
      await flush();
      return due.map(([, t]) => t.ms);
    },
  };
}

describe('the inbox watcher', () => {
  it('cancels the request under way when it stops, so the server does not hold it', async () => {
    const p = page();
    p.w.start();
    await p.tick();
    await p.calls[0].answer({ cursor: 'c1', changed: false });
    await p.tick();
    expect(p.calls).toHaveLength(2);
    expect(p.calls[1].signal.aborted).toBe(false);
    p.w.stop();
    expect(p.calls[1].signal.aborted).toBe(true);
    await p.calls[1].fail();
    expect(p.timers.size).toBe(0);
  });

  it('asks for the cursor first, then waits with it; reloads after each answer, one request at a time', async () => {
    const p = page();
    p.w.start();
    p.w.start();
    await p.tick();
    expect(p.calls).toHaveLength(1);
    expect(p.calls[0]).toMatchObject({ since: null, wait: 0 });
    await p.calls[0].answer({ cursor: 'c1', changed: true });
    expect(p.refreshes).toBe(0);
    await p.tick();
    expect(p.calls[1]).toMatchObject({ since: 'c1', wait: WATCH_WAIT_SECONDS });
    // Nothing more starts while it waits.
    expect(await p.tick()).toEqual([]);
    expect(p.calls).toHaveLength(2);
    expect(p.w.polling).toBe(true);
    await p.calls[1].answer({ cursor: 'c2', changed: true });
    expect(p.refreshes).toBe(1);
    await p.tick();
    expect(p.calls[2].since).toBe('c2');
    // A wait that ran out reloads too, and goes on with the same cursor.
    await p.calls[2].answer({ cursor: 'c2', changed: false });
    expect(p.refreshes).toBe(2);
    await p.tick();
    expect(p.calls[3].since).toBe('c2');
  });

  it('stops while the page is hidden and starts again with the last cursor when it is back', async () => {
    const p = page();
    p.w.start();
    await p.tick();
    await p.calls[0].answer({ cursor: 'c1', changed: true });
    await p.tick();
    p.setVisible(false);
    // The answer of the poll under way is dropped: no reload, no next poll.
    await p.calls[1].answer({ cursor: 'c2', changed: true });
    expect(p.refreshes).toBe(0);
    expect(await p.tick()).toEqual([]);
    expect(p.calls).toHaveLength(2);
    p.setVisible(true);
    await p.tick();
    expect(p.calls).toHaveLength(3);
    expect(p.calls[2].since).toBe('c1');
  });

  it('does not start while hidden, and a start during a poll left over waits for it, then polls once', async () => {
    const p = page();
    p.setVisible(false);
    p.w.start();
    expect(await p.tick()).toEqual([]);
    p.setVisible(true);
    await p.tick();
    await p.calls[0].answer({ cursor: 'c1', changed: true });
    await p.tick();
    p.w.stop();
    p.w.start();
    await p.tick();
    // Still one request in flight: the old one.
    expect(p.calls).toHaveLength(2);
    await p.calls[1].answer({ cursor: 'c2', changed: true });
    expect(p.refreshes).toBe(0);
    await p.tick();
    expect(p.calls).toHaveLength(3);
    expect(p.calls[2].since).toBe('c1');
  });

  it('backs off after errors (1 s, 2 s, 4 s … 30 s) and resets after a success', async () => {
    expect([0, 1, 2, 3, 6, 20].map(backoffMs)).toEqual([0, 1_000, 2_000, 4_000, 30_000, 30_000]);
    const p = page();
    p.w.start();
    await p.tick();
    await p.calls[0].fail();
    expect([...p.timers.values()].map((t) => t.ms)).toEqual([1_000]);
    await p.tick();
    await p.calls[1].fail();
    expect([...p.timers.values()].map((t) => t.ms)).toEqual([2_000]);
    await p.tick();
    await p.calls[2].answer({ cursor: 'c1', changed: true });
    expect(p.w.failuresInARow).toBe(0);
    expect([...p.timers.values()].map((t) => t.ms)).toEqual([0]);
  });

  it('reloads at once after the clerk’s own action, leaving the poll under way alone', async () => {
    const p = page();
    p.w.start();
    await p.tick();
    await p.calls[0].answer({ cursor: 'c1', changed: true });
    await p.tick();
    await p.w.refreshNow();
    expect(p.refreshes).toBe(1);
    expect(p.calls).toHaveLength(2);
    expect(p.w.polling).toBe(true);
  });
});
