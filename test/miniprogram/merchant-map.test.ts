import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;
const load = (p: string) => simulate.load(path.join(__dirname, '../../miniprogram/packages', p));

const mapId = load('merchants/pages/map/map');

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

describe('地图找商户', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('map: a marker per merchant from the same search; the callout opens the merchant', async () => {
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [Object.assign({}, merchant, { distanceM: 300 })], nextCursor: null } }));
    const comp = await open(mapId, { lat: '30.2741', lng: '120.1551', fallback: '1', categoryId: '2', q: encodeURIComponent('面馆') });
    const url = String(calls('request')[0].options.url);
    expect(url).toContain('lat=30.2741');
    expect(url).toContain('categoryId=2');
    expect(url).toContain(`q=${encodeURIComponent('面馆')}`);
    const markers = (comp.instance as any).data.markers;
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ id: 5, latitude: 30.27, longitude: 120.15 });
    expect(markers[0].callout.content).toContain('九折');
    expect(textOf(comp, '.fallback-text')).toContain('区中心');

    (comp.instance as any).onCalloutTap({ detail: { markerId: 5 } });
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchants/pages/detail/detail?id=5');
  });
});
