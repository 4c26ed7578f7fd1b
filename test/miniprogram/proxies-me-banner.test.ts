import { currentActing, startActing } from '../../miniprogram/services/acting';
import { fakeWx, flush } from './fake';
import { asHolder, loadPage, openPage, type Rendered } from './harness';

const pageId = loadPage('pages/me/me');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

/** 我的 while acting for a family member, and its two entries to 家属代办. */
describe('我的 and acting for a family member', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/me', () => ({
      data: { id: 7, displayName: '微信用户', roles: ['holder'], identity: null },
    }));
    fakeWx().routes.set('GET /api/v1/me/consent', () => ({
      data: {
        currentVersion: '2026-11',
        agreedVersion: '2026-11',
        agreedAt: null,
        text: { title: '', intro: '', items: [] },
      },
    }));
  });

  it('shows the banner while acting, and 结束代办 ends it', async () => {
    startActing({ linkId: 5, holderAccountId: 42, name: '王**', services: ['appeals'] });
    const comp = await openPage(pageId);
    expect(textOf(comp, '.acting-text')).toBe('正在为 王** 代办');
    comp.querySelector('.acting-end')!.dispatchEvent('tap');
    await flush(2);
    expect(currentActing()).toBeNull();
    expect(comp.querySelector('.acting-banner')).toBeFalsy();
  });

  it('shows no banner otherwise, and opens 家属代办 and 为家人代办', async () => {
    const comp = await openPage(pageId);
    expect(comp.querySelector('.acting-banner')).toBeFalsy();
    comp.querySelector('.proxies')!.dispatchEvent('tap');
    comp.querySelector('.act-for')!.dispatchEvent('tap');
    await flush(2);
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toEqual(['/packages/people/pages/proxies/proxies', '/packages/people/pages/act-for/act-for']);
  });
});
