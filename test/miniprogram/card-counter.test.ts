import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

/**
 * 我的优待证 at the counter: the screen bright and kept on while the code shows (and the holder's
 * brightness back afterwards), a countdown to the next code and 刷新, the holder's own photo beside
 * the code for the clerk, and 挂失 as a destructive button behind a confirmation.
 */

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/card/pages/card/card'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const lookOf = (comp: Rendered, selector: string) => (comp.querySelector(selector) as any).instance.data.look;

const tick = async (ms = 0) => {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(1);
};

/** The device APIs the fake wx does not have: screen brightness, keep-on, downloads. */
const device: Array<{ api: string; options: any }> = [];
let brightness = 0.3;
let downloadAnswer: { statusCode: number; tempFilePath: string } | 'fail' = {
  statusCode: 200,
  tempFilePath: 'wxfile://photo-41.jpg',
};
function installDevice(): void {
  const w = (globalThis as any).wx;
  w.getScreenBrightness = (o: any) => {
    device.push({ api: 'getScreenBrightness', options: o });
    setTimeout(() => o.success({ value: brightness }), 0);
  };
  w.setScreenBrightness = (o: any) => {
    device.push({ api: 'setScreenBrightness', options: o });
    brightness = o.value;
  };
  w.setKeepScreenOn = (o: any) => device.push({ api: 'setKeepScreenOn', options: o });
  w.downloadFile = (o: any) => {
    device.push({ api: 'downloadFile', options: o });
    setTimeout(() => (downloadAnswer === 'fail' ? o.fail({}) : o.success(downloadAnswer)), 0);
  };
}
const deviceCalls = (api: string) => device.filter((c) => c.api === api).map((c) => c.options);

const tokenCalls = () =>
  fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/me/card/qr-token'));

const card = (over: Record<string, unknown> = {}) => ({
  data: {
    cardNumber: '**********1234',
    status: 'active',
    category: 'veteran',
    holderName: '赵**',
    issuedAt: '2026-05-10T09:00:00.000+08:00',
    history: [],
    allowedActions: ['report_lost'],
    photoFileId: 41,
    ...over,
  },
});

function serveTokens() {
  let n = 0;
  fakeWx().routes.set('POST /api/v1/me/card/qr-token', () => {
    n += 1;
    return { data: { token: `q1.1.token-${n}.abc.signature`, expiresAt: new Date(Date.now() + 60_000).toISOString() } };
  });
}

async function show(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  (comp.instance as any).onShow();
  await tick();
  return comp;
}

