import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/lodging/pages/bookings/bookings');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const booking = (over: Record<string, unknown> = {}) => ({
  id: 5,
  hotelId: 3,
  hotelName: '拥军酒店（军人驿站）',
  night: '2027-03-12',
  guestKind: 'serving_soldier',
  guestName: '李卫国',
  phoneMasked: '*******2222',
  proofStatus: 'none',
  deskChecksProof: true,
  status: 'booked',
  statusText: '已预订',
  cancelReason: null,
  createdAt: '2027-03-10T10:00:00.000+08:00',
  allowedActions: ['cancel'],
  ...over,
});

function answerModal(confirm: boolean) {
  fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm, cancel: !confirm }), 0));
}

describe('我的驿站预订', () => {
  beforeEach(() => asHolder());

  it('lists each night with where it stands and what to bring; cancel only where the server allows it', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/bookings/mine', () => ({
      data: {
        items: [
          booking(),
          booking({ id: 4, night: '2027-03-08', status: 'checked_in', statusText: '已入住', allowedActions: [] }),
          booking({
            id: 3,
            status: 'cancelled',
            statusText: '已取消',
            cancelReason: '证件照片不清晰',
            allowedActions: [],
          }),
          // Booked, but past 18:00 on the night: the server no longer offers to cancel.
          booking({ id: 2, allowedActions: [] }),
        ],
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.status')).toEqual(['已预订', '已入住', '已取消', '已预订']);
    expect(texts(comp, '.night')[0]).toBe('入住：3月12日 周五');
    expect(texts(comp, '.note')).toEqual([
      '入住时请向前台出示军官证、士兵证或军属证明',
      '取消原因：证件照片不清晰',
      '入住时请向前台出示军官证、士兵证或军属证明',
    ]);
    expect(comp.querySelectorAll('.cancel')).toHaveLength(1);
  });

  it('cancels after asking, then shows the list as it stands', async () => {
    let cancelled = false;
    fakeWx().routes.set('GET /api/v1/lodging/bookings/mine', () => ({
      data: {
        items: [cancelled ? booking({ status: 'cancelled', statusText: '已取消', allowedActions: [] }) : booking()],
      },
    }));
    fakeWx().routes.set('POST /api/v1/lodging/bookings/5/cancel', () => {
      cancelled = true;
      return { data: { id: 5, status: 'cancelled' } };
    });
    answerModal(true);
    const comp = await openPage(pageId);
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal')[0].options.content).toContain('拥军酒店（军人驿站）');
    expect(requests('POST', '/api/v1/lodging/bookings/5/cancel')).toHaveLength(1);
    expect(texts(comp, '.status')).toEqual(['已取消']);
  });

  it('does nothing when the guest changes their mind, and shows the server’s reason when it is too late', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/bookings/mine', () => ({ data: { items: [booking()] } }));
    fakeWx().routes.set('POST /api/v1/lodging/bookings/5/cancel', () => ({
      statusCode: 409,
      data: { error: { code: 'CANCEL_TOO_LATE', message: '入住当晚 18:00 后不能在线取消，如需取消请联系驿站' } },
    }));
    answerModal(false);
    const comp = await openPage(pageId);
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/cancel')).toHaveLength(0);

    answerModal(true);
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(comp.querySelector('.action-error')!.dom!.textContent).toBe(
      '入住当晚 18:00 后不能在线取消，如需取消请联系驿站',
    );
  });

  it('leads an empty list to the hotels', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/bookings/mine', () => ({ data: { items: [] } }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('您还没有预订过军人驿站');
    (comp.instance as any).onStateAction();
    await flush(1);
    expect(calls('navigateTo')[0].options.url).toBe('/packages/lodging/pages/hotels/hotels');
  });
});
