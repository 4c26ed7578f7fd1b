import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { at } from './fixtures';
import { calls, openPage, requests, textOf, type Rendered } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const dayId = simulate.load(path.join(root, 'packages/legal-aid/pages/day/day'), { rootPath: root });

const appt = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'booked',
  serviceType: 'consultation',
  mode: 'phone',
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
  holder: { name: '陈卫国', phone: '13911112222' },
  allowedActions: ['check_in', 'complete', 'notes'],
  history: [],
  ...over,
});

const press = async (comp: Rendered, selector: string, index = 0) => {
  comp.querySelectorAll(selector)[index].dispatchEvent('press');
  await flush(10);
};

describe('我的服务日程 (providers)', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['lawyer'], via: 'password' });
  });

  it('shows today first and the coming days as chips, each day with who booked and what about', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      data: {
        items: [
          appt(1),
          appt(2, { startsAt: at(0, 16), mode: 'onsite', holder: null, status: 'cancelled', allowedActions: [] }),
          appt(3, { startsAt: at(2, 9), mode: 'video', holder: { name: '李红', phone: '13800001111' } }),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(dayId);
    expect(comp.querySelectorAll('.day-date').map((n) => n.dom!.textContent)).toEqual([
      '今天',
      expect.stringMatching(/^\d+月\d+日$/),
    ]);
    // A cancelled appointment is not counted as work for the day.
    expect(comp.querySelectorAll('.day-count').map((n) => n.dom!.textContent)).toEqual(['1 个预约', '1 个预约']);
    expect(comp.querySelectorAll('.holder-name').map((n) => n.dom!.textContent)).toEqual(['陈卫国', '未登记姓名']);
    expect(textOf(comp, '.summary')).toBe('工伤赔偿问题咨询');
    expect(comp.querySelectorAll('.status').map((n) => n.dom!.textContent)).toEqual(['待服务', '已取消']);

    // A tap on the number calls it; a settled appointment shows none.
    expect(comp.querySelectorAll('.phone')).toHaveLength(1);
    expect(textOf(comp, '.phone-number')).toBe('139 1111 2222');
    comp.querySelector('.phone')!.dispatchEvent('tap');
    await flush();
    expect(calls('makePhoneCall').map((c) => c.options.phoneNumber)).toEqual(['13911112222']);

    comp.querySelectorAll('.day-chip')[1].dispatchEvent('tap');
    await flush();
    expect(comp.querySelectorAll('.holder-name').map((n) => n.dom!.textContent)).toEqual(['李红']);
    expect(textOf(comp, '.meeting-missing')).toContain('还没有发会议链接');
    expect(comp.dom!.innerHTML).not.toContain('13911112222');
  });

  it('shows only the buttons the server allows, and checks in, completes and marks a no-show', async () => {
    const items = [
      appt(1, { allowedActions: ['check_in', 'complete', 'no_show', 'notes'] }),
      appt(2, {
        startsAt: at(0, 17),
        status: 'completed',
        holder: { name: '王军', phone: null },
        allowedActions: ['notes'],
      }),
    ];
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({ data: { items, nextCursor: null } }));
    fakeWx().routes.set('POST /api/v1/provider/appointments/1/check-in', () => ({
      data: appt(1, { status: 'checked_in' }),
    }));
    fakeWx().routes.set('POST /api/v1/provider/appointments/1/complete', () => ({
      data: appt(1, { status: 'completed' }),
    }));
    fakeWx().routes.set('POST /api/v1/provider/appointments/1/no-show', () => ({
      statusCode: 409,
      data: { error: { code: 'TOO_EARLY', message: '预约时间尚未开始，不能标记爽约' } },
    }));
    let confirm = true;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm }), 0));

    const comp = await openPage(dayId);
    const cards = comp.querySelectorAll('.appointment');
    expect(cards).toHaveLength(2);
    expect(comp.querySelectorAll('.check-in')).toHaveLength(1);
    expect(comp.querySelectorAll('.complete')).toHaveLength(1);
    expect(comp.querySelectorAll('.no-show')).toHaveLength(1);
    expect((comp.querySelector('.no-show') as any).instance.data.look).toBe('danger');
    expect((comp.querySelector('.complete') as any).instance.data.look).toBe('primary');
    expect(comp.querySelectorAll('.write-notes')).toHaveLength(2);
    expect(comp.querySelectorAll('.desk-cancel')).toHaveLength(0);

    await press(comp, '.check-in');
    expect(requests('POST', '/appointments/1/check-in')).toHaveLength(1);
    expect(calls('showToast')[0].options.title).toBe('已签到');

    // Completing asks first; declining sends nothing.
    confirm = false;
    await press(comp, '.complete');
    expect(requests('POST', '/appointments/1/complete')).toHaveLength(0);
    confirm = true;
    await press(comp, '.complete');
    expect(requests('POST', '/appointments/1/complete')).toHaveLength(1);

    await press(comp, '.no-show');
    expect(requests('POST', '/appointments/1/no-show')).toHaveLength(1);
    expect(textOf(comp, '.action-error')).toBe('预约时间尚未开始，不能标记爽约');
  });

  it('writes notes and sends the video meeting, each with a PUT, and shows what was saved', async () => {
    let items = [appt(1, { mode: 'video', allowedActions: ['complete', 'notes', 'meeting'], startsAt: at(0, 18) })];
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({ data: { items, nextCursor: null } }));
    fakeWx().routes.set('PUT /api/v1/provider/appointments/1/notes', (o) => {
      items = [{ ...items[0], privateNotes: o.data.notes }];
      return { data: items[0] };
    });
    fakeWx().routes.set('PUT /api/v1/provider/appointments/1/meeting', (o) => {
      items = [{ ...items[0], meetingLink: o.data.meetingLink }];
      return { data: items[0] };
    });
    const comp = await openPage(dayId);

    await press(comp, '.write-notes');
    comp.querySelector('.notes-input')!.dispatchEvent('input', { detail: { value: '  需补充工伤认定书 ' } });
    await flush(1);
    await press(comp, '.save-edit');
    expect(requests('PUT', '/appointments/1/notes')[0].options.data).toEqual({ notes: '需补充工伤认定书' });
    expect(textOf(comp, '.notes-text')).toBe('需补充工伤认定书');
    expect(textOf(comp, '.write-notes')).toBe('修改服务记录');

    // Too short to be a meeting: said at once, nothing sent.
    await press(comp, '.set-meeting');
    comp.querySelector('.meeting-input')!.dispatchEvent('input', { detail: { value: '123' } });
    await flush(1);
    await press(comp, '.save-edit');
    expect(requests('PUT', '/meeting')).toHaveLength(0);
    expect(textOf(comp, '.edit-error')).toContain('会议号');

    comp.querySelector('.meeting-input')!.dispatchEvent('input', { detail: { value: '腾讯会议 123 456 789' } });
    await flush(1);
    await press(comp, '.save-edit');
    expect(requests('PUT', '/appointments/1/meeting')[0].options.data).toEqual({ meetingLink: '腾讯会议 123 456 789' });
    expect(textOf(comp, '.meeting-link')).toBe('腾讯会议 123 456 789');
    expect(calls('showToast').map((c) => c.options.title)).toContain('已发给预约人');
    expect(textOf(comp, '.set-meeting')).toBe('修改会议链接');
  });

  it('opens on the next day with work when today has none, and says when a day is free', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      data: { items: [appt(5, { startsAt: at(3, 10) })], nextCursor: null },
    }));
    const comp = await openPage(dayId);
    const chips = comp.querySelectorAll('.day-chip');
    expect(comp.querySelectorAll('.day-count').map((n) => n.dom!.textContent)).toEqual(['没有预约', '1 个预约']);
    expect(chips[1].dom!.className).toContain('day-chip-on');
    expect(comp.querySelectorAll('.appointment')).toHaveLength(1);
    chips[0].dispatchEvent('tap');
    await flush();
    expect(comp.querySelectorAll('.appointment')).toHaveLength(0);
    expect(textOf(comp, '.empty')).toContain('今天没有预约');
  });

  it('offers a retry when the list does not load', async () => {
    fakeWx().routes.set('GET /api/v1/provider/appointments', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '您的账号未关联服务人员资料' } },
    }));
    const comp = await openPage(dayId);
    expect(textOf(comp, '.state-error')).toContain('您的账号未关联服务人员资料');
  });
});
