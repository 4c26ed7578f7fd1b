import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { config } from '../../miniprogram/config';
import { saveSession } from '../../miniprogram/services/session';
import { handOverPhoto } from '../../miniprogram/utils/photo-device';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const applyPage = simulate.load(path.join(root, 'packages/card/pages/apply/apply'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const requests = (method: string, url: string) =>
  fakeWx().calls.filter(
    (c) =>
      c.api === 'request' &&
      c.options.method === method &&
      String(c.options.url).replace(/^https?:\/\/[^/]+/, '') === url,
  );

const me = {
  data: {
    id: 7,
    displayName: '微信用户',
    roles: ['holder'],
    identity: {
      name: '张三',
      idNumberMasked: '**************002X',
      phoneMasked: '*******5678',
      category: 'veteran',
      verified: false,
    },
  },
};
const stations = {
  data: {
    items: [
      { id: 2, name: '和平里服务站', district: { id: 1, name: '东城区' }, address: '和平里大街 1 号', phone: null },
      { id: 3, name: '东四服务站', district: { id: 1, name: '东城区' }, address: '东四北大街 9 号', phone: null },
    ],
    nextCursor: null,
  },
};
const application = (over: Record<string, unknown> = {}) => ({
  id: 5,
  kind: 'new',
  status: 'draft',
  category: 'veteran',
  station: { id: 3, name: '东四服务站', address: '东四北大街 9 号' },
  delivery: 'pickup',
  address: null,
  photoFileId: 21,
  documentFileIds: [22],
  reason: null,
  needsInfoDeadline: null,
  submittedAt: null,
  createdAt: '2026-03-02T09:00:00.000+08:00',
  history: [],
  allowedActions: ['edit', 'submit', 'withdraw'],
  ...over,
});

async function render(pageId: string, query: Record<string, string>): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush();
  return comp;
}

/** The next wx.chooseMedia picks these files. */
const pick = (...paths: string[]) =>
  fakeWx().on('chooseMedia', (o) => o.success({ tempFiles: paths.map((p) => ({ tempFilePath: p })) }));

/**
 * The holder takes a photo (`picked`), frames it on 制作证件照 and accepts the result (`made`): the
 * form opens that page with the picked photo and, back on screen, uploads the made one.
 */
async function makePhoto(comp: Rendered, picked = 'wxfile://IMG_0001.jpg', made = 'wxfile://card-photo.jpg') {
  pick(picked);
  comp.querySelector('.choose-photo')!.dispatchEvent('press');
  await flush();
  const opened = fakeWx()
    .calls.filter((c) => c.api === 'navigateTo')
    .pop()!;
  expect(opened.options.url).toBe(`/packages/card/pages/photo/photo?src=${encodeURIComponent(picked)}`);
  handOverPhoto({ path: made, bytes: 38_912 });
  (comp.instance as any).onShow();
  await flush();
}

/** Uploads answer by purpose: the photo with `photo`, documents with increasing ids from 31. */
function serveUploads(photo: { statusCode?: number; data: unknown }) {
  let next = 31;
  fakeWx().routes.set('UPLOAD /api/v1/files', (o) =>
    o.formData.purpose === 'card_photo'
      ? photo
      : { statusCode: 201, data: { id: next++, purpose: 'document', size: 90000, mime: 'image/jpeg' } },
  );
}

describe('申请表', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/me', () => me);
    fakeWx().routes.set('GET /api/v1/stations', () => stations);
  });

  it('shows the photo rules before a photo is chosen, and the server’s list of problems on refusal', async () => {
    const comp = await render(applyPage, { category: 'veteran', d: '00000' });
    const rules = comp.querySelectorAll('.rule').map((r) => r.dom!.textContent!);
    expect(rules.join(' ')).toContain('免冠彩色正面照');
    expect(rules.join(' ')).toContain('白色或浅色背景');
    expect(rules.join(' ')).toContain('不穿军装');
    // Size and format are the app's job, and it says so.
    expect(textOf(comp, '.photo-how')).toContain('352 x 440 像素，20–50 KB');

    serveUploads({
      statusCode: 400,
      data: {
        error: {
          code: 'PHOTO_SPEC',
          message: '照片不符合优待证照片要求',
          details: [
            { rule: 'dimensions', message: '照片尺寸须为 352 x 440 像素（宽 x 高），当前为 800 x 600' },
            { rule: 'size', message: '照片大小须在 20 KB 到 50 KB 之间，当前为 120.5 KB' },
          ],
        },
      },
    });
    await makePhoto(comp, 'wxfile://big.jpg', 'wxfile://made.jpg');
    const upload = fakeWx().calls.find((c) => c.api === 'uploadFile')!;
    expect(upload.options.formData).toEqual({ purpose: 'card_photo' });
    expect(upload.options.filePath).toBe('wxfile://made.jpg');
    expect(textOf(comp, '.photo-error')).toBe('照片不符合优待证照片要求');
    expect(comp.querySelectorAll('.photo-problem').map((p) => p.dom!.textContent)).toEqual([
      '· 照片尺寸须为 352 x 440 像素（宽 x 高），当前为 800 x 600',
      '· 照片大小须在 20 KB 到 50 KB 之间，当前为 120.5 KB',
    ]);
    expect(comp.querySelector('.photo-ok')).toBeFalsy();
  });

  it('asks for an address for mail and sends nothing without one', async () => {
    serveUploads({ statusCode: 201, data: { id: 30, purpose: 'card_photo', size: 30000, mime: 'image/jpeg' } });
    const comp = await render(applyPage, { category: 'veteran', d: '00000' });
    await makePhoto(comp);
    pick('wxfile://id-front.jpg');
    comp.querySelector('.add-documents')!.dispatchEvent('press');
    await flush();
    (comp.instance as any).onStationChange({ detail: { value: '0' } });
    comp.querySelector('.delivery-mail')!.dispatchEvent('tap');
    await flush(1);
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.address-error')).toBe('选择邮寄时请填写详细收件地址');
    expect(requests('POST', '/api/v1/card-applications')).toHaveLength(0);
  });

  it('creates the draft, submits it, asks about notices and opens the application', async () => {
    config.templateIds.application_status = 'tmpl-status';
    try {
      serveUploads({ statusCode: 201, data: { id: 30, purpose: 'card_photo', size: 30000, mime: 'image/jpeg' } });
      let created: any;
      fakeWx().routes.set('POST /api/v1/card-applications', (o) => {
        created = o.data;
        return { statusCode: 201, data: application({ id: 9 }) };
      });
      fakeWx().routes.set('POST /api/v1/card-applications/9/submit', () => ({
        data: application({ id: 9, status: 'submitted' }),
      }));
      const comp = await render(applyPage, { category: 'veteran', d: '00001' });
      expect(comp.querySelector('.declarations')).toBeFalsy();

      await makePhoto(comp);
      expect(comp.querySelector('.photo-ok')).toBeTruthy();
      expect(textOf(comp, '.photo-box')).toContain('38 KB');
      pick('wxfile://id-front.jpg', 'wxfile://hukou.jpg');
      comp.querySelector('.add-documents')!.dispatchEvent('press');
      await flush();
      expect(
        fakeWx()
          .calls.filter((c) => c.api === 'uploadFile')
          .map((c) => c.options.formData.purpose),
      ).toEqual(['card_photo', 'document', 'document']);

      (comp.instance as any).onStationChange({ detail: { value: '1' } });
      comp.querySelector('.delivery-mail')!.dispatchEvent('tap');
      await flush(1);
      comp
        .querySelector('#address')!
        .dispatchEvent('input', { detail: { value: '北京市东城区东四北大街 9 号 张三 13812345678' } });
      comp.querySelector('.submit')!.dispatchEvent('press');
      await flush(10);

      expect(created).toEqual({
        kind: 'new',
        category: 'veteran',
        photoFileId: 30,
        documentFileIds: [31, 32],
        stationId: 3,
        delivery: 'mail',
        address: '北京市东城区东四北大街 9 号 张三 13812345678',
        declarations: {
          expelled: false,
          deprivedOfPoliticalRights: false,
          servingSentence: false,
          wanted: false,
          priorCriminalPunishment: true,
        },
      });
      expect(requests('POST', '/api/v1/card-applications/9/submit')).toHaveLength(1);
      expect(fakeWx().calls.find((c) => c.api === 'requestSubscribeMessage')!.options.tmplIds).toEqual(['tmpl-status']);
      expect(fakeWx().calls.find((c) => c.api === 'redirectTo')!.options.url).toBe(
        '/packages/card/pages/application/application?id=9',
      );
    } finally {
      config.templateIds.application_status = '';
    }
  });

  it('after a failed submission, trying again edits the draft instead of creating a second one', async () => {
    serveUploads({ statusCode: 201, data: { id: 30, purpose: 'card_photo', size: 30000, mime: 'image/jpeg' } });
    fakeWx().routes.set('POST /api/v1/card-applications', () => ({ statusCode: 201, data: application({ id: 9 }) }));
    fakeWx().routes.set('POST /api/v1/card-applications/9/submit', () => 'fail');
    const comp = await render(applyPage, { d: '00000' });
    await makePhoto(comp);
    pick('wxfile://id.jpg');
    comp.querySelector('.add-documents')!.dispatchEvent('press');
    await flush();
    (comp.instance as any).onStationChange({ detail: { value: '0' } });
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.submit-error')).toBe('网络不可用，请检查网络后重试');

    fakeWx().routes.set('POST /api/v1/card-applications/9', () => ({ data: application({ id: 9 }) }));
    fakeWx().routes.set('POST /api/v1/card-applications/9/submit', () => ({
      data: application({ id: 9, status: 'submitted' }),
    }));
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/api/v1/card-applications')).toHaveLength(1);
    const patch = requests('POST', '/api/v1/card-applications/9')[0];
    expect(patch.options.header['X-HTTP-Method-Override']).toBe('PATCH');
    expect(fakeWx().calls.find((c) => c.api === 'redirectTo')!.options.url).toBe(
      '/packages/card/pages/application/application?id=9',
    );
  });

  it('asks the five questions itself when it was not opened from the self-check (a reissue)', async () => {
    const comp = await render(applyPage, { kind: 'reissue' });
    expect(textOf(comp, '.title')).toBe('优待证补领');
    expect(comp.querySelectorAll('.question')).toHaveLength(5);
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.declarations-error')).toBe('请回答全部问题（是 或 否）');
    expect(textOf(comp, '.photo-error')).toBe('请上传符合要求的证件照');
    expect(textOf(comp, '.station-error')).toBe('请选择办理的服务站');
    expect(fakeWx().calls.filter((c) => c.api === 'request' && c.options.method === 'POST')).toHaveLength(0);
  });

  it('takes the original photo from camera or album and uploads nothing until a photo was made from it', async () => {
    serveUploads({ statusCode: 201, data: { id: 30, purpose: 'card_photo', size: 30000, mime: 'image/jpeg' } });
    const comp = await render(applyPage, { category: 'veteran', d: '00000' });
    pick('wxfile://IMG_0001.jpg');
    comp.querySelector('.choose-photo')!.dispatchEvent('press');
    await flush();
    const chosen = fakeWx().calls.find((c) => c.api === 'chooseMedia')!.options;
    expect(chosen).toMatchObject({ count: 1, mediaType: ['image'], sizeType: ['original'], camera: 'back' });
    expect(chosen.sourceType.sort()).toEqual(['album', 'camera']);
    // Back without accepting a photo (the holder pressed back): nothing is uploaded.
    (comp.instance as any).onShow();
    await flush();
    expect(fakeWx().calls.filter((c) => c.api === 'uploadFile')).toHaveLength(0);
    expect(comp.querySelector('.photo-ok')).toBeFalsy();
  });

  it('asks for the privacy agreement first; declining says what does not work and opens nothing', async () => {
    const w = (globalThis as any).wx;
    w.requirePrivacyAuthorize = (o: { fail: () => void }) => o.fail();
    try {
      const comp = await render(applyPage, { category: 'veteran', d: '00000' });
      comp.querySelector('.choose-photo')!.dispatchEvent('press');
      await flush();
      expect(fakeWx().calls.filter((c) => c.api === 'chooseMedia')).toHaveLength(0);
      expect(fakeWx().calls.filter((c) => c.api === 'navigateTo')).toHaveLength(0);
      expect(textOf(comp, '.photo-error')).toContain('没有同意使用相机和相册');
      comp.querySelector('.add-documents')!.dispatchEvent('press');
      await flush();
      expect(fakeWx().calls.filter((c) => c.api === 'chooseMedia')).toHaveLength(0);
      expect(textOf(comp, '.documents-error')).toContain('没有同意使用相机和相册');
      // The rest of the form still works.
      (comp.instance as any).onStationChange({ detail: { value: '0' } });
      expect((comp.instance as any).data.stationIndex).toBe(0);
    } finally {
      delete w.requirePrivacyAuthorize;
    }
  });

  it('edits an application sent back: shows why, sends a PATCH, then resubmits', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({
        status: 'needs_info',
        reason: '请补充户口簿本人页',
        needsInfoDeadline: '2026-03-20T18:00:00.000+08:00',
        allowedActions: ['edit', 'resubmit', 'withdraw'],
      }),
    }));
    let patch: any;
    fakeWx().routes.set('POST /api/v1/card-applications/5', (o) => {
      patch = { body: o.data, override: o.header['X-HTTP-Method-Override'] };
      return { data: application({ status: 'needs_info' }) };
    });
    fakeWx().routes.set('POST /api/v1/card-applications/5/submit', () => ({
      data: application({ status: 'submitted' }),
    }));
    serveUploads({ statusCode: 201, data: {} });
    const comp = await render(applyPage, { id: '5' });
    expect(textOf(comp, '.sent-back-reason')).toBe('请补充户口簿本人页');
    expect(textOf(comp, '.deadline')).toContain('2026年3月20日 18:00');
    // The reviewer's words stay in sight next to the button that resubmits.
    expect(textOf(comp, '.sent-back-reminder')).toBe('审核意见：请补充户口簿本人页');
    expect(textOf(comp, '.submit')).toBe('保存并重新提交');
    expect((comp.querySelector('.submit') as any).instance.data.look).toBe('primary');
    expect(comp.querySelector('.declarations')).toBeFalsy();
    expect((comp.instance as any).data.stationIndex).toBe(1);

    pick('wxfile://hukou-self.jpg');
    comp.querySelector('.add-documents')!.dispatchEvent('press');
    await flush();
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(patch).toEqual({
      override: 'PATCH',
      body: { photoFileId: 21, documentFileIds: [22, 31], stationId: 3, delivery: 'pickup', address: null },
    });
    expect(requests('POST', '/api/v1/card-applications/5/submit')).toHaveLength(1);
    expect(fakeWx().calls.find((c) => c.api === 'redirectTo')!.options.url).toBe(
      '/packages/card/pages/application/application?id=5',
    );
  });
});
