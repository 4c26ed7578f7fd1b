import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, type Rendered } from './harness';

// 我的 is where a holder finds the appeals pages: filing one, and the ones filed.
const pageId = loadPage('pages/me/me');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const me = (roles: string[], identity: unknown = null) => ({
  data: { id: 7, displayName: '微信用户', roles, identity },
});
const consent = { data: { currentVersion: '2026-11', agreedVersion: '2026-11', agreedAt: null, text: null } };

describe('我的: the way to 诉求 and 代办', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/me/consent', () => consent);
  });

  it('leads a holder to filing an appeal and to their appeals', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(['holder']));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.new-appeal')).toContain('反映诉求 / 请人代办');
    expect(textOf(comp, '.my-appeals')).toContain('我的诉求');
    comp.querySelector('.new-appeal')!.dispatchEvent('tap');
    comp.querySelector('.my-appeals')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/appeals/pages/new/new',
      '/packages/appeals/pages/list/list',
    ]);
  });

  it('shows staff no such entries', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['station_staff'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(['station_staff']));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.new-appeal')).toBeFalsy();
    expect(comp.querySelector('.my-appeals')).toBeFalsy();
  });
});
