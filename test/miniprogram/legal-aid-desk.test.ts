import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { at } from './fixtures';
import { calls, openPage, requests, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const deskId = simulate.load(path.join(root, 'packages/legal-aid/pages/desk/desk'), { rootPath: root });

const appt = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'booked',
  serviceType: 'consultation',
  mode: 'onsite',
  summary: '工伤赔偿问题咨询',
  startsAt: at(0, 15),
  providerId: 4,
  providerName: '王律师',
  holderAccountId: 70 + id,
  privateNotes: null,
  meetingLink: null,
  cancelledBy: null,
  cancelReason: null,
  rating: null,
  comment: null,
  allowedActions: ['check_in', 'complete', 'cancel', 'notes'],
  history: [],
  ...over,
});

describe('法律服务窗口 (the desk’s staff)', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 3, roles: ['district_staff'], via: 'password' });
  });

  it('shows every provider’s appointments of the day with whose they are, and no holder’s number', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      data: {
        items: [
          appt(1),
          appt(2, {
            providerId: 5,
            providerName: '李调解员',
            mode: 'phone',
            status: 'no_show',
            allowedActions: ['notes'],
          }),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(deskId);
    expect(comp.querySelectorAll('.provider-name').map((n) => n.dom!.textContent)).toEqual(['王律师', '李调解员']);
    expect(comp.querySelectorAll('.holder-name')).toHaveLength(0);
    expect(comp.querySelectorAll('.phone')).toHaveLength(0);
    expect(comp.querySelectorAll('.status').map((n) => (n as any).instance.data.tone)).toEqual(['warn', 'danger']);
    expect(comp.querySelectorAll('.desk-cancel')).toHaveLength(1);
    expect((comp.querySelector('.desk-cancel') as any).instance.data.look).toBe('danger');
  });

  it('cancels with a reason the holder is told; no reason, no cancellation', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({ data: { items: [appt(1)], nextCursor: null } }));
    fakeWx().routes.set('POST /api/v1/staff/legal-aid/appointments/1/cancel', () => ({
      data: appt(1, { status: 'cancelled', allowedActions: [] }),
    }));
    let reply: Record<string, unknown> = { confirm: false };
    fakeWx().on('showModal', (o) => setTimeout(() => o.success(reply), 0));
    const comp = await openPage(deskId);

    comp.querySelector('.desk-cancel')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal')[0].options.editable).toBe(true);
    expect(requests('POST', '/cancel')).toHaveLength(0);

    reply = { confirm: true, content: '律' };
    comp.querySelector('.desk-cancel')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/cancel')).toHaveLength(0);
    expect(textOf(comp, '.action-error')).toContain('至少写 2 个字');

    reply = { confirm: true, content: ' 律师当日出差 ' };
    comp.querySelector('.desk-cancel')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/staff/legal-aid/appointments/1/cancel')[0].options.data).toEqual({
      reason: '律师当日出差',
    });
  });

  it('takes a provider who opens it to their own day', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['lawyer'], via: 'password' });
    await openPage(deskId);
    expect(calls('redirectTo')[0].options.url).toBe('/packages/legal-aid/pages/day/day');
    expect(requests('GET', '/provider/appointments')).toHaveLength(0);
  });
});
