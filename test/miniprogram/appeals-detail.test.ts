import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/appeals/pages/detail/detail');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const step = (
  action: string,
  from: string | null,
  to: string,
  at: string,
  by = 'staff',
  reason: string | null = null,
) => ({
  action,
  from,
  to,
  at,
  by,
  reason,
});
const SUBMIT = step('submit', null, 'submitted', '2026-11-20T09:00:00.000+08:00', 'holder');
const ACCEPT = step('accept', 'submitted', 'accepted', '2026-11-20T14:00:00.000+08:00');
const START = step('start', 'accepted', 'in_progress', '2026-11-21T09:00:00.000+08:00');
const RESOLVE = step(
  'resolve',
  'in_progress',
  'resolved',
  '2026-11-25T16:30:00.000+08:00',
  'staff',
  '已补发 11 月抚恤金',
);

/** An appeal as the detail endpoint sends it. */
function appeal(over: Record<string, unknown> = {}) {
  return {
    id: 41,
    kind: 'appeal',
    category: '待遇保障',
    status: 'submitted',
    statusText: '已提交',
    text: '抚恤金这个月没有到账。',
    contactTime: 'morning',
    stationId: 3,
    stationName: '东四服务站',
    promisedDate: null,
    overdue: false,
    reopenedCount: 0,
    rating: null,
    createdAt: '2026-11-20T09:00:00.000+08:00',
    updatedAt: '2026-11-20T09:00:00.000+08:00',
    outcome: null,
    rejectReason: null,
    ratingComment: null,
    acceptedAt: null,
    resolvedAt: null,
    fileIds: [],
    history: [SUBMIT],
    allowedActions: [],
    ...over,
  };
}
const resolved = (over: Record<string, unknown> = {}) =>
  appeal({
    status: 'resolved',
    statusText: '已办结',
    promisedDate: '2026-11-27',
    acceptedAt: ACCEPT.at,
    resolvedAt: RESOLVE.at,
    outcome: '已补发 11 月抚恤金，到账请查收。',
    history: [SUBMIT, ACCEPT, START, RESOLVE],
    allowedActions: ['confirm', 'reopen', 'rate'],
    ...over,
  });

/** The detail endpoint answers whatever `current` is at the time. */
let current: ReturnType<typeof appeal>;
function serve(a: ReturnType<typeof appeal>) {
  current = a;
  fakeWx().routes.set('GET /api/v1/appeals/41', () => ({ data: current }));
}
/** An action's endpoint: records the body and moves `current` on. */
function onAction(action: string, next: () => ReturnType<typeof appeal>) {
  const bodies: unknown[] = [];
  fakeWx().routes.set(`POST /api/v1/appeals/41/${action}`, (o) => {
    bodies.push(o.data);
    current = next();
    return { data: current };
  });
  return bodies;
}

const open = () => openPage(pageId, { id: '41' });
const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};

