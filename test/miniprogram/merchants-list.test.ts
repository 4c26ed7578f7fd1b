import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchants/pages/list/list'), { rootPath: root });

const merchant = (id: number, distanceM: number, discountText = '九折') => ({
  id,
  name: `商户${id}`,
  category: { id: 2, name: '餐饮' },
  address: `解放路 ${id} 号`,
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-88888888',
  intro: null,
  distanceM,
  offers: [{ id: id * 10, title: '优惠', discountText, status: 'active' }],
});

/** The query string of every nearby-merchants request, parsed, in order. */
const searches = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'request' && String(c.options.url).split('?')[0].endsWith('/api/v1/merchants'))
    .map((c) => {
      const q: Record<string, string> = {};
      for (const pair of (String(c.options.url).split('?')[1] || '').split('&')) {
        const [k, v] = pair.split('=');
        if (k) q[k] = decodeURIComponent(v);
      }
      return q;
    });

const names = (comp: Rendered) => comp.querySelectorAll('.merchant-name').map((n) => n.dom!.textContent);
const distances = (comp: Rendered) => comp.querySelectorAll('.distance').map((n) => n.dom!.textContent);

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush(10);
  return comp;
}

const locationAt = (latitude: number, longitude: number) =>
  fakeWx().on('getLocation', (o) => setTimeout(() => o.success({ latitude, longitude, accuracy: 20 }), 0));

/**
 * WeChat's privacy authorisation. The app registers its listener once (the first time a page asks);
 * it is kept here so a test can let WeChat ask the page's popup.
 */
let needPrivacy: ((resolve: (a: { event: string }) => void) => void) | null = null;
(globalThis as any).wx.onNeedPrivacyAuthorization = (l: typeof needPrivacy) => {
  needPrivacy = l;
};

/** The holder's answer to the privacy guide: agreed before, declined, or asked through the popup. */
function privacy(answer: 'agree' | 'decline' | 'popup') {
  fakeWx().on('requirePrivacyAuthorize', (o: any) => {
    const reply = (a: { event: string }) => {
      if (a.event === 'agree') o.success({});
      else if (a.event === 'disagree')
        o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
    };
    if (answer === 'popup') needPrivacy!(reply);
    else setTimeout(() => reply({ event: answer === 'agree' ? 'agree' : 'disagree' }), 0);
  });
}

