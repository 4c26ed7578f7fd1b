import type { FakeWx } from './wx-fake';

/** The fake `wx` installed for this test file (see setup.ts). */
export const fakeWx = (): FakeWx => (globalThis as any).__fakeWx as FakeWx;

/** Lets pending timers and promise callbacks run (the fake answers on the next tick). */
export const flush = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};
