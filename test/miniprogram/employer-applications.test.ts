import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, textOf, type Rendered } from './harness';

const pageId = loadPage('packages/employer/pages/applications/applications');

const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const ALLOWED: Record<string, string[]> = {
  submitted: ['view', 'interview', 'decline'],
  viewed: ['interview', 'decline'],
  interview: ['hire', 'decline'],
  hired: [],
  declined: [],
  withdrawn: [],
};
const WORDS: Record<string, string> = {
  submitted: '已投递',
  viewed: '单位已查看',
  interview: '邀请面试',
  hired: '已录用',
  declined: '未录用',
  withdrawn: '已撤回',
};

function application(over: Record<string, unknown> = {}) {
  const status = String(over.status ?? 'submitted');
  return {
    id: 5,
    postingId: 11,
    postingTitle: '小区保安',
    employerId: 3,
    employerName: '杭州拥军安保服务有限公司',
    status,
    statusText: WORDS[status],
    interviewNote: null,
    declineReason: null,
    createdAt: '2027-03-10T10:00:00.000+08:00',
    updatedAt: '2027-03-10T10:00:00.000+08:00',
    allowedActions: ALLOWED[status],
    profile: {
      name: '李四',
      phone: '13812345678',
      skills: '驾驶 C1，消防设施操作',
      serviceBackground: '陆军，2008–2016，上士',
      desiredWork: '安保、驾驶',
    },
    history: [],
    ...over,
  };
}

const list = (items: unknown[], nextCursor: string | null = null) => ({ data: { items, nextCursor } });

const press = async (comp: Rendered, selector: string, index = 0) => {
  comp.querySelectorAll(selector)[index].dispatchEvent('press');
  await flush(10);
};

