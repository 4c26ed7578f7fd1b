import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/employment/pages/applications/applications');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

function application(over: Record<string, unknown> = {}) {
  return {
    id: 5,
    postingId: 11,
    postingTitle: '小区保安',
    employerId: 2,
    employerName: '杭州拥军安保服务有限公司',
    status: 'submitted',
    statusText: '已投递',
    interviewNote: null,
    declineReason: null,
    createdAt: '2027-03-10T10:00:00.000+08:00',
    updatedAt: '2027-03-10T10:00:00.000+08:00',
    allowedActions: ['withdraw'],
    ...over,
  };
}

describe('我的投递', () => {
  beforeEach(() => asHolder());

  it('lists each with its status, the interview arrangement and the reason of a decline', async () => {
    fakeWx().routes.set('GET /api/v1/employment/applications/mine', () => ({
      data: {
        items: [
          application({ id: 7, status: 'interview', statusText: '邀请面试', interviewNote: '3月12日上午9点' }),
          application({ id: 6, status: 'declined', statusText: '未录用', declineReason: '已招满', allowedActions: [] }),
          application(),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.status')).toEqual(['邀请面试', '未录用', '已投递']);
    expect(texts(comp, '.interview')).toEqual(['面试安排：3月12日上午9点']);
    expect(texts(comp, '.decline')).toEqual(['原因：已招满']);
    expect(comp.querySelectorAll('.withdraw')).toHaveLength(2);
    expect(texts(comp, '.when')[0]).toBe('投递于 2027年3月10日');
  });

  it('withdraws after confirming, and reloads', async () => {
    let status = 'submitted';
    fakeWx().routes.set('GET /api/v1/employment/applications/mine', () => ({
      data: {
        items: [application(status === 'withdrawn' ? { status, statusText: '已撤回', allowedActions: [] } : {})],
        nextCursor: null,
      },
    }));
    fakeWx().routes.set('POST /api/v1/employment/applications/5/withdraw', () => {
      status = 'withdrawn';
      return { data: {} };
    });
    let answers = 0;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: ++answers > 1 }), 0));
    const comp = await openPage(pageId);
    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/withdraw')).toHaveLength(0);
    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/withdraw')).toHaveLength(1);
    expect(texts(comp, '.status')).toEqual(['已撤回']);
    expect(comp.querySelector('.withdraw')).toBeFalsy();
    expect(calls('showModal')[0].options.content).toContain('小区保安');
  });

  it('empty: says so', async () => {
    fakeWx().routes.set('GET /api/v1/employment/applications/mine', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.list-state')!.dom!.textContent).toContain('您还没有投递过岗位');
  });
});
