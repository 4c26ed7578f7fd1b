import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;
const load = (p: string) => simulate.load(path.join(__dirname, '../../miniprogram/packages', p));

const detailId = load('merchants/pages/detail/detail');

async function open(id: string, query: Record<string, string> = {}) {
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush(10);
  return comp;
}

const calls = (api: string) => fakeWx().calls.filter((c) => c.api === api);

const merchant = {
  id: 5,
  name: '老兵面馆',
  category: { id: 2, name: '餐饮' },
  address: '解放路 5 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-88888888',
  intro: '三十年老店',
  distanceM: null,
  offers: [
    {
      id: 50,
      title: '堂食九折',
      description: '酒水除外',
      kind: 'discount',
      discountText: '九折',
      priceFen: null,
      faceValueFen: null,
      perPersonDailyLimit: 1,
      eligibleCategories: ['veteran', 'martyr_family'],
      validFrom: '2026-01-01T00:00:00.000+08:00',
      validTo: '2026-12-31T23:59:59.000+08:00',
      status: 'active',
    },
  ],
};

describe('商户详情: terms, map, phone and complaints', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('detail: shows the offer’s terms, opens the map and the phone', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    const comp = await open(detailId, { id: '5' });
    expect(textOf(comp, '.merchant-name')).toBe('老兵面馆');
    expect(textOf(comp, '.discount-text')).toBe('九折');
    expect(textOf(comp, '.who')).toBe('退役军人、烈士遗属');
    expect(textOf(comp, '.limit')).toBe('每人每天限用 1 次');
    expect(textOf(comp, '.validity')).toBe('2026年1月1日 至 2026年12月31日');

    comp.querySelector('.address')!.dispatchEvent('tap');
    comp.querySelector('.phone')!.dispatchEvent('tap');
    await flush();
    expect(calls('openLocation')[0].options).toMatchObject({ latitude: 30.27, longitude: 120.15, name: '老兵面馆' });
    expect(calls('makePhoneCall')[0].options.phoneNumber).toBe('0571-88888888');
  });

  it('detail: a complaint shorter than 5 characters is not sent; a proper one is', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    let sent: unknown = null;
    fakeWx().routes.set('POST /api/v1/merchants/5/complaints', (o) => {
      sent = o.data;
      return { statusCode: 201, data: { id: 1 } };
    });
    const comp = await open(detailId, { id: '5' });
    comp.querySelector('.complain')!.dispatchEvent('tap');
    await flush(1);
    comp.querySelector('#complaint')!.dispatchEvent('input', { detail: { value: ' 不给 ' } });
    await flush(1);
    comp.querySelector('.submit-complaint')!.dispatchEvent('tap');
    await flush();
    expect(textOf(comp, '.complaint-error')).toContain('至少 5 个字');
    expect(sent).toBeNull();

    comp.querySelector('#complaint')!.dispatchEvent('input', { detail: { value: '出示优待证后拒绝打折' } });
    await flush(1);
    comp.querySelector('.submit-complaint')!.dispatchEvent('tap');
    await flush();
    expect(sent).toEqual({ text: '出示优待证后拒绝打折' });
    expect(comp.querySelector('.complaint-sent')).toBeTruthy();
  });
});