describe('收到的投递', () => {
  beforeEach(() => asHolder());

  it('shows each applicant’s profile as sent, and only the moves the server allows', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () =>
      list([
        application({ id: 9 }),
        application({ id: 8, status: 'viewed' }),
        application({ id: 7, status: 'interview', interviewNote: '3月12日上午9点，拥军路1号' }),
        application({ id: 6, status: 'declined', declineReason: '已招满' }),
        application({ id: 5, status: 'withdrawn', profile: { ...application().profile, phone: null } }),
      ]),
    );
    const comp = await openPage(pageId);
    expect(texts(comp, '.status')).toEqual(['已投递', '单位已查看', '邀请面试', '未录用', '已撤回']);
    expect(texts(comp, '.name')[0]).toBe('李四');
    expect(texts(comp, '.phone')).toHaveLength(4);
    expect(texts(comp, '.skills')[0]).toBe('驾驶 C1，消防设施操作');
    expect(texts(comp, '.service')[0]).toBe('陆军，2008–2016，上士');
    expect(texts(comp, '.desired')[0]).toBe('安保、驾驶');
    expect(texts(comp, '.interview')).toEqual(['面试安排：3月12日上午9点，拥军路1号']);
    expect(texts(comp, '.decline-reason')).toEqual(['不录用原因：已招满']);

    // The buttons under each card, in order.
    const moves = comp.querySelectorAll('.moves').map((m) => m.dom!.textContent!.replace(/\s+/g, ''));
    expect(moves).toEqual(['标记已查看邀请面试不录用', '邀请面试不录用', '录用不录用', '', '']);
    expect(requests('GET', '/employer/applications')[0].options.url).not.toContain('postingId');
  });

  it('narrows to one posting with ?postingId=, and says so when there are none', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () => list([]));
    const comp = await openPage(pageId, { postingId: '11' });
    expect(requests('GET', '/employer/applications')[0].options.url).toContain('?postingId=11');
    expect(textOf(comp, '.list-state')).toContain('还没有收到投递');
  });

  it('marks one viewed and shows it as the server answers', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () => list([application()]));
    fakeWx().routes.set('POST /api/v1/employment/employer/applications/5/view', () => ({
      data: application({ status: 'viewed' }),
    }));
    const comp = await openPage(pageId);
    await press(comp, '.mark-viewed');
    expect(requests('POST', '/applications/5/view')[0].options.data).toEqual({});
    expect(texts(comp, '.status')).toEqual(['单位已查看']);
    expect(comp.querySelector('.mark-viewed')).toBeFalsy();
  });

  it('invites to an interview with the time and place, which it requires', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () =>
      list([application({ status: 'viewed' })]),
    );
    fakeWx().routes.set('POST /api/v1/employment/employer/applications/5/interview', () => ({
      data: application({ status: 'interview', interviewNote: '3月12日上午9点，拥军路1号' }),
    }));
    const comp = await openPage(pageId);
    await press(comp, '.invite-start');
    await press(comp, '.send-invite');
    expect(textOf(comp, '.invite-error')).toContain('时间和地点');
    expect(requests('POST', '/interview')).toHaveLength(0);

    comp.querySelector('.invite-input')!.dispatchEvent('input', { detail: { value: ' 3月12日上午9点，拥军路1号 ' } });
    await press(comp, '.send-invite');
    expect(requests('POST', '/interview')[0].options.data).toEqual({ note: '3月12日上午9点，拥军路1号' });
    expect(texts(comp, '.status')).toEqual(['邀请面试']);
    expect(textOf(comp, '.interview')).toBe('面试安排：3月12日上午9点，拥军路1号');
    expect(comp.querySelector('.invite-input')).toBeFalsy();
    expect(comp.querySelector('.hire')).toBeTruthy();
  });

  it('hires only after confirming', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () =>
      list([application({ status: 'interview', interviewNote: '3月12日' })]),
    );
    fakeWx().routes.set('POST /api/v1/employment/employer/applications/5/hire', () => ({
      data: application({ status: 'hired', interviewNote: '3月12日' }),
    }));
    let answers = 0;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: ++answers > 1 }), 0));
    const comp = await openPage(pageId);
    await press(comp, '.hire');
    expect(requests('POST', '/hire')).toHaveLength(0);
    expect(calls('showModal')[0].options.content).toContain('李四');
    await press(comp, '.hire');
    expect(requests('POST', '/hire')).toHaveLength(1);
    expect(texts(comp, '.status')).toEqual(['已录用']);
    expect(comp.querySelector('.hire')).toBeFalsy();
    expect(comp.querySelector('.decline')).toBeFalsy();
  });

  it('declines only after confirming, with the reason written in the dialog (or none)', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () =>
      list([application({ id: 6 }), application({ id: 5 })]),
    );
    for (const id of [5, 6])
      fakeWx().routes.set(`POST /api/v1/employment/employer/applications/${id}/decline`, (o) => ({
        data: application({ id, status: 'declined', declineReason: o.data.reason ?? null }),
      }));
    const answers = [{ confirm: false }, { confirm: true, content: ' 岗位已招满 ' }, { confirm: true, content: '' }];
    fakeWx().on('showModal', (o) => setTimeout(() => o.success(answers.shift()), 0));
    const comp = await openPage(pageId);
    await press(comp, '.decline', 0);
    expect(requests('POST', '/decline')).toHaveLength(0);
    expect(calls('showModal')[0].options.editable).toBe(true);
    await press(comp, '.decline', 0);
    expect(requests('POST', '/applications/6/decline')[0].options.data).toEqual({ reason: '岗位已招满' });
    await press(comp, '.decline', 0);
    expect(requests('POST', '/applications/5/decline')[0].options.data).toEqual({});
    expect(texts(comp, '.status')).toEqual(['未录用', '未录用']);
    expect(texts(comp, '.decline-reason')).toEqual(['不录用原因：岗位已招满']);
  });

  it('INVALID_TRANSITION (withdrawn meanwhile): says so and shows where each one now stands', async () => {
    let withdrawn = false;
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', () =>
      list([application(withdrawn ? { status: 'withdrawn' } : {})]),
    );
    fakeWx().routes.set('POST /api/v1/employment/employer/applications/5/view', () => {
      withdrawn = true;
      return { statusCode: 409, data: { error: { code: 'INVALID_TRANSITION', message: '当前状态不能进行该操作' } } };
    });
    const comp = await openPage(pageId);
    await press(comp, '.mark-viewed');
    expect(textOf(comp, '.action-error')).toBe('当前状态不能进行该操作');
    expect(texts(comp, '.status')).toEqual(['已撤回']);
    expect(comp.querySelector('.moves')!.dom!.textContent!.trim()).toBe('');
  });

  it('loads the next page with the cursor', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/applications', (o) =>
      String(o.url).indexOf('cursor=') >= 0 ? list([application({ id: 4 })]) : list([application()], 'c1'),
    );
    const comp = await openPage(pageId, { postingId: '11' });
    await press(comp, '.load-more');
    expect(requests('GET', '/employer/applications')[1].options.url).toContain('?postingId=11&cursor=c1');
    expect(texts(comp, '.status')).toHaveLength(2);
    expect(comp.querySelector('.load-more')).toBeFalsy();
  });
});
