import { config } from '../../miniprogram/config';
import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/appeals/pages/new/new');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const identity = {
  name: '张三',
  idNumberMasked: '**************002X',
  phoneMasked: '*******5678',
  category: 'veteran',
  verified: true,
};
const me = (withIdentity = true) => ({
  data: { id: 7, displayName: '微信用户', roles: ['holder'], identity: withIdentity ? identity : null },
});
const categories = {
  appeal: ['待遇保障', '安置就业', '优待证', '法律纠纷', '生活困难', '商户投诉', '其他'],
  errand: ['代取证件', '代办手续', '代缴费用', '其他'],
};
const stations = {
  items: [
    { id: 2, name: '和平里服务站', district: { id: 1, name: '东城区' }, address: '和平里大街 1 号', phone: null },
    { id: 3, name: '东四服务站', district: { id: 1, name: '东城区' }, address: '东四北大街 9 号', phone: null },
  ],
  nextCursor: null,
};
/** What the server answers a filed appeal with (only `id` matters here). */
const filed = (id: number) => ({ statusCode: 201, data: { id, status: 'submitted' } });

/** The confirm before sending answers `confirm`; what it was asked is kept. */
let modals: any[];
function answerModal(confirm: boolean) {
  modals = [];
  fakeWx().on('showModal', (o) => {
    modals.push(o);
    setTimeout(() => o.success({ confirm, cancel: !confirm }), 0);
  });
}

/** The next wx.chooseMedia picks these files; uploads answer with ids from 31. */
function pick(...paths: string[]) {
  fakeWx().on('chooseMedia', (o) =>
    setTimeout(() => o.success({ tempFiles: paths.map((p) => ({ tempFilePath: p })) }), 0),
  );
}
function serveUploads() {
  let next = 31;
  fakeWx().routes.set('UPLOAD /api/v1/files', () => ({
    statusCode: 201,
    data: { id: next++, purpose: 'document', size: 90000, mime: 'image/jpeg' },
  }));
}

const tap = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('tap');
  await flush(2);
};
const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};
const type = async (comp: Rendered, value: string) => {
  comp.querySelector('#text')!.dispatchEvent('input', { detail: { value } });
  await flush(1);
};

/** Chooses 诉求 or 代办, a category and writes the text. */
async function fill(comp: Rendered, kind: 'appeal' | 'errand', category: string, text: string) {
  await tap(comp, `.kind-${kind}`);
  const i = (kind === 'appeal' ? categories.appeal : categories.errand).indexOf(category);
  comp.querySelectorAll('.category')[i].dispatchEvent('tap');
  await flush(1);
  await type(comp, text);
}

