import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { loadPage, openPage, textOf, calls, requests } from './harness';

const appointmentsId = loadPage('packages/legal-aid/pages/appointments/appointments');
const open = openPage;

describe('我的预约', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('appointments: status in words, the desk’s reason, and buttons only as allowed', async () => {
    const appt = (id: number, status: string, allowedActions: string[], over: Record<string, unknown> = {}) => ({
      id,
      status,
      serviceType: 'consultation',
      mode: 'phone',
      summary: '劳动合同纠纷咨询',
      startsAt: '2030-03-02T09:00:00.000+08:00',
      provider: { id: 4, name: '王律师' },
      cancelledBy: null,
      cancelReason: null,
      rating: null,
      comment: null,
      allowedActions,
      ...over,
    });
    let items = [
      appt(1, 'booked', ['cancel']),
      appt(2, 'cancelled', [], { cancelledBy: 'staff', cancelReason: '律师当日出差' }),
      appt(3, 'completed', ['review']),
    ];
    fakeWx().routes.set('GET /api/v1/legal-aid/appointments/mine', () => ({
      data: {
        items,
        waitlist: [
          {
            id: 8,
            status: 'offered',
            slot: { id: 9, startsAt: '2030-03-03T09:00:00.000+08:00' },
            provider: { id: 4, name: '王律师' },
            offerExpiresAt: '2030-03-02T11:00:00.000+08:00',
            allowedActions: ['accept', 'leave'],
          },
        ],
        nextCursor: null,
      },
    }));
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments/1/cancel', () => ({
      data: appt(1, 'cancelled', [], { cancelledBy: 'holder' }),
    }));
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments/3/review', () => ({
      data: appt(3, 'completed', [], { rating: 4 }),
    }));
    fakeWx().routes.set('POST /api/v1/legal-aid/waitlist/8/accept', () => ({
      statusCode: 201,
      data: appt(4, 'booked', ['cancel']),
    }));
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));

    const comp = await open(appointmentsId);
    expect(comp.querySelectorAll('.status').map((n) => n.dom!.textContent)).toEqual(['已预约', '已取消', '已完成']);
    expect(textOf(comp, '.cancel-text')).toBe('服务窗口已取消：律师当日出差');
    expect(comp.querySelectorAll('.cancel')).toHaveLength(1);
    expect(comp.querySelectorAll('.review')).toHaveLength(1);
    expect(comp.querySelectorAll('.accept')).toHaveLength(1);
    expect(comp.querySelectorAll('.leave')).toHaveLength(1);

    comp.querySelector('.cancel')!.dispatchEvent('tap');
    await flush(10);
    expect(calls('showModal')).toHaveLength(1);
    expect(requests('POST', '/appointments/1/cancel')).toHaveLength(1);

    items = [appt(3, 'completed', ['review'])];
    comp.querySelector('.review')!.dispatchEvent('tap');
    await flush(1);
    comp.querySelector('.submit-review')!.dispatchEvent('tap');
    await flush();
    expect(textOf(comp, '.review-error')).toContain('打分');
    expect(requests('POST', '/review')).toHaveLength(0);
    comp.querySelectorAll('.star')[3].dispatchEvent('tap');
    await flush(1);
    comp.querySelector('.submit-review')!.dispatchEvent('tap');
    await flush(10);
    expect(requests('POST', '/appointments/3/review')[0].options.data).toEqual({ rating: 4 });

    comp.querySelector('.accept')!.dispatchEvent('tap');
    await flush(10);
    expect(requests('POST', '/waitlist/8/accept')).toHaveLength(1);
  });
});
