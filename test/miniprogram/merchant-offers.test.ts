import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { calls, openPage, requests, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/offers/offers'), { rootPath: root });

const offer = (id: number, title: string, over: Record<string, unknown> = {}) => ({
  id,
  title,
  description: '',
  kind: 'discount',
  discountText: '8 折',
  priceFen: null,
  faceValueFen: null,
  perPersonDailyLimit: 1,
  stockTotal: null as number | null,
  stockLeft: null as number | null,
  eligibleCategories: [] as string[],
  validFrom: null,
  validTo: null,
  status: 'active',
  ...over,
});

describe('优惠管理', () => {
  let offers: Array<ReturnType<typeof offer>>;
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_owner'], via: 'wechat' });
    offers = [
      offer(2, '50 元代金券', {
        kind: 'voucher',
        discountText: '40 元买 50 元',
        priceFen: 4000,
        faceValueFen: 5000,
        perPersonDailyLimit: null,
        stockTotal: 100,
        stockLeft: 64,
        eligibleCategories: ['veteran', 'martyr_family'],
        validFrom: '2026-03-01T00:00:00.000+08:00',
        validTo: '2026-12-31T23:59:59.000+08:00',
      }),
      offer(1, '堂食 8 折', { status: 'withdrawn' }),
    ];
    fakeWx().routes.set('GET /api/v1/merchant/offers', () => ({ data: { items: offers, nextCursor: null } }));
  });

  it('says what each offer gives, when and to whom, and whether it is in use', async () => {
    const comp = await openPage(pageId);
    const cards = comp.querySelectorAll('.offer');
    expect(cards).toHaveLength(2);
    const first = cards[0].dom!.textContent!;
    expect(first).toContain('代金券：40 元买 50 元');
    expect(first).toContain('2026年3月1日 至 2026年12月31日');
    expect(first).toContain('每天次数不限');
    expect(first).toContain('退役军人、烈士遗属');
    // A withdrawn offer offers no edit or withdraw.
    expect(comp.querySelectorAll('.withdraw')).toHaveLength(1);
    expect(comp.querySelectorAll('.edit')).toHaveLength(1);
  });

  it('shows a voucher’s stock as left of how many; not limited; sold out; nothing for a discount', async () => {
    offers = [
      offers[0],
      offer(3, '100 元代金券', { kind: 'voucher', priceFen: 9000, faceValueFen: 10000 }),
      offer(4, '20 元代金券', { kind: 'voucher', priceFen: 1500, faceValueFen: 2000, stockTotal: 10, stockLeft: 0 }),
      offer(5, '堂食 9 折'),
    ];
    const comp = await openPage(pageId);
    expect(comp.querySelectorAll('.offer-stock').map((n) => n.dom!.textContent)).toEqual([
      '库存：剩余 64 / 共 100 张',
      '库存：不限量',
      '库存：剩余 0 / 共 10 张（已售完）',
    ]);
    expect(comp.querySelectorAll('.offer')[3].dom!.textContent).not.toContain('库存');
    expect(comp.querySelectorAll('.sold-out')).toHaveLength(1);
  });

  it('opens the form to publish or to change one', async () => {
    const comp = await openPage(pageId);
    comp.querySelector('.create')!.dispatchEvent('press');
    comp.querySelector('.edit')!.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/merchant-portal/pages/offer-edit/offer-edit',
      '/packages/merchant-portal/pages/offer-edit/offer-edit?id=2',
    ]);
  });

  it('withdraws only after the owner confirms, then shows the list again', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers/2/withdraw', () => {
      offers[0] = { ...offers[0], status: 'withdrawn' };
      return { data: offers[0] };
    });
    let confirm = false;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm, cancel: !confirm }), 0));
    const comp = await openPage(pageId);

    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush();
    expect(calls('showModal')[0].options.content).toContain('50 元代金券');
    expect(requests('POST', '/withdraw')).toHaveLength(0);

    confirm = true;
    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/api/v1/merchant/offers/2/withdraw')).toHaveLength(1);
    expect(comp.querySelectorAll('.withdraw')).toHaveLength(0);
  });

  it('says why a withdrawal failed', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers/2/withdraw', () => ({
      statusCode: 409,
      data: { error: { code: 'INVALID_TRANSITION', message: '该优惠已下架' } },
    }));
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
    const comp = await openPage(pageId);
    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.action-error')).toBe('该优惠已下架');
  });

  it('explains an empty list', async () => {
    offers = [];
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('还没有发布优惠');
  });
});