describe('诉求详情', () => {
  beforeEach(() => {
    asHolder();
    // Private files come down as temporary paths.
    fakeWx().on('downloadFile', (o) =>
      setTimeout(
        () => o.success({ statusCode: 200, tempFilePath: `wxfile://tmp${String(o.url).split('/files/')[1]}` }),
        0,
      ),
    );
  });

  it('submitted: what was asked, the photos opened as private files, the steps; no actions', async () => {
    serve(appeal({ fileIds: [31, 33] }));
    const comp = await open();
    expect(textOf(comp, '.appeal-title')).toBe('诉求 · 待遇保障');
    expect(textOf(comp, '.status')).toBe('已提交');
    expect(textOf(comp, '.text')).toBe('抚恤金这个月没有到账。');
    expect(textOf(comp, '.contact')).toBe('方便接电话：上午');
    expect(textOf(comp, '.waiting')).toContain('尽快受理');
    expect(comp.querySelector('.handling')).toBeFalsy();
    expect(comp.querySelector('.actions')).toBeFalsy();
    expect(texts(comp, '.history-step')).toEqual(['提交 · 已提交']);

    expect(calls('downloadFile').map((c) => String(c.options.url).replace(/^https?:\/\/[^/]+/, ''))).toEqual([
      '/api/v1/files/31',
      '/api/v1/files/33',
    ]);
    expect(calls('downloadFile')[0].options.header.Authorization).toBe('Bearer t');
    const images = comp.querySelectorAll('.file-image');
    expect(images).toHaveLength(2);
    images[1].dispatchEvent('tap');
    await flush(1);
    expect(calls('previewImage')[0].options).toMatchObject({
      current: 'wxfile://tmp33',
      urls: ['wxfile://tmp31', 'wxfile://tmp33'],
    });
  });

  it('a PDF attachment opens in WeChat’s document viewer and is left out of the photo preview', async () => {
    fakeWx().on('downloadFile', (o) => {
      const id = String(o.url).split('/files/')[1];
      setTimeout(
        () => o.success({ statusCode: 200, tempFilePath: `wxfile://tmp${id}.${id === '32' ? 'pdf' : 'jpg'}` }),
        0,
      );
    });
    serve(appeal({ fileIds: [31, 32] }));
    const comp = await open();
    expect(comp.querySelectorAll('.file-pdf')).toHaveLength(1);
    comp.querySelector('.file-pdf')!.dispatchEvent('tap');
    await flush(1);
    expect(calls('openDocument')[0].options).toMatchObject({ filePath: 'wxfile://tmp32.pdf', fileType: 'pdf' });
    comp.querySelectorAll('.file-image')[0].dispatchEvent('tap');
    await flush(1);
    expect(calls('previewImage')[0].options.urls).toEqual(['wxfile://tmp31.jpg']);
  });

  it('an attachment that cannot be opened says so', async () => {
    fakeWx().on('downloadFile', (o) => setTimeout(() => o.success({ statusCode: 404, tempFilePath: '' }), 0));
    serve(appeal({ fileIds: [31] }));
    const comp = await open();
    expect(textOf(comp, '.file-failed')).toBe('材料打不开');
  });

  it('accepted: the station, the day promised, and a plain word once that day has passed', async () => {
    serve(
      appeal({
        status: 'in_progress',
        statusText: '办理中',
        promisedDate: '2026-11-22',
        overdue: true,
        acceptedAt: ACCEPT.at,
        history: [SUBMIT, step('accept', 'submitted', 'accepted', ACCEPT.at, 'staff', '承诺 2026-11-22 前办结'), START],
      }),
    );
    const comp = await open();
    // The promise reads as itself, not as a "reason".
    expect(texts(comp, '.history-reason')).toEqual(['承诺 2026-11-22 前办结']);
    expect(textOf(comp, '.station')).toBe('东四服务站');
    expect(textOf(comp, '.accepted-at')).toBe('2026年11月20日 14:00');
    expect(textOf(comp, '.promised')).toBe('2026年11月22日 前');
    expect(textOf(comp, '.overdue')).toBe('已超过承诺的办结日期，服务站仍在办理。');
    expect(comp.querySelector('.actions')).toBeFalsy();
    // Newest step first, and who took it (never a staff member's name).
    expect(texts(comp, '.history-step')).toEqual(['开始办理 · 办理中', '服务站受理 · 已受理', '提交 · 已提交']);
    expect(texts(comp, '.history-body .muted')[0]).toBe('2026年11月21日 09:00 · 服务站');
  });

  it('rejected: the reason, and nothing to do', async () => {
    serve(
      appeal({
        status: 'rejected',
        statusText: '未予受理',
        rejectReason: '不属于本站受理范围，请向社保部门反映',
        history: [
          SUBMIT,
          step('reject', 'submitted', 'rejected', '2026-11-20T15:00:00.000+08:00', 'staff', '不属于本站受理范围'),
        ],
      }),
    );
    const comp = await open();
    expect(textOf(comp, '.reject-reason')).toBe('原因：不属于本站受理范围，请向社保部门反映');
    expect(textOf(comp, '.history-reason')).toBe('原因：不属于本站受理范围');
    expect(comp.querySelector('.actions')).toBeFalsy();
  });

  it('resolved: the outcome and the three actions the server allows', async () => {
    serve(resolved());
    const comp = await open();
    expect(textOf(comp, '.outcome')).toBe('已补发 11 月抚恤金，到账请查收。');
    expect(texts(comp, '.history-reason')[0]).toBe('办理结果：已补发 11 月抚恤金');
    expect(textOf(comp, '.resolved-at')).toBe('办结时间：2026年11月25日 16:30');
    expect(textOf(comp, '.confirm')).toBe('确认办结');
    expect(textOf(comp, '.open-reopen')).toBe('不满意，重新办理');
    expect(textOf(comp, '.open-rate')).toBe('评价');
  });

  it('shows only the actions in allowedActions: no reopen once it was used', async () => {
    serve(resolved({ reopenedCount: 1, allowedActions: ['confirm', 'rate'] }));
    const comp = await open();
    expect(comp.querySelector('.confirm')).toBeTruthy();
    expect(comp.querySelector('.open-rate')).toBeTruthy();
    expect(comp.querySelector('.open-reopen')).toBeFalsy();
  });

  it('确认办结 asks first; confirmed, it is sent and the page shows what is left to do', async () => {
    serve(resolved());
    const sent = onAction('confirm', () =>
      resolved({
        status: 'confirmed',
        statusText: '已确认',
        history: [
          SUBMIT,
          ACCEPT,
          START,
          RESOLVE,
          step('confirm', 'resolved', 'confirmed', '2026-11-26T10:00:00.000+08:00', 'holder'),
        ],
        allowedActions: ['rate'],
      }),
    );
    let asked = 0;
    fakeWx().on('showModal', (o) => {
      asked += 1;
      setTimeout(() => o.success({ confirm: asked > 1 }), 0);
    });
    const comp = await open();

    // Declined the first time: nothing is sent.
    await press(comp, '.confirm');
    expect(sent).toHaveLength(0);
    await press(comp, '.confirm');
    expect(sent).toHaveLength(1);
    expect(calls('showModal')[0].options.content).toContain('不能再申请重新办理');
    expect(textOf(comp, '.status')).toBe('已确认');
    expect(comp.querySelector('.confirm')).toBeFalsy();
    expect(comp.querySelector('.open-reopen')).toBeFalsy();
    expect(comp.querySelector('.open-rate')).toBeTruthy();
    expect(texts(comp, '.history-step')[0]).toBe('确认办结 · 已确认');
  });

  it('重新办理 needs a reason; with one it is sent and the appeal is back in progress with no actions', async () => {
    serve(resolved());
    const sent = onAction('reopen', () =>
      resolved({
        status: 'in_progress',
        statusText: '办理中',
        reopenedCount: 1,
        outcome: null,
        history: [
          SUBMIT,
          ACCEPT,
          START,
          RESOLVE,
          step('reopen', 'resolved', 'in_progress', '2026-11-26T10:00:00.000+08:00', 'holder', '只补了一半'),
        ],
        allowedActions: [],
      }),
    );
    const comp = await open();
    expect(comp.querySelector('#reason')).toBeFalsy();
    await press(comp, '.open-reopen');
    expect(comp.querySelector('#reason')).toBeTruthy();

    await press(comp, '.send-reopen');
    expect(textOf(comp, '.reopen-error')).toBe('请说明哪里不满意、还需要怎样办理');
    comp.querySelector('#reason')!.dispatchEvent('input', { detail: { value: ' 好 ' } });
    await press(comp, '.send-reopen');
    expect(textOf(comp, '.reopen-error')).toBe('请说明哪里不满意、还需要怎样办理');
    expect(requests('POST', '/reopen')).toHaveLength(0);

    comp.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '  只补了一半  ' } });
    await press(comp, '.send-reopen');
    expect(sent).toEqual([{ reason: '只补了一半' }]);
    expect(textOf(comp, '.status')).toBe('办理中');
    expect(textOf(comp, '.reopened-note')).toBe('您已申请重新办理，服务站正在重新办理。');
    expect(comp.querySelector('.actions')).toBeFalsy();
    expect(comp.querySelector('#reason')).toBeFalsy();
    expect(texts(comp, '.history-reason')).toEqual(['原因：只补了一半', '办理结果：已补发 11 月抚恤金']);
  });

  it('REOPEN_USED from the server reads clearly and the page shows what is allowed now', async () => {
    serve(resolved());
    fakeWx().routes.set('POST /api/v1/appeals/41/reopen', () => {
      current = resolved({ reopenedCount: 1, allowedActions: ['confirm', 'rate'] });
      return { statusCode: 409, data: { error: { code: 'REOPEN_USED', message: '每件诉求只能申请重新办理一次' } } };
    });
    const comp = await open();
    await press(comp, '.open-reopen');
    comp.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '还是没到账' } });
    await press(comp, '.send-reopen');
    expect(textOf(comp, '.action-error')).toBe('每件诉求只能申请重新办理一次');
    expect(comp.querySelector('.open-reopen')).toBeFalsy();
    expect(comp.querySelector('#reason')).toBeFalsy();
  });

  it('评价: stars are needed, the comment is optional; once rated it shows and cannot be rated again', async () => {
    serve(resolved({ status: 'confirmed', statusText: '已确认', allowedActions: ['rate'] }));
    const sent = onAction('rate', () =>
      resolved({
        status: 'confirmed',
        statusText: '已确认',
        rating: 4,
        ratingComment: '办得快',
        allowedActions: [],
      }),
    );
    const comp = await open();
    await press(comp, '.open-rate');
    expect(comp.querySelectorAll('.star')).toHaveLength(5);

    await press(comp, '.send-rating');
    expect(textOf(comp, '.rate-error')).toBe('请点星星打分（1 到 5 颗）');
    expect(sent).toHaveLength(0);

    comp.querySelectorAll('.star')[3].dispatchEvent('tap');
    await flush(1);
    expect(comp.querySelectorAll('.star.lit')).toHaveLength(4);
    expect(textOf(comp, '.star-word')).toBe('4 颗星：满意');
    comp.querySelector('#comment')!.dispatchEvent('input', { detail: { value: ' 办得快 ' } });
    await press(comp, '.send-rating');
    expect(sent).toEqual([{ rating: 4, comment: '办得快' }]);
    expect(textOf(comp, '.rating-stars')).toBe('★★★★☆');
    expect(textOf(comp, '.rating-comment')).toBe('办得快');
    expect(comp.querySelector('.open-rate')).toBeFalsy();
    expect(comp.querySelector('.rate-form')).toBeFalsy();
  });

  it('评价 without a comment sends only the stars', async () => {
    serve(resolved({ allowedActions: ['confirm', 'rate'] }));
    const sent = onAction('rate', () => resolved({ rating: 5, allowedActions: ['confirm'] }));
    const comp = await open();
    await press(comp, '.open-rate');
    comp.querySelectorAll('.star')[4].dispatchEvent('tap');
    await flush(1);
    await press(comp, '.send-rating');
    expect(sent).toEqual([{ rating: 5 }]);
    expect(comp.querySelector('.open-rate')).toBeFalsy();
    expect(comp.querySelector('.confirm')).toBeTruthy();
  });

  it('ALREADY_RATED from the server reads clearly and the rating form goes', async () => {
    serve(resolved({ allowedActions: ['rate'] }));
    fakeWx().routes.set('POST /api/v1/appeals/41/rate', () => {
      current = resolved({ rating: 3, allowedActions: [] });
      return { statusCode: 409, data: { error: { code: 'ALREADY_RATED', message: '已评价过' } } };
    });
    const comp = await open();
    await press(comp, '.open-rate');
    comp.querySelectorAll('.star')[1].dispatchEvent('tap');
    await press(comp, '.send-rating');
    expect(textOf(comp, '.action-error')).toBe('已评价过');
    expect(comp.querySelector('.rate-form')).toBeFalsy();
    expect(textOf(comp, '.rating-stars')).toBe('★★★☆☆');
  });

  it('pull-down refresh reads it again', async () => {
    serve(appeal());
    const comp = await open();
    current = appeal({
      status: 'accepted',
      statusText: '已受理',
      promisedDate: '2026-11-27',
      acceptedAt: ACCEPT.at,
      history: [SUBMIT, ACCEPT],
    });
    await (comp.instance as any).onPullDownRefresh();
    await flush(2);
    expect(textOf(comp, '.status')).toBe('已受理');
    expect(textOf(comp, '.promised')).toBe('2026年11月27日 前');
    expect(calls('stopPullDownRefresh')).toHaveLength(1);
  });

  it('says so when it cannot be loaded, and loads again', async () => {
    fakeWx().routes.set('GET /api/v1/appeals/41', () => ({
      statusCode: 404,
      data: { error: { code: 'NOT_FOUND', message: '未找到该诉求' } },
    }));
    const comp = await open();
    expect(textOf(comp, '.load-error')).toContain('未找到该诉求');
    serve(appeal());
    comp.querySelector('.load-error')!.dispatchEvent('action');
    await flush(10);
    expect(textOf(comp, '.status')).toBe('已提交');
  });
});
