import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { openPage, requests, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/figures/figures'), { rootPath: root });

const beijingDay = (daysAgo: number) =>
  new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

const figures = (over: Record<string, unknown> = {}) => ({
  data: {
    from: '2026-10-31',
    to: '2026-11-29',
    total: 30,
    uniqueHolders: 12,
    today: 4,
    perDay: [
      { day: '2026-11-29', count: 4 },
      { day: '2026-11-28', count: 8 },
    ],
    perOffer: [
      { offerId: 1, title: '堂食 8 折', count: 20 },
      { offerId: 2, title: '免费停车', count: 10 },
    ],
    ...over,
  },
});

const query = (i: number) => String(requests('GET', '/api/v1/merchant/figures')[i].options.url).split('?')[1];

describe('经营数据', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_owner'], via: 'wechat' });
  });

  it('shows the last 30 days: today, the total, distinct holders, each offer and each day', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/figures', () => figures());
    const comp = await openPage(pageId);
    expect(query(0)).toBe(`from=${beijingDay(29)}&to=${beijingDay(0)}`);
    expect(textOf(comp, '.today-count')).toContain('4');
    expect(textOf(comp, '.total')).toBe('30');
    expect(textOf(comp, '.unique')).toContain('12');
    expect(textOf(comp, '.range')).toBe('10月31日 至 11月29日');
    const offers = comp.querySelectorAll('.offer-row').map((n) => n.dom!.textContent);
    expect(offers[0]).toContain('堂食 8 折');
    expect(offers[0]).toContain('20 次');
    expect((comp.instance as any).data.perOffer.map((b: { width: number }) => b.width)).toEqual([100, 50]);
    expect(comp.querySelectorAll('.day-row')[1].dom!.textContent).toContain('11月28日');
  });

  it('changes the span', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/figures', () => figures());
    const comp = await openPage(pageId);
    comp.querySelector('.span-7')!.dispatchEvent('tap');
    await flush();
    expect(query(1)).toBe(`from=${beijingDay(6)}&to=${beijingDay(0)}`);
  });

  it('says so when nothing was verified in the span, still with today', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/figures', () =>
      figures({ total: 0, uniqueHolders: 0, today: 0, perDay: [], perOffer: [] }),
    );
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('近 30 天还没有核验记录');
    expect(comp.querySelector('.totals')).toBeFalsy();
    expect(textOf(comp, '.today-count')).toContain('0');
  });

  it('a clerk is told the figures are not theirs to see', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/figures', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '仅商户负责人可以进行此操作' } },
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.denied')).toContain('只有店铺负责人可以查看');
    expect(comp.querySelector('.today')).toBeFalsy();
  });
});
