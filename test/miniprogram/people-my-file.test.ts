import { asHolder, calls, loadPage, openPage, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const pageId = loadPage('packages/people/pages/my-file/my-file');
const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const identity = { name: '陈卫国', idNumberMasked: '**************1234', category: 'veteran', verified: true };

const empty = () => ({
  identity,
  roster: null,
  card: { applications: 0, latestApplication: null, card: null },
  appointments: { total: 0, upcoming: 0, next: null },
  appeals: { total: 0, open: 0, latest: null },
});

const full = () => ({
  identity,
  roster: { category: 'veteran', station: { id: 3, name: '城关街道退役军人服务站' }, stage: 'employed' },
  card: {
    applications: 1,
    latestApplication: { id: 12, kind: 'new', status: 'station_approved', createdAt: '2026-10-02T09:00:00.000+08:00' },
    card: null,
  },
  appointments: {
    total: 3,
    upcoming: 1,
    next: { id: 4, serviceType: 'consultation', mode: 'onsite', startsAt: '2026-12-03T09:30:00.000+08:00' },
  },
  appeals: {
    total: 2,
    open: 1,
    latest: {
      id: 8,
      kind: 'errand',
      category: '代取证件',
      status: 'accepted',
      createdAt: '2026-11-20T09:00:00.000+08:00',
    },
  },
});

const answer = (body: unknown) => fakeWx().routes.set('GET /api/v1/roster/me', () => ({ data: body }));
const urls = () => calls('navigateTo').map((c) => c.options.url);

async function press(comp: Rendered, selector: string) {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush();
}

describe('我的档案', () => {
  beforeEach(() => asHolder());

  it('says in plain words that the holder is on the roster, with category, station and stage, the ID number masked', async () => {
    answer(full());
    const comp = await openPage(pageId);
    expect(textOf(comp, '.on-roster')).toBe('陈卫国，您已在本区退役军人事务局建档立卡。');
    expect(textOf(comp, '.category')).toBe('退役军人');
    expect(textOf(comp, '.station')).toBe('城关街道退役军人服务站');
    expect(textOf(comp, '.stage')).toBe('就业');
    // The five stages in order, the holder's own marked.
    expect(comp.querySelectorAll('.step').map((s) => s.dom!.textContent)).toEqual([
      '入伍',
      '服役',
      '退役',
      '就业',
      '优待',
    ]);
    expect(comp.querySelectorAll('.step-now').map((s) => s.dom!.textContent)).toEqual(['就业']);
    expect(comp.querySelectorAll('.step-past')).toHaveLength(3);
    expect(textOf(comp, '.id-masked')).toBe('**************1234');
    expect(comp.querySelector('.not-on-roster')).toBeFalsy();
  });

  it('tells where the card application, appointments and appeals stand, and leads to each', async () => {
    answer(full());
    const comp = await openPage(pageId);
    expect(textOf(comp, '.card-line')).toBe('优待证申请：初审通过。');
    expect(textOf(comp, '.appointment-line')).toBe('共预约过 3 次，其中 1 次还没到时间。');
    expect(textOf(comp, '.next-appointment')).toBe('下一次：2026年12月3日 09:30，法律咨询（到服务点）');
    expect(textOf(comp, '.appeal-line')).toBe('共提过 2 件，其中 1 件正在办理。');
    expect(textOf(comp, '.latest-appeal')).toBe('最近一件：代办 · 代取证件，服务站已受理');
    await press(comp, '.open-card');
    await press(comp, '.open-appointments');
    await press(comp, '.open-appeals');
    expect(urls()).toEqual([
      '/packages/card/pages/application/application?id=12',
      '/packages/legal-aid/pages/appointments/appointments',
      '/packages/appeals/pages/list/list',
    ]);
  });

  it('leads to the electronic card once there is one', async () => {
    answer({
      ...full(),
      card: {
        applications: 1,
        latestApplication: { id: 12, kind: 'new', status: 'issued', createdAt: '2026-10-02T09:00:00.000+08:00' },
        card: { status: 'active', issuedAt: '2026-11-01T09:00:00.000+08:00' },
      },
    });
    const comp = await openPage(pageId);
    expect(textOf(comp, '.card-line')).toBe('您的优待证：正常，2026年11月1日发放。');
    expect(textOf(comp, '.open-card')).toBe('查看电子优待证');
    await press(comp, '.open-card');
    expect(urls()).toEqual(['/packages/card/pages/card/card']);
  });

  it('says what to do when not on the roster, and what is empty instead of leaving a blank', async () => {
    answer(empty());
    const comp = await openPage(pageId);
    expect(textOf(comp, '.not-on-roster')).toContain('您还不在本区的建档立卡名册中');
    expect(comp.querySelector('.on-roster')).toBeFalsy();
    expect(comp.querySelector('.stages')).toBeFalsy();
    expect(textOf(comp, '.card-line')).toBe('您还没有申请优待证。');
    expect(textOf(comp, '.appointment-line')).toBe('您还没有预约过法律服务。');
    expect(comp.querySelector('.next-appointment')).toBeFalsy();
    expect(textOf(comp, '.appeal-line')).toBe('您还没有提过诉求或代办。');
    expect(comp.querySelector('.latest-appeal')).toBeFalsy();
    await press(comp, '.open-card');
    expect(urls()).toEqual(['/packages/card/pages/eligibility/eligibility']);
  });

  it('asks a holder without an identity to register it first', async () => {
    answer({ ...empty(), identity: null });
    const comp = await openPage(pageId);
    expect(textOf(comp, '.no-identity')).toContain('登记身份信息后，才能看到您的档案');
    expect(comp.querySelector('.roster')).toBeFalsy();
    expect(comp.querySelector('.section-appeals')).toBeFalsy();
    await press(comp, '.open-me');
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('says so when it cannot be loaded, and loads again on retry', async () => {
    fakeWx().routes.set('GET /api/v1/roster/me', () => 'fail');
    const comp = await openPage(pageId);
    expect(textOf(comp, '.load-error')).toContain('网络不可用');
    expect(comp.querySelector('.roster')).toBeFalsy();
    answer(full());
    (comp.instance as any).retry();
    await flush(10);
    expect(comp.querySelector('.load-error')).toBeFalsy();
    expect(textOf(comp, '.stage')).toBe('就业');
  });
});
