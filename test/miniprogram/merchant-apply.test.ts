import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, openPage, requests, textOf, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/apply/apply'), { rootPath: root });

const VALID = '91350100M000100Y43';

const categories = {
  data: {
    items: [
      { id: 1, name: '衣', sort: 1 },
      { id: 2, name: '食', sort: 2 },
    ],
    nextCursor: null,
  },
};

const application = (over: Record<string, unknown> = {}) => ({
  id: 40,
  name: '老兵面馆',
  licenseNo: VALID,
  licenseFileId: 8,
  categoryId: 2,
  address: '杭州市上城区拥军路 1 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-86000000',
  intro: null,
  status: 'pending',
  reason: null,
  upheldComplaints: 0,
  ownerAccountId: 7,
  createdAt: '2026-11-20T10:00:00.000+08:00',
  reviewedAt: null,
  categoryName: '食',
  history: [],
  ...over,
});

const type = (comp: Rendered, selector: string, value: string) =>
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

async function open(mine: unknown = null) {
  fakeWx().routes.set('GET /api/v1/merchant-categories', () => categories);
  fakeWx().routes.set('GET /api/v1/merchant-applications/mine', () => ({ data: { application: mine } }));
  return openPage(pageId);
}

function pickLocation() {
  fakeWx().on('chooseLocation', (o) =>
    setTimeout(
      () =>
        o.success({
          name: '老兵面馆',
          address: '浙江省杭州市上城区拥军路 1 号',
          latitude: 30.2741234,
          longitude: 120.1551234,
        }),
      0,
    ),
  );
}

function pickPhoto() {
  fakeWx().on('chooseMedia', (o) =>
    setTimeout(() => o.success({ tempFiles: [{ tempFilePath: 'wxfile://licence.jpg' }] }), 0),
  );
  fakeWx().routes.set('UPLOAD /api/v1/files', () => ({ statusCode: 201, data: { id: 55 } }));
}

describe('商户申请加入联盟', () => {
  beforeEach(() => asHolder());

  it('sends the shop, its place from the map, the licence code and the licence photo, then shows the progress', async () => {
    pickLocation();
    pickPhoto();
    fakeWx().routes.set('POST /api/v1/merchant-applications', () => ({ statusCode: 201, data: application() }));
    const comp = await open();

    type(comp, '.name-input', '老兵面馆');
    comp.querySelector('.category-select')!.dispatchEvent('change', { detail: { value: 1 } });
    comp.querySelector('.choose-location')!.dispatchEvent('press');
    await flush();
    expect(calls('requirePrivacyAuthorize').length).toBeGreaterThan(0);
    expect(textOf(comp, '.location-text')).toBe('老兵面馆');
    type(comp, '.phone-input', '0571-86000000');
    type(comp, '.licence-input', VALID.toLowerCase());
    comp.querySelector('.choose-photo')!.dispatchEvent('press');
    await flush();
    const up = calls('uploadFile')[0].options;
    expect(up.formData).toEqual({ purpose: 'document' });
    expect(up.filePath).toBe('wxfile://licence.jpg');

    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/merchant-applications')[0].options.data).toEqual({
      name: '老兵面馆',
      categoryId: 2,
      address: '浙江省杭州市上城区拥军路 1 号 老兵面馆',
      lat: 30.274123,
      lng: 120.155123,
      contactPhone: '0571-86000000',
      licenseNo: VALID,
      licenseFileId: 55,
    });
    expect(calls('redirectTo')[0].options.url).toBe('/packages/merchant-portal/pages/application/application');
  });

  it('says beside each field what is missing or wrong, the credit code’s check digit included', async () => {
    const comp = await open();
    type(comp, '.licence-input', `${VALID.slice(0, 17)}0`);
    type(comp, '.phone-input', '12345');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-name')).toContain('店名');
    expect(textOf(comp, '.err-categoryId')).toContain('经营类别');
    expect(textOf(comp, '.err-location')).toContain('地图');
    expect(textOf(comp, '.err-contactPhone')).toContain('手机号');
    expect(textOf(comp, '.err-licenseNo')).toBe('代码有误，请对照营业执照逐位核对');
    expect(textOf(comp, '.err-photo')).toBe('请上传营业执照照片');
    expect(requests('POST', '/api/v1/merchant-applications')).toHaveLength(0);

    type(comp, '.licence-input', '9135010');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-licenseNo')).toBe('统一社会信用代码是 18 位，现在是 7 位');
  });

  it('declining the privacy guide leaves the map closed, says so, and offers typing the place', async () => {
    fakeWx().on('requirePrivacyAuthorize', (o) => setTimeout(() => o.fail({}), 0));
    const comp = await open();
    comp.querySelector('.choose-location')!.dispatchEvent('press');
    await flush();
    expect(calls('chooseLocation')).toHaveLength(0);
    expect(textOf(comp, '.location-note')).toContain('未同意');
    type(comp, '.lat-input', '30.2741');
    type(comp, '.lng-input', '120.1551');
    await flush(1);
    expect((comp.instance as any).data.form).toMatchObject({ lat: 30.2741, lng: 120.1551 });
    comp.querySelector('.choose-photo')!.dispatchEvent('press');
    await flush();
    expect(calls('chooseMedia')).toHaveLength(0);
    expect(textOf(comp, '.photo-note')).toContain('未同意');
  });

  it('someone with an application waiting is taken to its progress', async () => {
    await open(application());
    expect(calls('redirectTo')[0].options.url).toBe('/packages/merchant-portal/pages/application/application');
  });

  it('after a rejection the form starts from what was sent', async () => {
    const comp = await open(application({ status: 'rejected', reason: '照片看不清' }));
    expect(calls('redirectTo')).toHaveLength(0);
    expect((comp.instance as any).data.form).toMatchObject({
      name: '老兵面馆',
      categoryId: 2,
      licenseNo: VALID,
      lat: 30.27,
    });
    expect(textOf(comp, '.category-picker')).toBe('食');
  });

  it('shows the server’s refusal beside the field it names', async () => {
    pickLocation();
    pickPhoto();
    fakeWx().routes.set('POST /api/v1/merchant-applications', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '请重新上传营业执照照片',
          details: [{ field: 'licenseFileId', message: '请重新上传营业执照照片' }],
        },
      },
    }));
    const comp = await open();
    type(comp, '.name-input', '老兵面馆');
    comp.querySelector('.category-select')!.dispatchEvent('change', { detail: { value: 0 } });
    comp.querySelector('.choose-location')!.dispatchEvent('press');
    await flush();
    type(comp, '.phone-input', '13800000000');
    type(comp, '.licence-input', VALID);
    comp.querySelector('.choose-photo')!.dispatchEvent('press');
    await flush();
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-photo')).toBe('请重新上传营业执照照片');
    expect(calls('redirectTo')).toHaveLength(0);
  });
});
