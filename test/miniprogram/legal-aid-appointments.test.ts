import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { calls, openPage, requests, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const appointmentsId = simulate.load(path.join(root, 'packages/legal-aid/pages/appointments/appointments'), {
  rootPath: root,
});

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
  place: null,
  callTo: '138****1234',
  meetingLink: null,
  allowedActions,
  history: [],
  ...over,
});

const answer =
  (items: unknown[], waitlist: unknown[] = []) =>
  () => ({ data: { items, waitlist, nextCursor: null } });

describe('我的预约', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('status as a chip, the desk’s reason, and buttons only as allowed (cancel asks first)', async () => {
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
    let confirmCancel = false;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: confirmCancel }), 0));

    const comp = await openPage(appointmentsId);
    expect(comp.querySelectorAll('.status').map((n) => n.dom!.textContent)).toEqual(['已预约', '已取消', '已完成']);
    expect(comp.querySelectorAll('.status').map((n) => (n as any).instance.data.tone)).toEqual([
      'info',
      'neutral',
      'ok',
    ]);
    expect(textOf(comp, '.cancel-text')).toBe('服务窗口已取消：律师当日出差');
    expect(comp.querySelectorAll('.cancel')).toHaveLength(1);
    expect((comp.querySelector('.cancel') as any).instance.data.look).toBe('danger');
    expect(comp.querySelectorAll('.review')).toHaveLength(1);
    expect(comp.querySelectorAll('.accept')).toHaveLength(1);
    expect(comp.querySelectorAll('.leave')).toHaveLength(1);

    // Declining the question cancels nothing.
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal')).toHaveLength(1);
    expect(requests('POST', '/appointments/1/cancel')).toHaveLength(0);
    confirmCancel = true;
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/appointments/1/cancel')).toHaveLength(1);

    items = [appt(3, 'completed', ['review'])];
    comp.querySelector('.review')!.dispatchEvent('press');
    await flush(1);
    comp.querySelector('.submit-review')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.review-error')).toContain('打分');
    expect(requests('POST', '/review')).toHaveLength(0);
    comp.querySelectorAll('.star')[3].dispatchEvent('tap');
    await flush(1);
    comp.querySelector('.submit-review')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/appointments/3/review')[0].options.data).toEqual({ rating: 4 });

    comp.querySelector('.accept')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/waitlist/8/accept')).toHaveLength(1);
  });

  it('in person: shows the place, and opens the map only when the place has coordinates', async () => {
    fakeWx().routes.set(
      'GET /api/v1/legal-aid/appointments/mine',
      answer([
        appt(1, 'booked', ['cancel'], {
          mode: 'onsite',
          callTo: null,
          place: { address: '和平路 18 号拥军律师事务所 3 楼', latitude: 30.274085, longitude: 120.15507 },
        }),
        appt(2, 'booked', ['cancel'], {
          mode: 'onsite',
          callTo: null,
          place: { address: '区退役军人服务中心法律服务窗口', latitude: null, longitude: null },
        }),
      ]),
    );
    const comp = await openPage(appointmentsId);
    expect(comp.querySelectorAll('.address').map((n) => n.dom!.textContent)).toEqual([
      '和平路 18 号拥军律师事务所 3 楼',
      '区退役军人服务中心法律服务窗口',
    ]);
    expect(comp.querySelectorAll('.open-map')).toHaveLength(1);
    comp.querySelector('.open-map')!.dispatchEvent('press');
    await flush();
    expect(calls('openLocation')[0].options).toMatchObject({
      latitude: 30.274085,
      longitude: 120.15507,
      name: '王律师',
      address: '和平路 18 号拥军律师事务所 3 楼',
    });
  });

  it('by phone: says who calls which (masked) number when', async () => {
    fakeWx().routes.set(
      'GET /api/v1/legal-aid/appointments/mine',
      answer([
        appt(1, 'booked', ['cancel']),
        appt(2, 'booked', ['cancel'], { callTo: null }),
        appt(3, 'completed', []),
      ]),
    );
    const comp = await openPage(appointmentsId);
    const texts = comp.querySelectorAll('.phone-text').map((n) => n.dom!.textContent!);
    // A settled appointment no longer shows the arrangement.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toBe('王律师将于 2030年3月2日 09:00 拨打您的电话 138****1234，请保持电话畅通。');
    expect(texts[1]).toContain('拨打您登记的手机号');
  });

  it('by video: shows the meeting with a copy button (asking for privacy first), or that it will come', async () => {
    const link = 'https://meeting.tencent.com/dm/abc123';
    fakeWx().routes.set(
      'GET /api/v1/legal-aid/appointments/mine',
      answer([
        appt(1, 'booked', ['cancel'], { mode: 'video', callTo: null, meetingLink: link }),
        appt(2, 'booked', ['cancel'], { mode: 'video', callTo: null }),
      ]),
    );
    const comp = await openPage(appointmentsId);
    expect(textOf(comp, '.meeting-link')).toBe(link);
    expect(textOf(comp, '.meeting-wait')).toContain('服务人员会在开始前把视频会议发到这里');
    expect(comp.querySelectorAll('.copy-meeting')).toHaveLength(1);

    comp.querySelector('.copy-meeting')!.dispatchEvent('press');
    await flush(10);
    expect(calls('requirePrivacyAuthorize')).toHaveLength(1);
    expect(calls('setClipboardData').map((c) => c.options.data)).toEqual([link]);

    // Declined: nothing is copied, and the page says what to do instead.
    fakeWx().on('requirePrivacyAuthorize', (o) => setTimeout(() => o.fail({ errMsg: 'deny' }), 0));
    comp.querySelector('.copy-meeting')!.dispatchEvent('press');
    await flush(10);
    expect(calls('setClipboardData')).toHaveLength(1);
    expect(textOf(comp, '.action-error')).toContain('手动复制');
  });

  it('an empty list offers booking; a failed load offers a retry', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/appointments/mine', answer([]));
    const empty = await openPage(appointmentsId);
    expect(textOf(empty, '.state-empty')).toContain('还没有预约');
    empty.querySelector('.state-empty')!.dispatchEvent('action');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/legal-aid/pages/providers/providers');

    fakeWx().routes.set('GET /api/v1/legal-aid/appointments/mine', () => ({
      statusCode: 503,
      data: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } },
    }));
    const failed = await openPage(appointmentsId);
    expect(textOf(failed, '.state-error')).toContain('服务暂时不可用');
  });
});
