import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { calls, loadPage, openPage, requests, textOf } from './harness';

const deskId = loadPage('packages/legal-aid/pages/desk/desk');

const appt = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'booked',
  serviceType: 'consultation',
  mode: 'phone',
  summary: '工伤赔偿问题咨询',
  startsAt: '2026-11-24T09:00:00.000+08:00',
  providerId: 4,
  privateNotes: null,
  cancelledBy: null,
  cancelReason: null,
  holder: { name: '陈卫国', phone: '13911112222' },
  ...over,
});

describe('我的服务预约 (providers)', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['lawyer'], via: 'password' });
  });

  it('shows who booked, and calls the holder of a phone consultation', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      data: {
        items: [
          appt(1),
          appt(2, { mode: 'onsite', holder: { name: '李红', phone: '13800001111' } }),
          appt(3, { status: 'completed', holder: { name: '王军', phone: null } }),
          appt(4, { holder: null }),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(deskId);
    expect(comp.querySelectorAll('.holder-name').map((n) => n.dom!.textContent)).toEqual([
      '陈卫国',
      '李红',
      '王军',
      '（未登记身份）',
    ]);
    // Only the live phone consultation with a number gets a call button.
    const buttons = comp.querySelectorAll('.call');
    expect(buttons).toHaveLength(1);
    expect(buttons[0].dom!.textContent).toContain('13911112222');
    buttons[0].dispatchEvent('tap');
    await flush();
    expect(calls('makePhoneCall').map((c) => c.options.phoneNumber)).toEqual(['13911112222']);
    expect(comp.dom!.innerHTML).not.toContain('13800001111');
  });

  it('checks in, and shows why when it is too early', async () => {
    let status = 'booked';
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      data: { items: [appt(1, { status })], nextCursor: null },
    }));
    fakeWx().routes.set('POST /api/v1/provider/appointments/1/check-in', () => ({
      statusCode: 409,
      data: { error: { code: 'TOO_EARLY', message: '预约当天才能签到' } },
    }));
    const comp = await openPage(deskId);
    comp.querySelector('.check-in')!.dispatchEvent('tap');
    await flush();
    expect(textOf(comp, '.action-error')).toBe('预约当天才能签到');

    fakeWx().routes.set('POST /api/v1/provider/appointments/1/check-in', () => {
      status = 'checked_in';
      return { data: appt(1, { status }) };
    });
    comp.querySelector('.check-in')!.dispatchEvent('tap');
    await flush();
    expect(requests('POST', '/check-in')).toHaveLength(2);
    expect(textOf(comp, '.status')).toBe('已签到');
    expect(comp.querySelector('.check-in')).toBeFalsy();
    expect(comp.querySelector('.action-error')).toBeFalsy();
  });

  it('shows the server’s answer when the account has no provider profile', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '您的账号未关联服务人员资料' } },
    }));
    const comp = await openPage(deskId);
    expect(textOf(comp, '.load-error')).toBe('您的账号未关联服务人员资料');
  });
});
