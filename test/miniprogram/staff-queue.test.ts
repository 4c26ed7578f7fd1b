import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/staff/pages/queue/queue'), { rootPath: root });

const item = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'submitted',
  kind: 'new',
  category: 'veteran',
  applicantName: `申请人${id}`,
  stationId: 2,
  caseByCase: false,
  submittedAt: '2026-03-02T10:00:00.000+08:00',
  waitingDays: 3,
  ...over,
});

/** The query strings the page asked the queue with, in order. */
const queries = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'request' && String(c.options.url).indexOf('/api/v1/staff/card-applications') >= 0)
    .map((c) => String(c.options.url).split('?')[1] || '');

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  (comp.instance as any).onShow();
  await flush();
  return comp;
}

describe('优待证审核: the queue', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 's', refreshToken: 'r', userId: 3, roles: ['station_staff'], via: 'password' });
  });

  it('lists 待初审 first, oldest first as the server gives them, with waiting days and case-by-case mark', async () => {
    fakeWx().routes.set('GET /api/v1/staff/card-applications', (o) =>
      String(o.url).indexOf('cursor=') >= 0
        ? { data: { items: [item(3, { waitingDays: 0 })], nextCursor: null } }
        : { data: { items: [item(1, { waitingDays: 9, caseByCase: true }), item(2)], nextCursor: 'c-2' } },
    );
    const comp = await open();
    expect(queries()).toEqual(['status=submitted']);
    expect(comp.querySelector('.tab-active')!.dom!.textContent).toBe('待初审');
    const rows = comp.querySelectorAll('.item').map((i) => i.dom!.textContent!.replace(/\s+/g, ' '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('申请人1');
    expect(rows[0]).toContain('已等待 9 天');
    expect(rows[0]).toContain('需逐案审核');
    expect(rows[1]).not.toContain('需逐案审核');

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(queries()[1]).toBe('status=submitted&cursor=c-2');
    expect(comp.querySelectorAll('.item')).toHaveLength(3);
    expect(comp.querySelector('.load-more')).toBeFalsy();
    expect(comp.querySelectorAll('.item')[2].dom!.textContent).toContain('今天提交');

    comp.querySelectorAll('.item')[0].dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/staff/pages/review/review?id=1',
    );
  });

  it('switches between 待初审, 待复审, 待补充 and 已通过', async () => {
    fakeWx().routes.set('GET /api/v1/staff/card-applications', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await open();
    expect(comp.querySelectorAll('.tab').map((t) => t.dom!.textContent)).toEqual([
      '待初审',
      '待复审',
      '待补充',
      '已通过',
    ]);
    expect(comp.querySelector('.state-empty')!.dom!.textContent).toContain('没有待初审的申请');
    for (const status of ['station_approved', 'needs_info', 'approved']) {
      comp.querySelector(`.tab-${status}`)!.dispatchEvent('tap');
      await flush();
    }
    expect(queries()).toEqual(['status=submitted', 'status=station_approved', 'status=needs_info', 'status=approved']);
    expect(comp.querySelector('.tab-active')!.dom!.textContent).toBe('已通过');
  });

  it('leads to the identity change requests', async () => {
    fakeWx().routes.set('GET /api/v1/staff/card-applications', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await open();
    comp.querySelector('.identity-changes')!.dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/staff/pages/identity-changes/identity-changes',
    );
  });

  it('a district reviewer starts at 待复审; the server’s refusal is shown in its words', async () => {
    saveSession({ accessToken: 's', refreshToken: 'r', userId: 4, roles: ['district_staff'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/staff/card-applications', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '没有审核权限' } },
    }));
    const comp = await open();
    expect(queries()).toEqual(['status=station_approved']);
    expect(comp.querySelector('.state-error')!.dom!.textContent).toContain('没有审核权限');

    // 重试 asks again.
    comp.querySelector('.state-error')!.dispatchEvent('action');
    await flush();
    expect(queries()).toEqual(['status=station_approved', 'status=station_approved']);
  });

  it('a tab never shows another tab’s rows while it loads', async () => {
    fakeWx().routes.set('GET /api/v1/staff/card-applications', (o) => {
      const status = String(o.url).split('status=')[1];
      return status === 'submitted'
        ? { data: { items: [item(1), item(2)], nextCursor: null } }
        : { data: { items: [item(9, { status, applicantName: '复审中的申请人' })], nextCursor: null } };
    });
    const comp = await open();
    expect(comp.querySelectorAll('.item')).toHaveLength(2);

    comp.querySelector('.tab-station_approved')!.dispatchEvent('tap');
    await Promise.resolve();
    // Before the answer comes: the new tab is loading, the first tab's rows are gone.
    expect(comp.querySelectorAll('.item')).toHaveLength(0);
    expect(comp.querySelector('.state-loading')).toBeTruthy();
    await flush();
    const rows = comp.querySelectorAll('.item').map((i) => i.dom!.textContent!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('复审中的申请人');
  });

  it('is for staff only, with a way to log in', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    const comp = await open();
    expect(comp.querySelector('.not-staff')).toBeTruthy();
    expect(queries()).toHaveLength(0);
    comp.querySelector('.login')!.dispatchEvent('press');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe('/pages/login/login');
  });
});
