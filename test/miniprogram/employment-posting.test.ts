import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, textOf } from './harness';

const pageId = loadPage('packages/employment/pages/posting/posting');

function detail(over: Record<string, unknown> = {}) {
  return {
    id: 11,
    employerId: 2,
    employerName: '杭州拥军安保服务有限公司',
    title: '小区保安',
    category: '安保服务',
    salaryMin: 4000,
    salaryMax: 5500,
    district: '城关街道',
    address: '幸福小区',
    headcount: 3,
    veteranPreferred: true,
    veteranPreferenceText: '退役军人优先录用',
    validUntil: '2027-12-31',
    status: 'published',
    statusText: '招聘中',
    createdAt: '2027-03-10T10:00:00.000+08:00',
    requirements: '身体健康，能倒班',
    takedownReason: null,
    saved: false,
    applied: false,
    history: [],
    ...over,
  };
}

const press = async (comp: ReturnType<typeof import('miniprogram-simulate').render>, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};

describe('岗位详情', () => {
  beforeEach(() => asHolder());

  it('shows the posting; 收藏 saves and unsaves it', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings/11', () => ({ data: detail() }));
    fakeWx().routes.set('PUT /api/v1/employment/postings/11/save', () => ({ statusCode: 204 }));
    fakeWx().routes.set('DELETE /api/v1/employment/postings/11/save', () => ({ statusCode: 204 }));
    const comp = await openPage(pageId, { id: '11' });
    expect(textOf(comp, '.posting-title')).toBe('小区保安');
    expect(textOf(comp, '.veteran-text')).toBe('退役军人优先录用');
    expect(textOf(comp, '.valid-until')).toBe('2027年12月31日');
    await press(comp, '.save');
    expect(requests('PUT', '/api/v1/employment/postings/11/save')).toHaveLength(1);
    expect(textOf(comp, '.save')?.trim()).toBe('取消收藏');
    await press(comp, '.save');
    expect(requests('DELETE', '/api/v1/employment/postings/11/save')).toHaveLength(1);
  });

  it('投递简历 applies once; without a profile it offers the form', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings/11', () => ({ data: detail() }));
    let answer: { statusCode: number; data: unknown } = {
      statusCode: 409,
      data: { error: { code: 'PROFILE_REQUIRED', message: '请先填写求职信息，再投递' } },
    };
    fakeWx().routes.set('POST /api/v1/employment/postings/11/applications', () => answer);
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
    const comp = await openPage(pageId, { id: '11' });
    await press(comp, '.apply');
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/employment/pages/profile/profile']);

    answer = { statusCode: 201, data: {} };
    await press(comp, '.apply');
    expect(textOf(comp, '.apply')?.trim()).toBe('已投递');
    await press(comp, '.apply');
    expect(requests('POST', '/applications')).toHaveLength(2);
  });

  it('a closed posting cannot be applied to, and says why; other refusals are shown', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings/11', () => ({
      data: detail({ status: 'closed', statusText: '已结束' }),
    }));
    const comp = await openPage(pageId, { id: '11' });
    expect(textOf(comp, '.closed')).toBe('该岗位已结束，不能再投递');
    await press(comp, '.apply');
    expect(requests('POST', '/applications')).toHaveLength(0);

    fakeWx().routes.set('GET /api/v1/employment/postings/11', () => ({ data: detail() }));
    fakeWx().routes.set('POST /api/v1/employment/postings/11/applications', () => ({
      statusCode: 409,
      data: { error: { code: 'LIMIT_REACHED', message: '每人每天最多投递 10 个岗位，请明天再投递' } },
    }));
    const again = await openPage(pageId, { id: '11' });
    await press(again, '.apply');
    expect(textOf(again, '.action-error')).toBe('每人每天最多投递 10 个岗位，请明天再投递');
  });
});
