import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { at, provider } from './fixtures';
import { calls, openPage, textOf, type Rendered } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const providerId = simulate.load(path.join(root, 'packages/legal-aid/pages/provider/provider'), { rootPath: root });

const slot = (id: number, days: number, hh: number, remaining: number, over: Record<string, unknown> = {}) => ({
  id,
  startsAt: at(days, hh),
  endsAt: at(days, hh + 1),
  remaining,
  serviceTypes: ['consultation'],
  modes: ['onsite', 'phone'],
  ...over,
});

/** Tomorrow two times (one full), the day after only full times, in three days one free time. */
const SLOTS = [
  slot(1, 1, 9, 2),
  slot(2, 1, 10, 0, { serviceTypes: ['consultation', 'legal_aid'], modes: ['phone'] }),
  slot(3, 2, 9, 0),
  slot(4, 2, 10, 0),
  slot(5, 3, 14, 1, { serviceTypes: ['legal_aid'], modes: ['onsite'] }),
];

const chips = (comp: Rendered) => comp.querySelectorAll('.day-chip');
const times = (comp: Rendered) => comp.querySelectorAll('.slot').map((n) => n.dom!.textContent!.trim());

describe('a provider’s free times, a day at a time', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4', () => ({
      data: { ...provider, address: '和平路 18 号 3 楼' },
    }));
    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4/slots', () => ({ data: { items: SLOTS } }));
  });

  it('shows a row of days with the date, weekday and free places; a full day cannot be chosen', async () => {
    const comp = await openPage(providerId, { id: '4', serviceType: 'legal_aid' });
    expect(chips(comp)).toHaveLength(3);
    expect(comp.querySelectorAll('.day-date').map((n) => n.dom!.textContent)).toEqual([
      '明天',
      expect.stringMatching(/^\d+月\d+日$/),
      expect.stringMatching(/^\d+月\d+日$/),
    ]);
    expect(comp.querySelectorAll('.day-weekday').map((n) => n.dom!.textContent)).toEqual(
      Array(3).fill(expect.stringMatching(/^周[日一二三四五六]$/)),
    );
    expect(comp.querySelectorAll('.day-free').map((n) => n.dom!.textContent)).toEqual([
      '1 个空闲',
      '已约满',
      '1 个空闲',
    ]);
    expect(chips(comp)[1].dom!.className).toContain('day-chip-full');
    expect(textOf(comp, '.address')).toContain('和平路 18 号 3 楼');

    // The first day with a free time is shown: its times as large buttons, a full one offering the waitlist.
    expect(chips(comp)[0].dom!.className).toContain('day-chip-on');
    expect(times(comp)).toEqual(['09:00', '10:00 候补']);
    expect(comp.querySelectorAll('.slot-full')).toHaveLength(1);
    // The whole range and what it means are read out.
    expect((comp.querySelectorAll('.slot')[1] as any).instance.data.ariaLabel).toBe('10:00–11:00，已约满，可登记候补');

    // The full day does nothing.
    chips(comp)[1].dispatchEvent('tap');
    await flush();
    expect(chips(comp)[0].dom!.className).toContain('day-chip-on');
    expect(times(comp)).toHaveLength(2);

    chips(comp)[2].dispatchEvent('tap');
    await flush();
    expect(chips(comp)[2].dom!.className).toContain('day-chip-on');
    expect(times(comp)).toEqual(['14:00']);
  });

  it('opens booking with the time’s lists, and remembers the chosen day when coming back', async () => {
    const comp = await openPage(providerId, { id: '4', serviceType: 'legal_aid' });
    comp.querySelectorAll('.slot')[1].dispatchEvent('press');
    await flush();
    const url = String(calls('navigateTo')[0].options.url);
    expect(url.indexOf('/packages/legal-aid/pages/book/book?slotId=2&')).toBe(0);
    expect(url).toContain('serviceTypes=consultation,legal_aid');
    expect(url).toContain('modes=phone');
    expect(url).toContain('full=1');
    expect(url).toContain('serviceType=legal_aid');

    chips(comp)[2].dispatchEvent('tap');
    await flush();
    // Back from booking: the times are asked for again, the day stays.
    (comp.instance as any).onShow();
    await flush();
    expect(chips(comp)[2].dom!.className).toContain('day-chip-on');

    // Opened again later: the same day is shown first.
    const again = await openPage(providerId, { id: '4' });
    expect(chips(again)[2].dom!.className).toContain('day-chip-on');
    expect(times(again)).toEqual(['14:00']);
  });

  it('says so when there is nothing to book, and offers a retry when loading fails', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4/slots', () => ({ data: { items: [] } }));
    const empty = await openPage(providerId, { id: '4' });
    expect(chips(empty)).toHaveLength(0);
    expect(textOf(empty, '.no-slots')).toContain('近两周暂无可预约的时间');

    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4', () => ({
      statusCode: 500,
      data: { error: { code: 'INTERNAL', message: '服务暂时不可用' } },
    }));
    const failed = await openPage(providerId, { id: '4' });
    expect(textOf(failed, '.state-error')).toContain('服务暂时不可用');
  });
});
