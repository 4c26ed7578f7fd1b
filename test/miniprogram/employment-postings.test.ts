import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/employment/pages/postings/postings');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

/** A posting as the list endpoint sends it. */
function posting(over: Record<string, unknown> = {}) {
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
    veteranPreferenceText: null,
    validUntil: '2027-12-31',
    status: 'published',
    statusText: '招聘中',
    createdAt: '2027-03-10T10:00:00.000+08:00',
    ...over,
  };
}

describe('就业超市 postings', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/employment/categories', () => ({ data: { items: ['安保服务', '驾驶运输'] } }));
  });

  it('lists postings with salary, employer, place and the veteran preference; a tap opens one', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings', () => ({
      data: {
        items: [
          posting(),
          posting({ id: 12, title: '司机', veteranPreferred: false, salaryMin: 6000, salaryMax: 6000 }),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.posting-title')).toEqual(['小区保安', '司机']);
    expect(texts(comp, '.salary')).toEqual(['4000–5500 元/月', '6000 元/月']);
    expect(texts(comp, '.veteran')).toEqual(['退役军人优先']);
    expect(texts(comp, '.category-chip')).toEqual(['全部', '安保服务', '驾驶运输']);
    comp.querySelectorAll('.posting')[1].dispatchEvent('tap');
    await flush(1);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/employment/pages/posting/posting?id=12']);
  });

  it('filters by category, salary, district and keyword', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings', () => ({ data: { items: [posting()], nextCursor: null } }));
    const comp = await openPage(pageId);
    comp.querySelectorAll('.category-chip')[2].dispatchEvent('tap');
    await flush(5);
    comp.querySelectorAll('.salary-chip')[2].dispatchEvent('tap');
    await flush(5);
    comp.querySelector('.district-input')!.dispatchEvent('input', { detail: { value: '东湖街道' } });
    comp.querySelector('.keyword-input')!.dispatchEvent('input', { detail: { value: '司机' } });
    comp.querySelector('.search')!.dispatchEvent('press');
    await flush(5);
    const urls = requests('GET', '/api/v1/employment/postings').map((c) => decodeURIComponent(String(c.options.url)));
    expect(urls[1]).toContain('category=驾驶运输');
    expect(urls[2]).toContain('salaryAtLeast=5000');
    expect(urls[3]).toContain('district=东湖街道');
    expect(urls[3]).toContain('q=司机');
  });

  it('pages with the cursor, says when nothing matches and when loading failed', async () => {
    fakeWx().routes.set('GET /api/v1/employment/postings', (o) =>
      String(o.url).indexOf('cursor=c2') >= 0
        ? { data: { items: [posting({ id: 10 })], nextCursor: null } }
        : { data: { items: [posting()], nextCursor: 'c2' } },
    );
    const comp = await openPage(pageId);
    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush(10);
    expect(comp.querySelectorAll('.posting')).toHaveLength(2);
    expect(comp.querySelector('.load-more')).toBeFalsy();

    fakeWx().routes.set('GET /api/v1/employment/postings', () => ({ data: { items: [], nextCursor: null } }));
    comp.querySelector('.search')!.dispatchEvent('press');
    await flush(5);
    expect(comp.querySelector('.list-state')!.dom!.textContent).toContain('没有符合条件的岗位');

    fakeWx().routes.set('GET /api/v1/employment/postings', () => 'fail');
    comp.querySelector('.search')!.dispatchEvent('press');
    await flush(5);
    expect(comp.querySelector('.list-state')!.dom!.textContent).toContain('网络不可用');
  });
});
