import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, type Rendered } from './harness';

const pageId = loadPage('pages/me/me');

const me = (roles: string[]) => ({ data: { id: 7, displayName: '微信用户', roles, identity: null } });
const consent = {
  data: {
    currentVersion: '2026-11',
    agreedVersion: '2026-11',
    agreedAt: '2026-11-20T10:00:00.000+08:00',
    text: { title: '敏感个人信息处理同意书', intro: '…', items: [] },
  },
};

async function open(roles: string[]): Promise<Rendered> {
  fakeWx().routes.set('GET /api/v1/me', () => me(roles));
  fakeWx().routes.set('GET /api/v1/me/consent', () => consent);
  return openPage(pageId);
}

const ROWS: Array<[string, string, string]> = [
  ['.job-market', '就业超市', '/packages/employment/pages/postings/postings'],
  ['.my-job-applications', '我的求职', '/packages/employment/pages/applications/applications'],
  ['.lodging', '军人驿站', '/packages/lodging/pages/hotels/hotels'],
  ['.my-lodging-bookings', '我的驿站预订', '/packages/lodging/pages/bookings/bookings'],
  ['.employer', '招聘单位', '/packages/employer/pages/home/home'],
];

describe('我的: the ways in to 就业超市, 军人驿站 and 招聘单位', () => {
  beforeEach(() => asHolder());

  it.each(ROWS)('the %s row (%s) opens its page', async (selector, label, url) => {
    const comp = await open(['holder']);
    const row = comp.querySelector(selector)!;
    expect(row.dom!.textContent).toContain(label);
    row.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([url]);
  });

  it('shows the rows to holders only', async () => {
    const comp = await open(['district_staff']);
    for (const [selector] of ROWS) expect(comp.querySelector(selector)).toBeFalsy();
  });
});
