import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { calls, openPage, requests, textOf, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/offer-edit/offer-edit'), {
  rootPath: root,
});

const voucher = {
  id: 2,
  title: '50 元代金券',
  description: '到店消费抵 50 元',
  kind: 'voucher',
  discountText: '40 元买 50 元',
  priceFen: 4000,
  faceValueFen: 5000,
  perPersonDailyLimit: 2,
  stockTotal: 100,
  stockLeft: 70,
  eligibleCategories: ['veteran'],
  validFrom: '2026-03-01T00:00:00.000+08:00',
  validTo: null,
  status: 'active',
};

const type = (comp: Rendered, selector: string, value: string) =>
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

describe('发布优惠 / 修改优惠', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_owner'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/merchant/offers', () => ({ data: { items: [voucher], nextCursor: null } }));
  });

  it('publishes a discount with what the server takes, and goes back', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers', (o) => ({
      statusCode: 201,
      data: { ...voucher, ...o.data, id: 3 },
    }));
    const comp = await openPage(pageId);
    expect(calls('setNavigationBarTitle')[0].options.title).toBe('发布优惠');
    type(comp, '.title-input', '退役军人专享 8 折');
    type(comp, '.discount-input', '8 折');
    type(comp, '.limit-input', '');
    comp.querySelectorAll('.check')[1].dispatchEvent('tap');
    await flush(1);
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    const sent = requests('POST', '/api/v1/merchant/offers')[0].options.data;
    expect(sent).toEqual({
      title: '退役军人专享 8 折',
      description: '',
      kind: 'discount',
      discountText: '8 折',
      priceFen: null,
      faceValueFen: null,
      stockTotal: null,
      perPersonDailyLimit: null,
      eligibleCategories: ['martyr_family'],
      validFrom: null,
      validTo: null,
    });
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('checks the fields before sending: names, amounts, dates', async () => {
    const comp = await openPage(pageId);
    comp.querySelector('.kind-voucher')!.dispatchEvent('tap');
    await flush(1);
    type(comp, '.price-input', '60');
    type(comp, '.face-input', '50');
    type(comp, '.limit-input', '0');
    (comp.instance as any).setData({ 'form.validFrom': '2026-05-02', 'form.validTo': '2026-05-01' });
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-title')).toContain('优惠名称');
    expect(textOf(comp, '.err-discountText')).toContain('优惠内容');
    expect(textOf(comp, '.err-price')).toBe('售价不能高于面值');
    expect(textOf(comp, '.err-limit')).toContain('1 到 100');
    expect(textOf(comp, '.err-validTo')).toBe('结束日期不能早于开始日期');
    expect(requests('POST', '/api/v1/merchant/offers')).toHaveLength(0);
  });

  it('changes an offer: the form starts from it, yuan and days as people write them', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers/2', () => ({ data: voucher }));
    const comp = await openPage(pageId, { id: '2' });
    expect(calls('setNavigationBarTitle')[0].options.title).toBe('修改优惠');
    const data = (comp.instance as any).data;
    expect(data.form).toMatchObject({
      title: '50 元代金券',
      kind: 'voucher',
      price: '40',
      faceValue: '50',
      stock: '100',
      limit: '2',
      validFrom: '2026-03-01',
      validTo: '',
    });
    // Thirty are sold or waiting for payment: the owner sees it beside the stock.
    expect(textOf(comp, '.stock-taken')).toBe('已售出或待支付 30 张');
    type(comp, '.face-input', '55.5');
    (comp.instance as any).setData({ 'form.validTo': '2026-12-31' });
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    const patch = requests('POST', '/api/v1/merchant/offers/2')[0];
    expect(patch.options.header['X-HTTP-Method-Override']).toBe('PATCH');
    expect(patch.options.data).toMatchObject({
      priceFen: 4000,
      faceValueFen: 5550,
      stockTotal: 100,
      perPersonDailyLimit: 2,
      eligibleCategories: ['veteran'],
      validFrom: '2026-03-01T00:00:00+08:00',
      validTo: '2026-12-31T23:59:59+08:00',
    });
  });

  it('publishes a voucher with its price, face value and stock (empty stock: not limited)', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers', (o) => ({
      statusCode: 201,
      data: { ...voucher, ...o.data, id: 3 },
    }));
    const comp = await openPage(pageId);
    // The stock is asked for vouchers only.
    expect(comp.querySelector('.stock-input')).toBeFalsy();
    comp.querySelector('.kind-voucher')!.dispatchEvent('tap');
    await flush(1);
    expect(comp.querySelector('.stock-input')).toBeTruthy();
    expect(comp.querySelector('.stock-taken')).toBeFalsy();
    type(comp, '.title-input', '50 元代金券');
    type(comp, '.discount-input', '40 元买 50 元');
    type(comp, '.price-input', '40');
    type(comp, '.face-input', '50');
    type(comp, '.stock-input', '200');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/merchant/offers')[0].options.data).toMatchObject({
      kind: 'voucher',
      priceFen: 4000,
      faceValueFen: 5000,
      stockTotal: 200,
    });

    const again = await openPage(pageId);
    again.querySelector('.kind-voucher')!.dispatchEvent('tap');
    await flush(1);
    type(again, '.title-input', '50 元代金券');
    type(again, '.discount-input', '40 元买 50 元');
    type(again, '.price-input', '40');
    type(again, '.face-input', '50');
    again.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/merchant/offers')[1].options.data.stockTotal).toBeNull();
  });

  it.each([
    ['0', '请填写 1 到 100000 之间的整数，不限量就留空'],
    ['2.5', '请填写 1 到 100000 之间的整数，不限量就留空'],
    ['100001', '请填写 1 到 100000 之间的整数，不限量就留空'],
  ])('refuses a stock of %s before sending', async (stock, words) => {
    const comp = await openPage(pageId);
    comp.querySelector('.kind-voucher')!.dispatchEvent('tap');
    await flush(1);
    type(comp, '.title-input', '50 元代金券');
    type(comp, '.discount-input', '40 元买 50 元');
    type(comp, '.price-input', '40');
    type(comp, '.face-input', '50');
    type(comp, '.stock-input', stock);
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-stock')).toBe(words);
    expect(requests('POST', '/api/v1/merchant/offers')).toHaveLength(0);
  });

  it('will not lower the stock below the vouchers already sold or waiting for payment', async () => {
    const comp = await openPage(pageId, { id: '2' });
    type(comp, '.stock-input', '29');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-stock')).toBe('已售出或待支付 30 张，库存不能少于 30');
    expect(requests('POST', '/api/v1/merchant/offers/2')).toHaveLength(0);

    fakeWx().routes.set('POST /api/v1/merchant/offers/2', () => ({ data: voucher }));
    type(comp, '.stock-input', '30');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/merchant/offers/2')[0].options.data.stockTotal).toBe(30);
  });

  it('puts the server’s word on the stock beside the stock field', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers/2', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '已售出或待支付 35 张，库存不能少于此数',
          details: [{ field: 'stockTotal', message: '已售出或待支付 35 张，库存不能少于此数' }],
        },
      },
    }));
    const comp = await openPage(pageId, { id: '2' });
    type(comp, '.stock-input', '31');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-stock')).toBe('已售出或待支付 35 张，库存不能少于此数');
    expect(calls('navigateBack')).toHaveLength(0);
  });

  it('shows the server’s refusal beside the field it names', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/offers', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '代金券须填写售价和面值（分）',
          details: [{ field: 'priceFen', message: '代金券须填写售价和面值（分）' }],
        },
      },
    }));
    const comp = await openPage(pageId);
    type(comp, '.title-input', '堂食 8 折');
    type(comp, '.discount-input', '8 折');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.save-error')).toBe('代金券须填写售价和面值（分）');
    expect(calls('navigateBack')).toHaveLength(0);
  });

  it('a withdrawn or unknown offer cannot be changed', async () => {
    const comp = await openPage(pageId, { id: '99' });
    expect(comp.dom!.innerHTML).toContain('已下架或不存在');
    expect(comp.querySelector('.save')).toBeFalsy();
  });
});
