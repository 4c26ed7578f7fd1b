import { installFakeWx } from './wx-fake';

// Every mini-program test file starts with a fresh fake `wx` and an app whose globalData exists.
(globalThis as any).__fakeWx = installFakeWx();
(globalThis as any).getApp = () => ({ globalData: { session: null } });
(globalThis as any).getCurrentPages = () => [];