describe('我的优待证 at the counter', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick'] });
    fakeWx().reset();
    device.length = 0;
    brightness = 0.3;
    downloadAnswer = { statusCode: 200, tempFilePath: 'wxfile://photo-41.jpg' };
    installDevice();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({ data: { items: [], nextCursor: null } }));
  });
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('brightens the screen only after reading its brightness, keeps it on, and puts both back when hidden or left', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeTruthy();
    expect(device.map((c) => c.api).filter((a) => a !== 'downloadFile')).toEqual([
      'setKeepScreenOn',
      'getScreenBrightness',
      'setScreenBrightness',
    ]);
    expect(deviceCalls('setKeepScreenOn')).toEqual([{ keepScreenOn: true }]);
    expect(deviceCalls('setScreenBrightness')).toEqual([{ value: 1 }]);

    (comp.instance as any).onHide();
    expect(deviceCalls('setScreenBrightness')).toEqual([{ value: 1 }, { value: 0.3 }]);
    expect(deviceCalls('setKeepScreenOn')).toEqual([{ keepScreenOn: true }, { keepScreenOn: false }]);
    expect(jest.getTimerCount()).toBe(0);

    // Shown again: bright again, from the brightness the holder has now; then left for good.
    (comp.instance as any).onShow();
    await tick();
    expect(deviceCalls('setScreenBrightness')).toEqual([{ value: 1 }, { value: 0.3 }, { value: 1 }]);
    (comp.instance as any).onUnload();
    expect(deviceCalls('setScreenBrightness').pop()).toEqual({ value: 0.3 });
    expect(deviceCalls('setKeepScreenOn').pop()).toEqual({ keepScreenOn: false });
  });

  it('leaves the brightness alone when the page is left before the phone says what it is', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const w = (globalThis as any).wx;
    let answer: (() => void) | null = null;
    w.getScreenBrightness = (o: any) => {
      device.push({ api: 'getScreenBrightness', options: o });
      answer = () => o.success({ value: 0.3 });
    };
    const comp = await show();
    (comp.instance as any).onHide();
    answer!();
    expect(deviceCalls('setScreenBrightness')).toEqual([]);
  });

  it('does not brighten for a card that shows no code', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card({ status: 'reported_lost', allowedActions: [] }));
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(deviceCalls('setScreenBrightness')).toEqual([]);
    expect(deviceCalls('setKeepScreenOn')).toEqual([]);
  });

  it('counts down to the next code, refreshes by itself when it runs out, and at once with 刷新', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    // The code is replaced 10 s before its minute is up.
    expect(textOf(comp, '.countdown-seconds')).toBe('50');
    expect(textOf(comp, '.countdown')).toContain('秒后自动换新码');
    await tick(20_000);
    expect(Number(textOf(comp, '.countdown-seconds'))).toBeLessThanOrEqual(30);
    expect(Number(textOf(comp, '.countdown-seconds'))).toBeGreaterThanOrEqual(29);
    expect(tokenCalls()).toHaveLength(1);
    await tick(30_000);
    expect(tokenCalls()).toHaveLength(2);
    expect(Number(textOf(comp, '.countdown-seconds'))).toBeGreaterThanOrEqual(49);

    expect(lookOf(comp, '.refresh')).toBe('secondary');
    comp.querySelector('.refresh')!.dispatchEvent('press');
    await tick();
    expect(tokenCalls()).toHaveLength(3);
    expect(textOf(comp, '.countdown-seconds')).toBe('50');
    // One timer for the next code and one for the countdown: a refresh does not pile them up.
    expect(jest.getTimerCount()).toBe(2);
    (comp.instance as any).onHide();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('after a failed refresh, 刷新 stays to try again', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    fakeWx().routes.set('POST /api/v1/me/card/qr-token', () => 'fail');
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(textOf(comp, '.qr-error')).toBe('网络不可用，请检查网络后重试');
    expect(deviceCalls('setScreenBrightness')).toEqual([]);
    serveTokens();
    comp.querySelector('.refresh')!.dispatchEvent('press');
    await tick();
    expect(comp.querySelector('.qr')).toBeTruthy();
    expect(comp.querySelector('.qr-error')).toBeFalsy();
    (comp.instance as any).onUnload();
  });

  it('shows the holder’s own photo beside the code, fetched once with their login', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    expect(comp.querySelector('.holder-photo')!.dom!.tagName.toLowerCase()).toBe('wx-image');
    expect(comp.querySelector('.holder-photo-empty')).toBeFalsy();
    expect((comp.instance as any).data.photoPath).toBe('wxfile://photo-41.jpg');
    expect(textOf(comp, '.holder-caption')).toBe('赵**');
    const downloads = deviceCalls('downloadFile');
    expect(downloads).toHaveLength(1);
    expect(downloads[0].url).toMatch(/\/api\/v1\/files\/41$/);
    expect(downloads[0].header).toEqual({ Authorization: 'Bearer t' });

    (comp.instance as any).onHide();
    (comp.instance as any).onShow();
    await tick();
    expect(deviceCalls('downloadFile')).toHaveLength(1);
    (comp.instance as any).onUnload();
  });

  it('says so in words when the photo cannot be shown, and still shows the code', async () => {
    downloadAnswer = { statusCode: 404, tempFilePath: '' };
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    expect(textOf(comp, '.holder-photo-empty')).toBe('照片暂不能显示');
    expect(comp.querySelector('.qr')).toBeTruthy();
    (comp.instance as any).onUnload();
  });

  it('挂失 is a destructive button that asks first; declining changes nothing', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    expect(lookOf(comp, '.report-lost')).toBe('danger');
    expect(lookOf(comp, '.exchange')).toBe('secondary');
    fakeWx().on('showModal', (o) => o.success({ confirm: false, cancel: true }));
    comp.querySelector('.report-lost')!.dispatchEvent('press');
    await tick();
    const modal = fakeWx().calls.find((c) => c.api === 'showModal')!.options;
    expect(modal.title).toBe('挂失优待证');
    expect(modal.confirmText).toBe('挂失');
    expect(
      fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/report-lost')),
    ).toHaveLength(0);
    expect(comp.querySelector('.qr')).toBeTruthy();
    (comp.instance as any).onUnload();
  });

  it('puts the brightness back when the card is reported lost', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    fakeWx().routes.set('POST /api/v1/me/card/report-lost', () =>
      card({ status: 'reported_lost', allowedActions: [] }),
    );
    serveTokens();
    const comp = await show();
    fakeWx().on('showModal', (o) => o.success({ confirm: true, cancel: false }));
    comp.querySelector('.report-lost')!.dispatchEvent('press');
    await tick();
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(deviceCalls('setScreenBrightness')).toEqual([{ value: 1 }, { value: 0.3 }]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
