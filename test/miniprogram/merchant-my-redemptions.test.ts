import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, openPage, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchants/pages/redemptions/redemptions'), { rootPath: root });

const use = (id: number, merchant: { id: number; name: string } | undefined = { id: 5, name: '老兵面馆' }) => ({
  id,
  at: '2026-03-01T10:05:00.000+08:00',
  holder: { nameMasked: '张*', category: 'veteran' },
  offer: { id: 1, title: '退役军人专享 8 折' },
  ...(merchant ? { merchant } : {}),
});

describe('我的优待使用记录', () => {
  beforeEach(() => asHolder());

  it('lists each use with the shop, the offer and the date, a page at a time', async () => {
    fakeWx().routes.set('GET /api/v1/me/redemptions', (o) =>
      String(o.url).indexOf('cursor=c2') >= 0
        ? { data: { items: [use(1, { id: 6, name: '军嫂超市' })], nextCursor: null } }
        : { data: { items: [use(3), use(2)], nextCursor: 'c2' } },
    );
    const comp = await openPage(pageId);
    const shops = comp.querySelectorAll('.use-merchant').map((n) => n.dom!.textContent);
    expect(shops).toEqual(['老兵面馆', '老兵面馆']);
    expect(textOf(comp, '.use-offer')).toBe('退役军人专享 8 折');
    expect(textOf(comp, '.use-when')).toBe('使用时间：2026年3月1日 10:05');

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelectorAll('.use')).toHaveLength(3);
    expect(textOf(comp, '.end')).toBe('没有更早的记录了');
  });

  it('leads from a use to the shop’s page, where the holder can complain, and to their complaints', async () => {
    fakeWx().routes.set('GET /api/v1/me/redemptions', () => ({ data: { items: [use(3)], nextCursor: null } }));
    const comp = await openPage(pageId);
    const link = comp.querySelector('.use-link')!;
    const attrs: Array<{ name: string; value: unknown }> = (link as any)._exparserNode._vt.attrs || [];
    expect(String(attrs.find((a) => a.name === 'ariaLabel')?.value)).toContain('投诉');
    link.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchants/pages/detail/detail?id=5');
    comp.querySelector('.my-complaints')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[1].options.url).toBe('/packages/merchants/pages/complaints/complaints');
  });

  it('explains how a use gets here when there is none yet', async () => {
    fakeWx().routes.set('GET /api/v1/me/redemptions', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('还没有使用记录');
    expect(comp.querySelector('.use')).toBeFalsy();
  });

  it('shows the error and loads again on request', async () => {
    let fail = true;
    fakeWx().routes.set('GET /api/v1/me/redemptions', () =>
      fail ? 'fail' : { data: { items: [use(1)], nextCursor: null } },
    );
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('网络不可用');
    fail = false;
    (comp.instance as any).reload();
    await flush();
    expect(comp.querySelectorAll('.use')).toHaveLength(1);
  });

  it('sets the page’s root font size from WeChat’s text size', async () => {
    fakeWx().routes.set('GET /api/v1/me/redemptions', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect((comp.instance as any).data.rootFontSize).toBe('17px');
  });
});
