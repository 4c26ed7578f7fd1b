import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, type Rendered } from './harness';

const pageId = loadPage('packages/lodging/pages/hotels/hotels');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const hotel = (over: Record<string, unknown> = {}) => ({
  id: 3,
  name: '拥军酒店（军人驿站）',
  address: '杭州市上城区拥军路 29 号',
  dailyQuota: 2,
  rules: '每人每晚一间',
  nights: [
    { night: '2027-03-12', free: 2 },
    { night: '2027-03-13', free: 0 },
  ],
  ...over,
});

describe('军人驿站: the hotels', () => {
  beforeEach(() => asHolder());

  it('shows each hotel with its address, rules and free rooms per night; a free night opens the booking', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/hotels', () => ({ data: { items: [hotel()] } }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.hotel-name')).toEqual(['拥军酒店（军人驿站）']);
    expect(texts(comp, '.hotel-address')).toEqual(['地址：杭州市上城区拥军路 29 号']);
    expect(texts(comp, '.night-date')).toEqual(['3月12日 周五', '3月13日 周六']);
    expect(texts(comp, '.night-free-text')).toEqual(['空 2 间', '已满']);

    // A full night does nothing; a free one opens the form for that hotel and night.
    comp.querySelectorAll('.night')[1].dispatchEvent('tap');
    await flush(1);
    expect(calls('navigateTo')).toHaveLength(0);
    comp.querySelectorAll('.night')[0].dispatchEvent('tap');
    await flush(1);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/lodging/pages/book/book?hotelId=3&night=2027-03-12',
    ]);
  });

  it('leads to 我的预订', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/hotels', () => ({ data: { items: [hotel()] } }));
    const comp = await openPage(pageId);
    comp.querySelector('.mine-entry')!.dispatchEvent('press');
    await flush(1);
    expect(calls('navigateTo')[0].options.url).toBe('/packages/lodging/pages/bookings/bookings');
  });

  it('says when there are none, and what went wrong when they cannot be loaded', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/hotels', () => ({ data: { items: [] } }));
    const empty = await openPage(pageId);
    expect(empty.dom!.innerHTML).toContain('现在还没有开放预订的军人驿站');

    let fail = true;
    fakeWx().routes.set('GET /api/v1/lodging/hotels', () => (fail ? 'fail' : { data: { items: [hotel()] } }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('网络不可用');
    fail = false;
    (comp.instance as any).reload();
    await flush();
    expect(texts(comp, '.hotel-name')).toEqual(['拥军酒店（军人驿站）']);
  });
});
