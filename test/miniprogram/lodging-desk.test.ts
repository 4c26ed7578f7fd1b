import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/merchant-portal/pages/lodging-desk/lodging-desk');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const row = (over: Record<string, unknown> = {}) => ({
  id: 5,
  night: '2027-03-12',
  guestKind: 'serving_soldier',
  guestName: '李卫国',
  phone: '13900002222',
  deskChecksProof: true,
  status: 'booked',
  statusText: '已预订',
  allowedActions: ['check_in', 'no_show', 'cancel'],
  ...over,
});
const list = (items: unknown[], night: string | null = '2027-03-12') => ({
  data: { hotelId: 3, hotelName: '拥军酒店（军人驿站）', night, items },
});

describe('驿站前台', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['holder', 'merchant_owner'], via: 'wechat' });
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true, cancel: false }), 0));
  });

  it('lists tonight’s guests with the phone, says whose papers to check, and confirms a stay', async () => {
    let checked = false;
    fakeWx().routes.set('GET /api/v1/lodging/desk/bookings', () =>
      list([
        checked ? row({ status: 'checked_in', statusText: '已入住', allowedActions: [] }) : row(),
        row({
          id: 6,
          guestName: '张秀英',
          guestKind: 'family',
          deskChecksProof: false,
          allowedActions: ['check_in', 'cancel'],
        }),
      ]),
    );
    fakeWx().routes.set('POST /api/v1/lodging/desk/bookings/5/check-in', () => {
      checked = true;
      return { data: row({ status: 'checked_in' }) };
    });
    const comp = await openPage(pageId);
    expect(String(requests('GET', '/api/v1/lodging/desk/bookings')[0].options.url)).toMatch(
      /\?night=\d{4}-\d{2}-\d{2}$/,
    );
    expect(texts(comp, '.guest')).toEqual(['现役军人 李卫国', '军人家属 张秀英']);
    expect(texts(comp, '.phone')[0]).toBe('电话：13900002222');
    expect(texts(comp, '.check-proof')).toEqual(['请查验军官证、士兵证或军属证明']);
    expect(comp.querySelectorAll('.no-show')).toHaveLength(1);

    comp.querySelector('.check-in')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/api/v1/lodging/desk/bookings/5/check-in')).toHaveLength(1);
    expect(texts(comp, '.status')[0]).toBe('已入住');
  });

  it('shows the nights ahead without a night in the query, and the server’s refusal of a step', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/desk/bookings', (o) =>
      String(o.url).indexOf('night=') >= 0 ? list([]) : list([row({ phone: '*******2222', guestName: '李**' })], null),
    );
    fakeWx().routes.set('POST /api/v1/lodging/desk/bookings/5/no-show', () => ({
      statusCode: 409,
      data: { error: { code: 'TOO_EARLY', message: '入住当晚 18:00 后才能标记未入住' } },
    }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('今晚没有驿站预订');
    comp.querySelector('.tab-upcoming')!.dispatchEvent('tap');
    await flush(10);
    expect(texts(comp, '.phone')).toEqual(['电话：*******2222']);
    comp.querySelector('.no-show')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal')).toHaveLength(1);
    expect(comp.querySelector('.action-error')!.dom!.textContent).toBe('入住当晚 18:00 后才能标记未入住');
  });
});
