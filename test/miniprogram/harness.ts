import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

/**
 * Shared helpers for page tests. miniprogram-simulate keeps one compiled template per test file,
 * so each file renders a single page.
 */
export type Rendered = ReturnType<typeof simulate.render>;

export const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;

const ROOT = path.join(__dirname, '../../miniprogram');
/**
 * Loads a page by its path under miniprogram/, e.g. 'packages/merchants/pages/map/map', with the
 * mini-program's root as the root, so its components (ui-button …) render inside it.
 */
export const loadPage = (p: string) => simulate.load(path.join(ROOT, p), { rootPath: ROOT });

/** Renders the page, attaches it, runs onLoad with the query and lets the fake server answer. */
export async function openPage(id: string, query: Record<string, string> = {}): Promise<Rendered> {
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush(10);
  return comp;
}

export const calls = (api: string) => fakeWx().calls.filter((c) => c.api === api);
export const requests = (method: string, part: string) =>
  calls('request').filter((c) => c.options.method === method && String(c.options.url).indexOf(part) >= 0);

/** A fresh fake wx and a holder's session. */
export function asHolder(): void {
  fakeWx().reset();
  saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
}
