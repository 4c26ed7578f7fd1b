/**
 * A fake `wx` for component tests: storage in memory, and every network or device API answered
 * by a handler the test sets. Calls are recorded so tests can check what a page asked for.
 */
type Handler = (options: any) => { data?: unknown; statusCode?: number } | void | 'fail';

export interface FakeWx {
  storage: Map<string, unknown>;
  calls: Array<{ api: string; options: any }>;
  /** `METHOD path` → answer, e.g. `GET /api/v1/me`. */
  routes: Map<string, Handler>;
  loginCodes: string[];
  on(api: string, handler: (options: any) => void): void;
  reset(): void;
}

const DEVICE_APIS = [
  'navigateTo',
  'redirectTo',
  'navigateBack',
  'switchTab',
  'reLaunch',
  'showToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'showActionSheet',
  'scanCode',
  'getLocation',
  'chooseLocation',
  'openLocation',
  'getSetting',
  'openSetting',
  'authorize',
  'chooseMedia',
  'chooseImage',
  'previewImage',
  'getImageInfo',
  'getFileSystemManager',
  'requestSubscribeMessage',
  'makePhoneCall',
  'setNavigationBarTitle',
  'vibrateShort',
  'setClipboardData',
  'stopPullDownRefresh',
  'pageScrollTo',
  'requirePrivacyAuthorize',
  'getPrivacySetting',
  'openPrivacyContract',
  'onNeedPrivacyAuthorization',
  'getScreenBrightness',
  'setScreenBrightness',
  'setKeepScreenOn',
  'canvasToTempFilePath',
  'compressImage',
  'openDocument',
  'downloadFile',
  'setStorage',
  'getStorage',
];

export function installFakeWx(): FakeWx {
  const apiHandlers = new Map<string, (options: any) => void>();
  const fake: FakeWx = {
    storage: new Map(),
    calls: [],
    routes: new Map(),
    loginCodes: [],
    on: (api, handler) => apiHandlers.set(api, handler),
    reset() {
      fake.storage.clear();
      fake.calls.length = 0;
      fake.routes.clear();
      fake.loginCodes.length = 0;
      apiHandlers.clear();
    },
  };
  const record = (api: string, options: any) => fake.calls.push({ api, options });
  const wx: Record<string, unknown> = {
    getStorageSync: (k: string) => (fake.storage.has(k) ? fake.storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void fake.storage.set(k, JSON.parse(JSON.stringify(v))),
    removeStorageSync: (k: string) => void fake.storage.delete(k),
    request: (options: any) => {
      record('request', options);
      const path = String(options.url)
        .replace(/^https?:\/\/[^/]+/, '')
        .split('?')[0];
      const handler = fake.routes.get(`${options.method ?? 'GET'} ${path}`);
      setTimeout(() => {
        if (!handler)
          return options.success?.({
            statusCode: 404,
            data: { error: { code: 'NOT_FOUND', message: '未找到该接口' } },
          });
        const answer = handler(options);
        if (answer === 'fail') return options.fail?.({ errMsg: 'request:fail' });
        options.success?.({ statusCode: answer?.statusCode ?? 200, data: answer?.data ?? {} });
      }, 0);
    },
    uploadFile: (options: any) => {
      record('uploadFile', options);
      const handler = fake.routes.get(`UPLOAD ${String(options.url).replace(/^https?:\/\/[^/]+/, '')}`);
      setTimeout(() => {
        const answer = handler?.(options) ?? {
          statusCode: 404,
          data: { error: { code: 'NOT_FOUND', message: '未找到' } },
        };
        if (answer === 'fail') return options.fail?.({ errMsg: 'uploadFile:fail' });
        options.success?.({ statusCode: answer.statusCode ?? 200, data: JSON.stringify(answer.data ?? {}) });
      }, 0);
    },
    // Synchronous facts about the device and build: a standard phone, standard text, a develop build.
    getAppBaseInfo: () => ({ fontSizeSetting: 17, fontSizeScaleFactor: 1, SDKVersion: '3.6.0' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 724, pixelRatio: 2 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
    login: (options: any) => {
      record('login', options);
      const code = fake.loginCodes.shift();
      setTimeout(() => (code ? options.success?.({ code }) : options.fail?.({ errMsg: 'login:fail' })), 0);
    },
  };
  // Everything else (toast, navigation, scanCode, location, subscribe messages…): recorded, and
  // answered by a handler the test registered with `on`, else a plain success. They are own
  // properties so that miniprogram-simulate, which merges its own `wx` with ours, keeps them.
  for (const api of DEVICE_APIS) {
    wx[api] = (options: any = {}) => {
      record(api, options);
      const handler = apiHandlers.get(api);
      if (handler) return handler(options);
      setTimeout(() => {
        options.success?.({});
        options.complete?.({});
      }, 0);
      return undefined;
    };
  }
  (globalThis as any).wx = wx;
  return fake;
}
