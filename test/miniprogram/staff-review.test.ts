import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

// Private files come through wx.downloadFile with the reviewer's token; the fake has no such API.
const downloads: any[] = [];
(globalThis as any).wx.downloadFile = (o: any) => {
  downloads.push(o);
  const id = String(o.url).split('/').pop();
  setTimeout(
    () =>
      o.success({
        statusCode: id === '13' ? 404 : 200,
        tempFilePath: id === '13' ? '' : `wxfile://tmp/file-${id}.${id === '14' ? 'pdf' : 'jpg'}`,
      }),
    0,
  );
};

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/staff/pages/review/review'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const decisionButtons = (comp: Rendered) =>
  comp.querySelectorAll('.decision').map((b) => b.dom!.className.match(/decision-(\w+)/)![1]);
const reviews = () =>
  fakeWx().calls.filter(
    (c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/staff/card-applications/5/review'),
  );

const staffApplication = (over: Record<string, unknown> = {}) => ({
  id: 5,
  kind: 'new',
  status: 'submitted',
  category: 'veteran',
  station: { id: 2, name: '东城区第一服务站', address: '东城区和平里大街 1 号' },
  delivery: 'pickup',
  address: null,
  photoFileId: 11,
  documentFileIds: [12, 13],
  reason: null,
  needsInfoDeadline: null,
  submittedAt: '2026-03-02T10:00:00.000+08:00',
  createdAt: '2026-03-02T09:00:00.000+08:00',
  history: [
    { action: 'create', from: null, to: 'draft', at: '2026-03-02T09:00:00.000+08:00', by: 'holder', reason: null },
    {
      action: 'submit',
      from: 'draft',
      to: 'submitted',
      at: '2026-03-02T10:00:00.000+08:00',
      by: 'holder',
      reason: null,
    },
  ],
  allowedActions: ['approve', 'reject', 'request_info'],
  applicant: {
    name: '张三',
    gender: 'M',
    birthDate: '1960-05-01',
    idNumberMasked: '**************002X',
    phoneMasked: '*******5678',
    verified: true,
  },
  caseByCase: true,
  declarations: {
    expelled: false,
    deprivedOfPoliticalRights: false,
    servingSentence: false,
    wanted: false,
    priorCriminalPunishment: true,
  },
  batchId: null,
  waitingDays: 3,
  ...over,
});

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({ id: '5' });
  await flush();
  return comp;
}

function typeReason(comp: Rendered, value: string) {
  comp.querySelector('#reason')!.dispatchEvent('input', { detail: { value } });
}

