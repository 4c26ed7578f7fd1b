import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/appeals/pages/list/list');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

/** An appeal as the list endpoint sends it. */
function summary(over: Record<string, unknown> = {}) {
  return {
    id: 41,
    kind: 'appeal',
    category: '待遇保障',
    status: 'submitted',
    statusText: '已提交',
    text: '抚恤金这个月没有到账。',
    contactTime: 'any',
    stationId: 3,
    stationName: '东四服务站',
    promisedDate: null,
    overdue: false,
    reopenedCount: 0,
    rating: null,
    createdAt: '2026-11-28T09:05:00.000+08:00',
    updatedAt: '2026-11-28T09:05:00.000+08:00',
    ...over,
  };
}

describe('我的诉求', () => {
  beforeEach(() => asHolder());

  it('lists each with its kind, category, status, date and promised day; an overdue one says so', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/mine', () => ({
      data: {
        items: [
          summary({
            id: 43,
            kind: 'errand',
            category: '代取证件',
            status: 'in_progress',
            statusText: '办理中',
            promisedDate: '2026-11-20',
            overdue: true,
          }),
          summary({ id: 42, status: 'accepted', statusText: '已受理', promisedDate: '2026-12-03' }),
          summary({
            id: 41,
            status: 'resolved',
            statusText: '已办结',
            promisedDate: '2026-11-25',
            text: '长'.repeat(60),
          }),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.appeal-title')).toEqual(['代办 · 代取证件', '诉求 · 待遇保障', '诉求 · 待遇保障']);
    expect(texts(comp, '.status')).toEqual(['办理中', '已受理', '已办结']);
    expect(texts(comp, '.overdue')).toEqual(['已超过承诺的办结日期（2026年11月20日）']);
    expect(texts(comp, '.promised')).toEqual(['承诺 2026年12月3日 前办结']);
    expect(texts(comp, '.your-turn')).toEqual(['已办结，请查看结果并确认或评价']);
    expect(texts(comp, '.when')[0]).toBe('提交时间：2026年11月28日 09:05');
    expect(texts(comp, '.excerpt')[2]).toBe(`${'长'.repeat(40)}…`);
    expect(textOf(comp, '.end')).toBe('没有更早的了');

    comp.querySelectorAll('.appeal')[1].dispatchEvent('tap');
    await flush(1);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/detail/detail?id=42']);
  });

  it('loads the next page with the cursor', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/mine', (o) =>
      String(o.url).indexOf('cursor=c2') >= 0
        ? { data: { items: [summary({ id: 40 })], nextCursor: null } }
        : { data: { items: [summary({ id: 41 })], nextCursor: 'c2' } },
    );
    const comp = await openPage(pageId);
    expect(comp.querySelectorAll('.appeal')).toHaveLength(1);
    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush(10);
    expect(comp.querySelectorAll('.appeal')).toHaveLength(2);
    expect(requests('GET', '/api/v1/appeals/mine?cursor=c2')).toHaveLength(1);
    expect(comp.querySelector('.load-more')).toBeFalsy();
  });

  it('empty: says what it is for, and its button opens the form', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/mine', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.list-state')).toContain('您还没有反映过诉求');
    expect(comp.querySelector('.new-top')).toBeFalsy();
    comp.querySelector('.list-state')!.dispatchEvent('action');
    await flush(1);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/new/new']);
  });

  it('a failure says so and loads again', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/mine', () => 'fail');
    const comp = await openPage(pageId);
    expect(textOf(comp, '.list-state')).toContain('网络不可用');
    fakeWx().routes.set('GET /api/v1/appeals/mine', () => ({ data: { items: [summary()], nextCursor: null } }));
    comp.querySelector('.list-state')!.dispatchEvent('action');
    await flush(10);
    expect(comp.querySelectorAll('.appeal')).toHaveLength(1);
    expect(calls('navigateTo')).toHaveLength(0);
  });

  it('pull-down refreshes the list', async () => {
    let status = 'submitted';
    fakeWx().routes.set('GET /api/v1/appeals/mine', () => ({
      data: {
        items: [summary({ status, statusText: status === 'submitted' ? '已提交' : '已受理' })],
        nextCursor: null,
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.status')).toEqual(['已提交']);
    status = 'accepted';
    await (comp.instance as any).onPullDownRefresh();
    await flush(2);
    expect(texts(comp, '.status')).toEqual(['已受理']);
    expect(calls('stopPullDownRefresh')).toHaveLength(1);
  });
});
