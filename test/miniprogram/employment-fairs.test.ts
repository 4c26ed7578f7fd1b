import { fakeWx, flush } from './fake';
import { asHolder, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/employment/pages/fairs/fairs');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

function fair(over: Record<string, unknown> = {}) {
  return {
    id: 3,
    title: '春季专场招聘会',
    mode: 'onsite',
    fairDate: '2027-03-17',
    place: '区人力资源市场三楼',
    link: null,
    description: '三十家单位参会',
    capacity: 100,
    signupCount: 10,
    remaining: 90,
    employers: [{ id: 2, name: '杭州拥军安保服务有限公司' }],
    mySignup: null,
    ...over,
  };
}

describe('招聘会', () => {
  beforeEach(() => asHolder());

  it('lists fairs with the day, place or link, employers and places left', async () => {
    fakeWx().routes.set('GET /api/v1/employment/fairs', () => ({
      data: {
        items: [
          fair(),
          fair({
            id: 4,
            mode: 'online',
            place: null,
            link: 'https://example.com/f',
            capacity: null,
            remaining: null,
            employers: [],
          }),
          fair({ id: 5, remaining: 0 }),
        ],
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.day')).toEqual(['2027年3月17日', '2027年3月17日', '2027年3月17日']);
    expect(texts(comp, '.where')).toEqual([
      '地点：区人力资源市场三楼',
      '网络招聘会：https://example.com/f',
      '地点：区人力资源市场三楼',
    ]);
    expect(texts(comp, '.places')).toEqual(['还剩 90 个名额', '名额不限', '名额已满']);
    expect(texts(comp, '.employers')[0]).toBe('参会单位：杭州拥军安保服务有限公司');
    expect(texts(comp, '.sign-up')).toEqual(['报名', '报名', '名额已满']);
  });

  it('signs up, then cancels after confirming', async () => {
    let signed = false;
    fakeWx().routes.set('GET /api/v1/employment/fairs', () => ({
      data: {
        items: [
          fair(signed ? { mySignup: { id: 9, fairId: 3, status: 'signed_up', attended: false, createdAt: '' } } : {}),
        ],
      },
    }));
    fakeWx().routes.set('POST /api/v1/employment/fairs/3/signups', () => {
      signed = true;
      return { statusCode: 201, data: {} };
    });
    fakeWx().routes.set('POST /api/v1/employment/fairs/3/signups/cancel', () => {
      signed = false;
      return { data: {} };
    });
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
    const comp = await openPage(pageId);
    comp.querySelector('.sign-up')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/api/v1/employment/fairs/3/signups')).toHaveLength(1);
    expect(texts(comp, '.signed')).toEqual(['已报名']);
    comp.querySelector('.cancel')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/signups/cancel')).toHaveLength(1);
    expect(comp.querySelector('.cancel')).toBeFalsy();
  });

  it('shows a refusal such as a full fair', async () => {
    fakeWx().routes.set('GET /api/v1/employment/fairs', () => ({ data: { items: [fair()] } }));
    fakeWx().routes.set('POST /api/v1/employment/fairs/3/signups', () => ({
      statusCode: 409,
      data: { error: { code: 'FAIR_FULL', message: '招聘会报名人数已满' } },
    }));
    const comp = await openPage(pageId);
    comp.querySelector('.sign-up')!.dispatchEvent('press');
    await flush(10);
    expect(texts(comp, '.action-error')).toEqual(['招聘会报名人数已满']);
  });
});