describe('审核申请', () => {
  beforeEach(() => {
    fakeWx().reset();
    downloads.length = 0;
    saveSession({
      accessToken: 'staff-token',
      refreshToken: 'r',
      userId: 3,
      roles: ['station_staff'],
      via: 'password',
    });
    fakeWx().routes.set('GET /api/v1/staff/card-applications/5', () => ({ data: staffApplication() }));
    fakeWx().on('showModal', (o) => o.success({ confirm: true, cancel: false }));
  });

  it('shows the applicant masked, files fetched with the token, the declarations and allowed decisions', async () => {
    const comp = await open();
    expect(textOf(comp, '.applicant-name')).toBe('张三');
    expect(textOf(comp, '.id-masked')).toBe('**************002X');
    expect(textOf(comp, '.phone-masked')).toBe('*******5678');
    expect(comp.dom!.innerHTML).toContain('需逐案审核');
    expect(textOf(comp, '.declaration-priorCriminalPunishment')).toContain('是');
    expect(textOf(comp, '.declaration-expelled')).toContain('否');
    expect(comp.querySelectorAll('.history-item')).toHaveLength(2);

    expect(downloads.map((d) => d.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual([
      '/api/v1/files/11',
      '/api/v1/files/12',
      '/api/v1/files/13',
    ]);
    expect(downloads.every((d) => d.header.Authorization === 'Bearer staff-token')).toBe(true);
    expect(comp.querySelector('.photo')).toBeTruthy();
    expect((comp.instance as any).data.photo.path).toBe('wxfile://tmp/file-11.jpg');
    expect(comp.querySelectorAll('.document-image')).toHaveLength(2);
    expect(comp.dom!.innerHTML).toContain('读取失败');

    expect(decisionButtons(comp)).toEqual(['approve', 'request_info', 'reject']);
    // Each decision looks like what it does: approve is the main step, reject the destructive one.
    expect(comp.querySelectorAll('.decision').map((b) => (b as any).instance.data.look)).toEqual([
      'primary',
      'secondary',
      'danger',
    ]);
    expect((comp.querySelector('.status') as any).instance.data.tone).toBe('info');
    expect(textOf(comp, '.verified')).toBe('身份已核验');
  });

  it('reject without a reason sends nothing and says a reason is needed', async () => {
    const comp = await open();
    comp.querySelector('.decision-reject')!.dispatchEvent('press');
    await flush();
    expect(reviews()).toHaveLength(0);
    expect(textOf(comp, '.reason-error')).toBe('请填写不通过的原因，申请人会看到它');
    expect(fakeWx().calls.some((c) => c.api === 'showToast')).toBe(true);

    // Spaces are not a reason either; nor is request_info without one.
    typeReason(comp, '   ');
    comp.querySelector('.decision-request_info')!.dispatchEvent('press');
    await flush();
    expect(reviews()).toHaveLength(0);
    expect(textOf(comp, '.reason-error')).toBe('请填写需要补充的内容，申请人会看到它');
  });

  it('reject with a reason sends { decision: reject, reason } and shows the new status', async () => {
    let sent: any;
    fakeWx().routes.set('POST /api/v1/staff/card-applications/5/review', (o) => {
      sent = o.data;
      return { data: staffApplication({ status: 'rejected', reason: o.data.reason, allowedActions: [] }) };
    });
    const comp = await open();
    typeReason(comp, ' 经核查曾被开除军籍 ');
    comp.querySelector('.decision-reject')!.dispatchEvent('press');
    await flush();
    expect(reviews()).toHaveLength(1);
    expect(sent).toEqual({ decision: 'reject', reason: '经核查曾被开除军籍' });
    expect(reviews()[0].options.header.Authorization).toBe('Bearer staff-token');
    expect(textOf(comp, '.status')).toBe('未通过');
    expect(textOf(comp, '.notice')).toContain('未通过');
    expect(decisionButtons(comp)).toEqual([]);
    expect(comp.querySelector('.reason-error')).toBeFalsy();
  });

  it('approve needs no reason and sends none', async () => {
    let sent: any;
    fakeWx().routes.set('POST /api/v1/staff/card-applications/5/review', (o) => {
      sent = o.data;
      return { data: staffApplication({ status: 'station_approved', allowedActions: [] }) };
    });
    const comp = await open();
    comp.querySelector('.decision-approve')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual({ decision: 'approve' });
    expect(textOf(comp, '.status')).toBe('初审通过');
  });

  it('sends nothing when the reviewer cancels the confirmation', async () => {
    fakeWx().on('showModal', (o) => o.success({ confirm: false, cancel: true }));
    const comp = await open();
    comp.querySelector('.decision-approve')!.dispatchEvent('press');
    await flush();
    expect(reviews()).toHaveLength(0);
  });

  it('shows the server’s message for 403 and 409, and the application as it stands', async () => {
    fakeWx().routes.set('POST /api/v1/staff/card-applications/5/review', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '该申请待区退役军人事务局审核，服务站不能操作' } },
    }));
    const comp = await open();
    comp.querySelector('.decision-approve')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.action-error')).toBe('该申请待区退役军人事务局审核，服务站不能操作');

    fakeWx().routes.set('POST /api/v1/staff/card-applications/5/review', () => ({
      statusCode: 409,
      data: { error: { code: 'INVALID_TRANSITION', message: '当前状态不允许此操作，请刷新后重试' } },
    }));
    fakeWx().routes.set('GET /api/v1/staff/card-applications/5', () => ({
      data: staffApplication({ status: 'station_approved', allowedActions: [] }),
    }));
    typeReason(comp, '材料不全');
    comp.querySelector('.decision-request_info')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.action-error')).toBe('当前状态不允许此操作，请刷新后重试');
    expect(textOf(comp, '.status')).toBe('初审通过');
    expect(decisionButtons(comp)).toEqual([]);
  });

  it('the photo and documents open full screen; while a decision is on its way every decision waits', async () => {
    let answer: (() => void) | null = null;
    fakeWx().routes.set('POST /api/v1/staff/card-applications/5/review', () => {
      return { data: staffApplication({ status: 'station_approved', allowedActions: [] }) };
    });
    const comp = await open();
    comp.querySelector('.photo')!.dispatchEvent('tap');
    await flush(1);
    const preview = fakeWx().calls.find((c) => c.api === 'previewImage')!.options;
    expect(preview).toEqual({
      urls: ['wxfile://tmp/file-11.jpg', 'wxfile://tmp/file-12.jpg'],
      current: 'wxfile://tmp/file-11.jpg',
    });

    fakeWx().on('showModal', (o) => {
      answer = () => o.success({ confirm: true, cancel: false });
    });
    comp.querySelector('.decision-approve')!.dispatchEvent('press');
    await flush(1);
    answer!();
    const looks = () =>
      comp.querySelectorAll('.decision').map((b) => {
        const d = (b as any).instance.data;
        return [d.disabled, d.loading];
      });
    expect(looks()).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    await flush();
    expect(textOf(comp, '.status')).toBe('初审通过');
  });

  it('a PDF among the documents opens as a document, not as a picture', async () => {
    fakeWx().routes.set('GET /api/v1/staff/card-applications/5', () => ({
      data: staffApplication({ documentFileIds: [12, 14] }),
    }));
    const comp = await open();
    expect(comp.querySelectorAll('.document-pdf')).toHaveLength(1);
    comp.querySelector('.document-pdf')!.dispatchEvent('tap');
    await flush(1);
    expect(fakeWx().calls.find((c) => c.api === 'openDocument')!.options).toMatchObject({
      filePath: 'wxfile://tmp/file-14.pdf',
      fileType: 'pdf',
    });
    comp.querySelector('.document-image')!.dispatchEvent('tap');
    await flush(1);
    expect(fakeWx().calls.find((c) => c.api === 'previewImage')!.options.urls).toEqual([
      'wxfile://tmp/file-11.jpg',
      'wxfile://tmp/file-12.jpg',
    ]);
  });
});