describe('优待商户: the nearby list', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/merchant-categories', () => ({
      data: {
        items: [
          { id: 2, name: '餐饮', sort: 1 },
          { id: 3, name: '出行', sort: 2 },
        ],
        nextCursor: null,
      },
    }));
  });

  it('searches from where the phone is and shows each merchant’s distance in 米 or 公里, with its discounts', async () => {
    locationAt(30.25, 120.16);
    fakeWx().routes.set('GET /api/v1/merchants', () => ({
      data: {
        items: [merchant(1, 350.4, '九折'), merchant(2, 1234, '满100减20'), merchant(3, 12600)],
        nextCursor: null,
      },
    }));
    const comp = await open();

    expect(fakeWx().calls.find((c) => c.api === 'getLocation')!.options.type).toBe('gcj02');
    expect(searches()).toHaveLength(1);
    expect(searches()[0]).toMatchObject({ lat: '30.25', lng: '120.16' });
    expect(comp.querySelector('.location-note')).toBeFalsy();
    expect(names(comp)).toEqual(['商户1', '商户2', '商户3']);
    expect(distances(comp)).toEqual(['350 米', '1.2 公里', '13 公里']);
    // Each row is one button for a screen reader, saying what a sighted holder reads.
    expect((comp.instance as any).data.list.items[0].ariaLabel).toBe('商户1，距您350 米，九折，查看详情');
    expect(comp.querySelectorAll('.discount').map((n) => n.dom!.textContent)).toEqual(['九折', '满100减20', '九折']);

    comp.querySelectorAll('.merchant')[1].dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/merchants/pages/detail/detail?id=2',
    );
  });

  it('when the location is refused, searches from the district centre, says so, and offers the settings', async () => {
    fakeWx().on('getLocation', (o) => setTimeout(() => o.fail({ errMsg: 'getLocation:fail auth deny' }), 0));
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [merchant(1, 800)], nextCursor: null } }));
    const comp = await open();

    expect(searches()[0]).toMatchObject({ lat: '30.2741', lng: '120.1551' });
    expect(comp.querySelector('.fallback-text')!.dom!.textContent).toContain('区中心');
    expect(names(comp)).toEqual(['商户1']);

    // Allowed in the settings: the list starts again from the phone's place.
    fakeWx().on('openSetting', (o) => setTimeout(() => o.success({ authSetting: { 'scope.userLocation': true } }), 0));
    locationAt(30.3, 120.2);
    comp.querySelector('.open-setting')!.dispatchEvent('press');
    await flush(10);
    expect(fakeWx().calls.filter((c) => c.api === 'openSetting')).toHaveLength(1);
    expect(searches()[1]).toMatchObject({ lat: '30.3', lng: '120.2' });
    expect(comp.querySelector('.location-note')).toBeFalsy();
  });

  it('loads more with the cursor, from the same place and with the same filters', async () => {
    locationAt(30.25, 120.16);
    fakeWx().routes.set('GET /api/v1/merchants', (o) =>
      String(o.url).indexOf('cursor=') >= 0
        ? { data: { items: [merchant(3, 2000)], nextCursor: null } }
        : { data: { items: [merchant(1, 100), merchant(2, 900)], nextCursor: 'eyJkMiI6MSwiaWQiOjJ9' } },
    );
    const comp = await open();
    expect(names(comp)).toEqual(['商户1', '商户2']);

    (comp.instance as any).onReachBottom();
    await flush();
    expect(searches()[1]).toMatchObject({ lat: '30.25', lng: '120.16', cursor: 'eyJkMiI6MSwiaWQiOjJ9' });
    expect(names(comp)).toEqual(['商户1', '商户2', '商户3']);
    expect(comp.querySelector('.load-more')).toBeFalsy();

    (comp.instance as any).onReachBottom();
    await flush();
    expect(searches()).toHaveLength(2);
  });

  it('filters by category chip and by name', async () => {
    locationAt(30.25, 120.16);
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [merchant(1, 100)], nextCursor: null } }));
    const comp = await open();
    expect(comp.querySelectorAll('.chip').map((n) => n.dom!.textContent)).toEqual(['全部', '餐饮', '出行']);

    comp.querySelectorAll('.chip')[2].dispatchEvent('tap');
    await flush();
    expect(searches()[1].categoryId).toBe('3');

    comp.querySelector('#search')!.dispatchEvent('input', { detail: { value: ' 面馆 ' } });
    await flush(1);
    comp.querySelector('.search-btn')!.dispatchEvent('press');
    await flush();
    expect(searches()[2]).toMatchObject({ categoryId: '3', q: '面馆' });
  });

  it('shows a failure with the server’s message', async () => {
    locationAt(30.25, 120.16);
    fakeWx().routes.set('GET /api/v1/merchants', () => ({
      statusCode: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: 'lat: 超出范围' } },
    }));
    const comp = await open();
    expect(comp.querySelector('.state-error')!.dom!.textContent).toContain('lat: 超出范围');

    // 重试 searches again; what comes is shown.
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [merchant(1, 100)], nextCursor: null } }));
    comp.querySelector('.state-error')!.dispatchEvent('action');
    await flush();
    expect(names(comp)).toEqual(['商户1']);
    expect(comp.querySelector('.state-error')).toBeFalsy();
  });

  it('asks for the privacy authorisation before the location, with this page’s popup', async () => {
    // WeChat asks the app to show its popup; the page's <ui-privacy /> answers with the holder's choice.
    privacy('popup');
    locationAt(30.25, 120.16);
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [merchant(1, 350)], nextCursor: null } }));
    const comp = await open();
    expect(fakeWx().calls.filter((c) => c.api === 'getLocation')).toHaveLength(0);
    expect(comp.querySelector('.privacy')!.dom!.textContent).toContain('为了按远近为您查找附近的优待商户');

    comp.querySelector('.privacy >>> .up-btn--agree')!.dispatchEvent('agreeprivacyauthorization');
    await flush(10);
    const order = fakeWx()
      .calls.map((c) => c.api)
      .filter((a) => a === 'requirePrivacyAuthorize' || a === 'getLocation');
    expect(order).toEqual(['requirePrivacyAuthorize', 'getLocation']);
    expect(comp.querySelector('.privacy')!.dom!.textContent).not.toContain('同意');
    expect(searches()[0]).toMatchObject({ lat: '30.25', lng: '120.16' });
    expect(distances(comp)).toEqual(['350 米']);
  });

  it('declining the privacy popup leaves the list usable, from the district centre, without distances', async () => {
    privacy('decline');
    fakeWx().routes.set('GET /api/v1/merchants', (o) =>
      String(o.url).indexOf('cursor=') >= 0
        ? { data: { items: [merchant(3, 2600)], nextCursor: null } }
        : { data: { items: [merchant(1, 800), merchant(2, 1500)], nextCursor: 'c-2' } },
    );
    const comp = await open();

    expect(fakeWx().calls.filter((c) => c.api === 'getLocation')).toHaveLength(0);
    expect(searches()[0]).toMatchObject({ lat: '30.2741', lng: '120.1551' });
    expect(comp.querySelector('.declined-note')!.dom!.textContent).toContain('不显示距离');
    expect(comp.querySelector('.open-setting')).toBeFalsy();
    expect(names(comp)).toEqual(['商户1', '商户2']);
    expect(distances(comp)).toEqual([]);
    expect((comp.instance as any).data.list.items[0].ariaLabel).toBe('商户1，九折，查看详情');

    // Searching, paging and opening a merchant all still work.
    (comp.instance as any).onReachBottom();
    await flush();
    expect(names(comp)).toEqual(['商户1', '商户2', '商户3']);
    expect(distances(comp)).toEqual([]);
    comp.querySelector('#search')!.dispatchEvent('input', { detail: { value: '面馆' } });
    await flush(1);
    comp.querySelector('.search-btn')!.dispatchEvent('press');
    await flush();
    expect(searches()[2]).toMatchObject({ lat: '30.2741', q: '面馆' });
    comp.querySelectorAll('.merchant')[0].dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/merchants/pages/detail/detail?id=1',
    );

    // Changing their mind: asked again, agreed, the list is measured from the phone.
    privacy('agree');
    locationAt(30.3, 120.2);
    fakeWx().routes.set('GET /api/v1/merchants', () => ({ data: { items: [merchant(1, 420)], nextCursor: null } }));
    comp.querySelector('.ask-again')!.dispatchEvent('press');
    await flush(10);
    expect(searches()[3]).toMatchObject({ lat: '30.3', lng: '120.2' });
    expect(comp.querySelector('.declined-note')).toBeFalsy();
    expect(distances(comp)).toEqual(['420 米']);
  });
});
