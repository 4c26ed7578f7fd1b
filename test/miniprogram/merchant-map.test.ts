import { saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';
import { merchant } from './fixtures';
import { loadPage, openPage, textOf, calls } from './harness';

const mapId = loadPage('packages/merchants/pages/map/map');
const open = openPage;

describe('地图找商户', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('map: a marker per merchant from the same search; the callout opens the merchant', async () => {
    fakeWx().routes.set('GET /api/v1/merchants', () => ({
      data: { items: [Object.assign({}, merchant, { distanceM: 300 })], nextCursor: null },
    }));
    const comp = await open(mapId, {
      lat: '30.2741',
      lng: '120.1551',
      fallback: '1',
      categoryId: '2',
      q: encodeURIComponent('面馆'),
    });
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
