import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/lodging/pages/book/book');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const hotel = (free = 1) => ({
  data: {
    id: 3,
    name: '拥军酒店（军人驿站）',
    address: '杭州市上城区拥军路 29 号',
    dailyQuota: 2,
    rules: '每人每晚一间',
    nights: [{ night: '2027-03-12', free }],
  },
});

const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};
const tap = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('tap');
  await flush(2);
};
const input = async (comp: Rendered, selector: string, value: string) => {
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await flush(1);
};
const open = () => openPage(pageId, { hotelId: '3', night: '2027-03-12' });

describe('预订军人驿站', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/lodging/hotels/3', () => hotel());
  });

  it('shows the hotel and night, and says what is missing before sending anything', async () => {
    const comp = await open();
    expect(textOf(comp, '.hotel-name')).toBe('拥军酒店（军人驿站）');
    expect(textOf(comp, '.night')).toBe('3月12日 周五');
    await press(comp, '.submit');
    expect(textOf(comp, '.kind-error')).toBe('请选择入住人是现役军人本人还是家属');
    expect(textOf(comp, '.name-error')).toBe('请填写入住人姓名');
    expect(textOf(comp, '.phone-error')).toBe('请填写 11 位手机号码');
    expect(requests('POST', '/api/v1/lodging/bookings')).toHaveLength(0);
  });

  it('books with the proof photo uploaded as a private document, then opens 我的预订', async () => {
    fakeWx().on('chooseMedia', (o) =>
      setTimeout(() => o.success({ tempFiles: [{ tempFilePath: 'wxfile://proof.jpg' }] }), 0),
    );
    fakeWx().routes.set('UPLOAD /api/v1/files', () => ({
      statusCode: 201,
      data: { id: 77, purpose: 'document', size: 90000, mime: 'image/jpeg' },
    }));
    fakeWx().routes.set('POST /api/v1/lodging/bookings', () => ({
      statusCode: 201,
      data: { id: 5, status: 'booked' },
    }));
    const comp = await open();
    await tap(comp, '.kind-family');
    await input(comp, '.name-input', '张秀英');
    await input(comp, '.phone-input', '13900002222');
    await press(comp, '.choose-proof');
    expect(calls('uploadFile')[0].options.formData).toEqual({ purpose: 'document' });
    expect(comp.querySelector('.remove-proof')).toBeTruthy();
    await press(comp, '.submit');
    expect(requests('POST', '/api/v1/lodging/bookings')[0].options.data).toEqual({
      hotelId: 3,
      night: '2027-03-12',
      guestKind: 'family',
      guestName: '张秀英',
      phone: '13900002222',
      proofFileId: 77,
    });
    expect(calls('redirectTo')[0].options.url).toBe('/packages/lodging/pages/bookings/bookings');
  });

  it('shows the server’s refusal (the night just sold out) and stays on the form', async () => {
    fakeWx().routes.set('POST /api/v1/lodging/bookings', () => ({
      statusCode: 409,
      data: { error: { code: 'LODGING_FULL', message: '该晚的免费房间已订满，请选择其他日期或其他驿站' } },
    }));
    const comp = await open();
    await tap(comp, '.kind-serving_soldier');
    await input(comp, '.name-input', '李卫国');
    await input(comp, '.phone-input', '13900002222');
    await press(comp, '.submit');
    expect(requests('POST', '/api/v1/lodging/bookings')[0].options.data).not.toHaveProperty('proofFileId');
    expect(textOf(comp, '.submit-error')).toBe('该晚的免费房间已订满，请选择其他日期或其他驿站');
    expect(calls('redirectTo')).toHaveLength(0);
  });

  it('puts the server’s complaint about a field under that field', async () => {
    fakeWx().routes.set('POST /api/v1/lodging/bookings', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '姓名只能包含汉字、字母和间隔号',
          details: [{ field: 'guestName', message: '姓名只能包含汉字、字母和间隔号' }],
        },
      },
    }));
    const comp = await open();
    await tap(comp, '.kind-serving_soldier');
    await input(comp, '.name-input', '李卫国2');
    await input(comp, '.phone-input', '13900002222');
    await press(comp, '.submit');
    expect(textOf(comp, '.name-error')).toBe('姓名只能包含汉字、字母和间隔号');
    expect(comp.querySelector('.submit-error')).toBeFalsy();
  });

  it('says a full night is full and does not offer to book it', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/hotels/3', () => hotel(0));
    const comp = await open();
    expect(textOf(comp, '.full-note')).toBe('这一晚已订满，请返回选择其他日期。');
    expect((comp.querySelector('.submit') as any).instance.data.disabled).toBe(true);
  });
});