describe('反映诉求 / 请人代办', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/appeals/categories', () => ({ data: categories }));
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/stations', () => ({ data: stations }));
    answerModal(true);
  });

  it('offers the two kinds with a line each; a kind shows its own categories; the text has a counter', async () => {
    const comp = await openPage(pageId);
    expect(texts(comp, '.kind-label')).toEqual(['反映诉求', '请人代办']);
    expect(texts(comp, '.kind-hint')[1]).toContain('跑腿');
    expect(comp.querySelector('.category')).toBeFalsy();

    await tap(comp, '.kind-errand');
    expect(texts(comp, '.category')).toEqual(categories.errand);
    comp.querySelectorAll('.category')[3].dispatchEvent('tap'); // 其他, in both kinds
    await flush(1);
    comp.querySelectorAll('.category')[0].dispatchEvent('tap');
    await flush(1);
    expect(textOf(comp, '.category.chosen')).toBe('代取证件');
    // A category of the other kind does not carry over.
    await tap(comp, '.kind-appeal');
    expect(texts(comp, '.category')).toEqual(categories.appeal);
    expect(comp.querySelector('.category.chosen')).toBeFalsy();
    expect(comp.querySelector('.kind-appeal')!.dom!.className).toContain('chosen');

    expect(textOf(comp, '.counter')).toBe('0/1000 字');
    await type(comp, '低保的事想问一下');
    expect(textOf(comp, '.counter')).toBe('8/1000 字');
  });

  it('opened for an errand (a link with ?kind=errand), it starts with the errand’s categories', async () => {
    const comp = await openPage(pageId, { kind: 'errand' });
    expect(comp.querySelector('.kind-errand')!.dom!.className).toContain('chosen');
    expect(texts(comp, '.category')).toEqual(categories.errand);
    expect(calls('setNavigationBarTitle').map((c) => c.options.title)).toEqual(['请人代办']);
  });

  it('checks the form on the phone: kind, category and a text of at least 5 characters; nothing is sent', async () => {
    const comp = await openPage(pageId);
    await press(comp, '.submit');
    expect(textOf(comp, '.kind-error')).toBe('请选择反映诉求还是请人代办');
    expect(textOf(comp, '.text-error')).toContain('至少 5 个字');

    await tap(comp, '.kind-appeal');
    await press(comp, '.submit');
    expect(comp.querySelector('.kind-error')).toBeFalsy();
    expect(textOf(comp, '.category-error')).toBe('请选择类别');
    comp.querySelectorAll('.category')[0].dispatchEvent('tap');
    await type(comp, '  补贴  ');
    await press(comp, '.submit');
    expect(comp.querySelector('.kind-error')).toBeFalsy();
    expect(comp.querySelector('.category-error')).toBeFalsy();
    expect(textOf(comp, '.text-error')).toContain('至少 5 个字');
    expect(modals).toHaveLength(0);
    expect(requests('POST', '/api/v1/appeals')).toHaveLength(0);
  });

  it('files it after a confirm: kind, category, trimmed text, the photos kept and the contact time; asks about notices from the tap; opens its page', async () => {
    config.templateIds.service_notice = 'tmpl-service';
    try {
      serveUploads();
      let sent: any = null;
      fakeWx().routes.set('POST /api/v1/appeals', (o) => {
        sent = o.data;
        return filed(41);
      });
      fakeWx().on('requestSubscribeMessage', (o) => setTimeout(() => o.success({ 'tmpl-service': 'accept' }), 0));
      fakeWx().routes.set('POST /api/v1/me/subscriptions', () => ({ data: { grants: {} } }));
      const comp = await openPage(pageId);
      await fill(comp, 'errand', '代取证件', '  请帮我到区里取回退役证，我腿脚不便。  ');

      pick('wxfile://a.jpg', 'wxfile://b.jpg', 'wxfile://c.jpg');
      await press(comp, '.add-files');
      expect(calls('uploadFile').map((c) => c.options.formData.purpose)).toEqual(['document', 'document', 'document']);
      expect(comp.querySelectorAll('.file-image')).toHaveLength(3);
      comp.querySelectorAll('.remove-file')[1].dispatchEvent('tap');
      await flush(1);
      expect(comp.querySelectorAll('.file-image')).toHaveLength(2);
      await tap(comp, '.contact-morning');

      await press(comp, '.submit');
      expect(modals).toHaveLength(1);
      expect(modals[0].title).toBe('提交代办');
      expect(modals[0].content).toContain('代取证件');
      expect(sent).toEqual({
        kind: 'errand',
        category: '代取证件',
        text: '请帮我到区里取回退役证，我腿脚不便。',
        contactTime: 'morning',
        fileIds: [31, 33],
      });
      expect(calls('requestSubscribeMessage')[0].options.tmplIds).toEqual(['tmpl-service']);
      // Asked before the appeal was sent: WeChat shows the prompt only from the tap.
      const order = fakeWx().calls.map((c) => (c.api === 'request' ? `${c.options.method} ${c.options.url}` : c.api));
      expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(
        order.findIndex((c) => c.startsWith('POST') && c.endsWith('/api/v1/appeals')),
      );
      expect(calls('redirectTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/detail/detail?id=41']);
    } finally {
      config.templateIds.service_notice = '';
    }
  });

  it('takes up to nine photos: WeChat is asked for what room is left, and the button goes at nine', async () => {
    serveUploads();
    const comp = await openPage(pageId);
    pick('wxfile://1.jpg', 'wxfile://2.jpg');
    await press(comp, '.add-files');
    pick(...Array.from({ length: 8 }, (_, i) => `wxfile://more-${i}.jpg`));
    await press(comp, '.add-files');
    expect(calls('chooseMedia').map((c) => c.options.count)).toEqual([9, 7]);
    expect(comp.querySelectorAll('.file-image')).toHaveLength(9);
    expect(calls('uploadFile')).toHaveLength(9);
    expect(comp.querySelector('.add-files')).toBeFalsy();
  });

  it('a PDF from a WeChat chat is uploaded as a document, shown by its name and opened in the viewer', async () => {
    serveUploads();
    const chosen: any[] = [];
    (globalThis as any).wx.chooseMessageFile = (o: any) => {
      chosen.push(o);
      setTimeout(
        () => o.success({ tempFiles: [{ path: 'wxfile://notice.pdf', name: '补贴通知.pdf', size: 1000 }] }),
        0,
      );
    };
    let sent: any = null;
    fakeWx().routes.set('POST /api/v1/appeals', (o) => {
      sent = o.data;
      return filed(44);
    });
    try {
      const comp = await openPage(pageId);
      pick('wxfile://a.jpg');
      await press(comp, '.add-files');
      await press(comp, '.add-pdfs');
      expect(chosen[0]).toMatchObject({ count: 8, type: 'file', extension: ['pdf'] });
      expect(calls('uploadFile').map((c) => [c.options.filePath, c.options.formData.purpose])).toEqual([
        ['wxfile://a.jpg', 'document'],
        ['wxfile://notice.pdf', 'document'],
      ]);
      expect(textOf(comp, '.pdf-name')).toBe('补贴通知.pdf');
      comp.querySelector('.file-pdf')!.dispatchEvent('tap');
      await flush(1);
      expect(calls('openDocument')[0].options).toMatchObject({ filePath: 'wxfile://notice.pdf', fileType: 'pdf' });

      await fill(comp, 'appeal', '待遇保障', '补贴通知上的金额和到账的不一样。');
      await press(comp, '.submit');
      expect(sent.fileIds).toEqual([31, 32]);
    } finally {
      delete (globalThis as any).wx.chooseMessageFile;
    }
  });

  it('a file that cannot be uploaded says so and keeps the ones before it', async () => {
    let n = 0;
    fakeWx().routes.set('UPLOAD /api/v1/files', () =>
      ++n === 1
        ? { statusCode: 201, data: { id: 31, purpose: 'document', size: 90000, mime: 'image/jpeg' } }
        : {
            statusCode: 415,
            data: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只能上传 JPEG 或 PNG 图片' } },
          },
    );
    const comp = await openPage(pageId);
    pick('wxfile://1.jpg', 'wxfile://2.gif');
    await press(comp, '.add-files');
    expect(comp.querySelectorAll('.file-image')).toHaveLength(1);
    expect(textOf(comp, '.files-error')).toBe('材料没能上传：只能上传 JPEG 或 PNG 图片');
  });

  it('sends nothing when the confirm is declined', async () => {
    answerModal(false);
    fakeWx().routes.set('POST /api/v1/appeals', () => filed(41));
    const comp = await openPage(pageId);
    await fill(comp, 'appeal', '生活困难', '老伴住院，医药费负担很重。');
    await press(comp, '.submit');
    expect(modals).toHaveLength(1);
    expect(requests('POST', '/api/v1/appeals')).toHaveLength(0);
    expect(calls('redirectTo')).toHaveLength(0);
  });

  it('without a registered identity: says so first, and 提交 sends nothing; the button leads to 我的', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(false));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.identity-missing .title')).toBe('请先登记身份信息');
    await fill(comp, 'appeal', '生活困难', '老伴住院，医药费负担很重。');
    await press(comp, '.submit');
    expect(modals).toHaveLength(0);
    expect(requests('POST', '/api/v1/appeals')).toHaveLength(0);
    await press(comp, '.open-me');
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/pages/me/me']);

    // Registered there: back on the form, it can be sent.
    fakeWx().routes.set('GET /api/v1/me', () => me(true));
    fakeWx().routes.set('POST /api/v1/appeals', () => filed(45));
    (comp.instance as any).onShow();
    await flush(10);
    expect(comp.querySelector('.identity-missing')).toBeFalsy();
    await press(comp, '.submit');
    expect(requests('POST', '/api/v1/appeals')).toHaveLength(1);
  });

  it('IDENTITY_REQUIRED from the server reads clearly and leads to registering the identity', async () => {
    fakeWx().routes.set('POST /api/v1/appeals', () => ({
      statusCode: 409,
      data: { error: { code: 'IDENTITY_REQUIRED', message: '请先在“我的”中登记身份信息，再提交诉求或代办' } },
    }));
    const comp = await openPage(pageId);
    await fill(comp, 'appeal', '待遇保障', '抚恤金这个月没有到账。');
    await press(comp, '.submit');
    expect(textOf(comp, '.submit-error')).toBe('请先在“我的”中登记身份信息，再提交诉求或代办');
    expect(comp.querySelector('.open-list')).toBeFalsy();
    await press(comp, '.submit-open-me');
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/pages/me/me']);
    expect(calls('redirectTo')).toHaveLength(0);
  });

  it('LIMIT_REACHED reads clearly and leads to the appeals already filed', async () => {
    fakeWx().routes.set('POST /api/v1/appeals', () => ({
      statusCode: 409,
      data: { error: { code: 'LIMIT_REACHED', message: '每人每天最多提交 5 件诉求或代办，请明天再提交' } },
    }));
    const comp = await openPage(pageId);
    await fill(comp, 'appeal', '待遇保障', '抚恤金这个月没有到账。');
    await press(comp, '.submit');
    expect(textOf(comp, '.submit-error')).toBe('每人每天最多提交 5 件诉求或代办，请明天再提交');
    expect(comp.querySelector('.submit-open-me')).toBeFalsy();
    await press(comp, '.open-list');
    expect(calls('redirectTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/list/list']);
  });

  it('a server check on a field shows beside it', async () => {
    fakeWx().routes.set('POST /api/v1/appeals', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'FILE_NOT_ATTACHABLE',
          message: '附件须为您本人上传的材料文件（用途 document）',
          details: [{ field: 'fileIds', message: '附件须为您本人上传的材料文件（用途 document）' }],
        },
      },
    }));
    const comp = await openPage(pageId);
    await fill(comp, 'appeal', '其他', '想咨询一下优待政策。');
    await press(comp, '.submit');
    expect(textOf(comp, '.files-error')).toBe('附件须为您本人上传的材料文件（用途 document）');
    expect(comp.querySelector('.submit-error')).toBeFalsy();
  });

  it('a holder whose station is not known chooses one when asked, and it is sent', async () => {
    const bodies: any[] = [];
    fakeWx().routes.set('POST /api/v1/appeals', (o) => {
      bodies.push(o.data);
      if (!o.data.stationId)
        return {
          statusCode: 400,
          data: {
            error: {
              code: 'VALIDATION_FAILED',
              message: '请选择受理的服务站',
              details: [{ field: 'stationId', message: '请选择受理的服务站' }],
            },
          },
        };
      return filed(42);
    });
    const comp = await openPage(pageId);
    expect(comp.querySelector('#station')).toBeFalsy();
    await fill(comp, 'appeal', '安置就业', '想找一份保安的工作。');
    await press(comp, '.submit');
    expect(textOf(comp, '.station-error')).toBe('请选择受理的服务站');
    expect(comp.querySelector('#station')).toBeTruthy();

    // Sent again without choosing: the phone asks first.
    await press(comp, '.submit');
    expect(bodies).toHaveLength(1);
    (comp.instance as any).onStationChange({ detail: { value: '1' } });
    await flush(1);
    await press(comp, '.submit');
    expect(bodies[1]).toMatchObject({ kind: 'appeal', category: '安置就业', stationId: 3 });
    expect(calls('redirectTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/detail/detail?id=42']);
  });

  it('says so when the categories cannot be loaded, and loads again', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/categories', () => 'fail');
    const comp = await openPage(pageId);
    expect(textOf(comp, '.load-error')).toContain('网络不可用');
    fakeWx().routes.set('GET /api/v1/appeals/categories', () => ({ data: categories }));
    comp.querySelector('.load-error')!.dispatchEvent('action');
    await flush(10);
    expect(comp.querySelector('.load-error')).toBeFalsy();
    expect(texts(comp, '.kind-label')).toEqual(['反映诉求', '请人代办']);
  });
});
