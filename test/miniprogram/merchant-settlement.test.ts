import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { openPage, requests, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/settlement/settlement'), {
  rootPath: root,
});

/** The Beijing month `delta` months from this one, `YYYY-MM`. */
function beijingMonth(delta = 0): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const n = now.getUTCFullYear() * 12 + now.getUTCMonth() + delta;
  const m = (n % 12) + 1;
  return `${Math.floor(n / 12)}-${m < 10 ? `0${m}` : m}`;
}

const movements = (sold: number, redeemed: number, refunded: number, unitFen: number) => ({
  soldCount: sold,
  soldFen: sold * unitFen,
  redeemedCount: redeemed,
  redeemedFen: redeemed * unitFen,
  refundedCount: refunded,
  refundedFen: refunded * unitFen,
});

/** A month of the shop's vouchers as the server answers it (fen at the price paid). */
const settlement = (month: string, over: Record<string, unknown> = {}) => ({
  merchantId: 5,
  merchantName: '老兵面馆',
  month,
  from: `${month}-01`,
  to: `${month}-30`,
  sold: { count: 12, amountFen: 123450 },
  redeemed: { count: 7, amountFen: 28000 },
  refunded: { count: 2, amountFen: 8000 },
  unusedCount: 3,
  payableFen: 28000,
  offers: [
    { offerId: 2, title: '50 元代金券', ...movements(10, 7, 2, 4000) },
    { offerId: 3, title: '100 元代金券', ...movements(2, 0, 0, 41725) },
  ],
  days: [
    { day: `${month}-03`, ...movements(4, 0, 0, 4000) },
    { day: `${month}-18`, ...movements(6, 7, 2, 4000) },
  ],
  ...over,
});

const monthAsked = (i: number) =>
  new URLSearchParams(String(requests('GET', '/api/v1/merchant/voucher-settlement')[i].options.url).split('?')[1]).get(
    'month',
  );

const label = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

describe('代金券结算', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_owner'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', (o) => {
      const month = new URLSearchParams(String(o.url).split('?')[1]).get('month')!;
      return { data: settlement(month) };
    });
  });

  it('opens on this month: what is owed first, then sold, redeemed, refunded and unused, in 张 and yuan', async () => {
    const comp = await openPage(pageId);
    expect(monthAsked(0)).toBe(beijingMonth());
    expect(requests('GET', '/api/v1/merchant/voucher-settlement')[0].options.header.Authorization).toBe('Bearer t');
    expect(textOf(comp, '.month-now')).toContain(label(beijingMonth()));
    expect(textOf(comp, '.payable-amount')).toBe('¥280.00');
    expect(textOf(comp, '.sold')).toBe('12 张 ¥1,234.50');
    expect(textOf(comp, '.redeemed')).toBe('7 张 ¥280.00');
    expect(textOf(comp, '.refunded')).toBe('2 张 ¥80.00');
    expect(textOf(comp, '.unused')).toBe('3 张');
    expect(textOf(comp, '.range')).toContain(`${Number(beijingMonth().slice(5, 7))}月1日 至`);
  });

  it('lists each offer and each day with its sold, redeemed and refunded', async () => {
    const comp = await openPage(pageId);
    const offers = comp.querySelectorAll('.offer-row').map((n) => n.dom!.textContent!);
    expect(offers).toHaveLength(2);
    expect(offers[0]).toContain('50 元代金券');
    expect(offers[0]).toContain('售出10 张 ¥400.00');
    expect(offers[0]).toContain('核销7 张 ¥280.00');
    expect(offers[0]).toContain('退款2 张 ¥80.00');
    expect(offers[1]).toContain('售出2 张 ¥834.50');
    const days = comp.querySelectorAll('.day-row').map((n) => n.dom!.textContent!);
    expect(days).toHaveLength(2);
    expect(days[1]).toContain(`${Number(beijingMonth().slice(5, 7))}月18日`);
    expect(days[1]).toContain('核销7 张 ¥280.00');
  });

  it('goes back a month and forward again, asking the server each time; never past this month', async () => {
    const comp = await openPage(pageId);
    // This month is the latest: 下月 does nothing.
    comp.querySelector('.next-month')!.dispatchEvent('tap');
    await flush();
    expect(requests('GET', '/api/v1/merchant/voucher-settlement')).toHaveLength(1);

    comp.querySelector('.prev-month')!.dispatchEvent('tap');
    await flush();
    expect(monthAsked(1)).toBe(beijingMonth(-1));
    expect(textOf(comp, '.month-now')).toContain(label(beijingMonth(-1)));

    comp.querySelector('.next-month')!.dispatchEvent('tap');
    await flush();
    expect(monthAsked(2)).toBe(beijingMonth());
  });

  it('reloads for a month chosen in the picker', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', (o) => {
      const month = new URLSearchParams(String(o.url).split('?')[1]).get('month')!;
      return { data: settlement(month, month === '2026-02' ? { payableFen: 4000 } : {}) };
    });
    const comp = await openPage(pageId);
    comp.querySelector('.month-picker')!.dispatchEvent('change', { detail: { value: '2026-02' } });
    await flush();
    expect(monthAsked(1)).toBe('2026-02');
    expect(textOf(comp, '.month-now')).toContain('2026年2月');
    expect(textOf(comp, '.payable-amount')).toBe('¥40.00');
  });

  it('shows the month last chosen even when an earlier month’s answer comes in after it', async () => {
    const later: Array<() => void> = [];
    const comp = await openPage(pageId);
    // The next two answers are held, then given in the wrong order.
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', (o) => {
      const month = new URLSearchParams(String(o.url).split('?')[1]).get('month')!;
      return { data: settlement(month, { payableFen: month === beijingMonth(-1) ? 100 : 200 }) };
    });
    const request = (globalThis as any).wx.request;
    (globalThis as any).wx.request = (options: any) => later.push(() => request(options));
    comp.querySelector('.prev-month')!.dispatchEvent('tap');
    comp.querySelector('.prev-month')!.dispatchEvent('tap');
    await flush();
    (globalThis as any).wx.request = request;
    later[1]();
    await flush();
    later[0]();
    await flush();
    expect(textOf(comp, '.month-now')).toContain(label(beijingMonth(-2)));
    expect(textOf(comp, '.payable-amount')).toBe('¥2.00');
  });

  it('says so when nothing moved in the month', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', () => ({
      data: settlement(beijingMonth(), {
        sold: { count: 0, amountFen: 0 },
        redeemed: { count: 0, amountFen: 0 },
        refunded: { count: 0, amountFen: 0 },
        unusedCount: 0,
        payableFen: 0,
        offers: [],
        days: [],
      }),
    }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain(`${label(beijingMonth())}没有代金券售出、核销或退款`);
    expect(comp.querySelector('.payable')).toBeFalsy();
  });

  it('a clerk is told the settlement is the owner’s, and sees no money', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '仅商户负责人可以进行此操作' } },
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.denied')).toBe('代金券结算只有店铺负责人可以查看。');
    expect(comp.querySelector('.payable')).toBeFalsy();
    expect(comp.querySelector('.totals')).toBeFalsy();
  });

  it('says what went wrong and tries again', async () => {
    let fail = true;
    fakeWx().routes.set('GET /api/v1/merchant/voucher-settlement', () =>
      fail ? 'fail' : { data: settlement(beijingMonth()) },
    );
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('网络不可用');
    fail = false;
    (comp.instance as any).load();
    await flush();
    expect(textOf(comp, '.payable-amount')).toBe('¥280.00');
  });
});
