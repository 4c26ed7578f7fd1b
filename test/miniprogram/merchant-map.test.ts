import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { merchant } from './fixtures';
import { calls, openPage, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const mapId = simulate.load(path.join(root, 'packages/merchants/pages/map/map'), { rootPath: root });
const open = openPage;

const nearby = (over: Record<string, unknown> = {}) => Object.assign({}, merchant, { distanceM: 300 }, over);

describe('地图找商户', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('map: a marker per merchant from the same search; the callout opens the merchant', async () => {
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [nearby()], nextCursor: null } }));
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
    expect(markers[0]).toMatchObject({ id: 5, latitude: 30.27, longitude: 120.15, 'aria-label': '老兵面馆，九折' });
    expect(markers[0].callout.content).toContain('九折');
    expect(textOf(comp, '.fallback-text')).toContain('区中心');
    // The list search asks for no location: the map does not ask either.
    expect(calls('getLocation')).toHaveLength(0);
    expect(calls('requirePrivacyAuthorize')).toHaveLength(0);

    (comp.instance as any).onCalloutTap({ detail: { markerId: 5 } });
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchants/pages/detail/detail?id=5');
  });

  it('lists the same merchants under the map, each a labelled row that opens the merchant', async () => {
    fakeWx().routes.set('GET /api/v1/merchants', () => ({
      data: { items: [nearby(), nearby({ id: 6, name: '军嫂超市', offers: [], distanceM: 1200 })], nextCursor: null },
    }));
    const comp = await open(mapId, { lat: '30.25', lng: '120.16' });
    const rows = comp.querySelectorAll('.row-item');
    expect((comp.instance as any).data.rows.map((r: any) => r.ariaLabel)).toEqual([
      '老兵面馆，距您300 米，九折，查看详情',
      '军嫂超市，距您1.2 公里，查看详情',
    ]);
    expect(textOf(comp, '.count')).toContain('附近 2 家商户');
    rows[1].dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchants/pages/detail/detail?id=6');
  });

  it('opened on its own, asks for privacy before the location; declined, it shows the centre without distances', async () => {
    fakeWx().on('requirePrivacyAuthorize', (o: any) =>
      setTimeout(() => o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }), 0),
    );
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [nearby()], nextCursor: null } }));
    const comp = await open(mapId, {});
    expect(calls('requirePrivacyAuthorize')).toHaveLength(1);
    expect(calls('getLocation')).toHaveLength(0);
    expect(String(calls('request')[0].options.url)).toContain('lat=30.2741');
    expect(textOf(comp, '.fallback-text')).toContain('没有同意使用位置信息');
    expect(comp.querySelector('.row-distance')).toBeFalsy();
    expect(comp.querySelectorAll('.row-item')).toHaveLength(1);
  });

  it('shows a failure with 重试', async () => {
    fakeWx().routes.set('GET /api/v1/merchants', () => 'fail');
    const comp = await open(mapId, { lat: '30.25', lng: '120.16' });
    expect(textOf(comp, '.map-error')).toContain('网络不可用');
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [nearby()], nextCursor: null } }));
    comp.querySelector('.map-error')!.dispatchEvent('action');
    await flush();
    expect(comp.querySelector('.map-error')).toBeFalsy();
    expect(comp.querySelectorAll('.row-item')).toHaveLength(1);
  });
});
