import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/card/pages/application/application'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
/** The look of the shared button at `selector` (primary, secondary, danger, plain). */
const lookOf = (comp: Rendered, selector: string) => (comp.querySelector(selector) as any).instance.data.look;
/** The action buttons shown, in order, by the action each one takes. */
const buttons = (comp: Rendered) =>
  comp
    .querySelectorAll('.action')
    .map((b) => String(b.dom!.getAttribute('data-action') || b.dom!.className.match(/action-(\w+)/)![1]));

const application = (over: Record<string, unknown> = {}) => ({
  id: 5,
  kind: 'new',
  status: 'draft',
  category: 'veteran',
  station: { id: 2, name: '东城区第一服务站', address: '东城区和平里大街 1 号' },
  delivery: 'pickup',
  address: null,
  photoFileId: 11,
  documentFileIds: [12, 13],
  reason: null,
  needsInfoDeadline: null,
  submittedAt: null,
  createdAt: '2026-03-02T09:00:00.000+08:00',
  history: [
    { action: 'create', from: null, to: 'draft', at: '2026-03-02T09:00:00.000+08:00', by: 'holder', reason: null },
  ],
  allowedActions: ['edit', 'submit', 'withdraw'],
  ...over,
});

async function open(query: Record<string, string> = { id: '5' }) {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush();
  return comp;
}

const requests = (method: string, url: string) =>
  fakeWx().calls.filter(
    (c) => c.api === 'request' && c.options.method === method && String(c.options.url).endsWith(url),
  );

describe('申请进度: the buttons are the server’s allowedActions', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('a draft offers edit, submit and withdraw', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({ data: application() }));
    const comp = await open();
    expect(buttons(comp)).toEqual(['submit', 'edit', 'withdraw']);
    // 提交 is the main action, 修改 another, 撤回 destructive.
    expect([lookOf(comp, '.action-submit'), lookOf(comp, '.action-edit'), lookOf(comp, '.action-withdraw')]).toEqual([
      'primary',
      'secondary',
      'danger',
    ]);
    expect(textOf(comp, '.status')).toBe('草稿');
    expect(comp.querySelector('.reason-box')).toBeFalsy();

    comp.querySelector('.action-edit')!.dispatchEvent('press');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/card/pages/apply/apply?id=5',
    );
  });

  it('a sent-back application leads with 修改 (to the form), shows the reason and the deadline, and does not offer resubmitting the same material', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({
        status: 'needs_info',
        reason: '户口簿本人页不清晰，请重新拍摄',
        needsInfoDeadline: '2026-03-20T18:00:00.000+08:00',
        submittedAt: '2026-03-02T10:00:00.000+08:00',
        history: [
          {
            action: 'create',
            from: null,
            to: 'draft',
            at: '2026-03-02T09:00:00.000+08:00',
            by: 'holder',
            reason: null,
          },
          {
            action: 'submit',
            from: 'draft',
            to: 'submitted',
            at: '2026-03-02T10:00:00.000+08:00',
            by: 'holder',
            reason: null,
          },
          {
            action: 'station_request_info',
            from: 'submitted',
            to: 'needs_info',
            at: '2026-03-06T15:30:00.000+08:00',
            by: 'station',
            reason: '户口簿本人页不清晰，请重新拍摄',
          },
        ],
        allowedActions: ['edit', 'resubmit', 'withdraw'],
      }),
    }));
    const comp = await open();
    // The server allows resubmitting, but the page leads with 修改: the form resubmits after the change.
    expect(buttons(comp)).toEqual(['edit', 'withdraw']);
    expect(lookOf(comp, '.action-edit')).toBe('primary');
    expect(lookOf(comp, '.action-withdraw')).toBe('danger');
    expect(comp.querySelector('.action-resubmit')).toBeFalsy();
    expect(textOf(comp, '.status')).toBe('待补充材料');
    expect(textOf(comp, '.reason')).toBe('户口簿本人页不清晰，请重新拍摄');
    expect(textOf(comp, '.deadline-time')).toBe('2026年3月20日 18:00');

    // The history: newest first, who in role words, the reason.
    const steps = comp.querySelectorAll('.history-item').map((h) => h.dom!.textContent!.replace(/\s+/g, ' '));
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('已提交 → 待补充材料');
    expect(steps[0]).toContain('2026年3月6日 15:30');
    expect(steps[0]).toContain('服务站');
    expect(steps[0]).toContain('原因：户口簿本人页不清晰，请重新拍摄');
    expect(steps[1]).toContain('草稿 → 已提交');
    expect(steps[1]).toContain('本人');

    comp.querySelector('.action-edit')!.dispatchEvent('press');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/card/pages/apply/apply?id=5',
    );
    expect(requests('POST', '/submit')).toHaveLength(0);
  });

  it('a sent-back application past its deadline offers only what the server allows (withdraw)', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({ status: 'needs_info', reason: '照片不清晰', allowedActions: ['withdraw'] }),
    }));
    const comp = await open();
    expect(buttons(comp)).toEqual(['withdraw']);
  });

  it('a submitted application offers withdraw only', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({
        status: 'submitted',
        submittedAt: '2026-03-02T10:00:00.000+08:00',
        allowedActions: ['withdraw'],
      }),
    }));
    const comp = await open();
    expect(buttons(comp)).toEqual(['withdraw']);
    expect(textOf(comp, '.status')).toBe('已提交');
  });

  it('an issued application offers no buttons', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({
        status: 'issued',
        allowedActions: [],
        history: [
          {
            action: 'issue',
            from: 'card_ready',
            to: 'issued',
            at: '2026-05-10T09:00:00.000+08:00',
            by: 'district',
            reason: null,
          },
        ],
      }),
    }));
    const comp = await open();
    expect(buttons(comp)).toEqual([]);
    expect(textOf(comp, '.status')).toBe('已发放');
    expect(comp.querySelector('.history-item')!.dom!.textContent).toContain('区退役军人事务局');
  });

  it('withdraws only after the holder confirms, then shows the new status and buttons', async () => {
    let withdrawn = false;
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({
      data: application({ status: 'submitted', allowedActions: ['withdraw'] }),
    }));
    fakeWx().routes.set('POST /api/v1/card-applications/5/withdraw', () => {
      withdrawn = true;
      return { data: application({ status: 'withdrawn', allowedActions: [] }) };
    });
    const comp = await open();

    // First the holder thinks better of it.
    fakeWx().on('showModal', (o) => o.success({ confirm: false, cancel: true }));
    comp.querySelector('.action-withdraw')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/withdraw')).toHaveLength(0);

    fakeWx().on('showModal', (o) => o.success({ confirm: true, cancel: false }));
    comp.querySelector('.action-withdraw')!.dispatchEvent('press');
    await flush();
    expect(withdrawn).toBe(true);
    expect(requests('POST', '/api/v1/card-applications/5/withdraw')).toHaveLength(1);
    expect(textOf(comp, '.status')).toBe('已撤回');
    expect(buttons(comp)).toEqual([]);
  });

  it('submits a draft and shows the server’s message when it refuses', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/5', () => ({ data: application() }));
    fakeWx().routes.set('POST /api/v1/card-applications/5/submit', () => ({
      statusCode: 400,
      data: { error: { code: 'APPLICATION_INCOMPLETE', message: '请上传身份证、户口簿、退伍证或关系证明等材料' } },
    }));
    const comp = await open();
    comp.querySelector('.action-submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.action-error')).toBe('请上传身份证、户口簿、退伍证或关系证明等材料');
    expect(buttons(comp)).toEqual(['submit', 'edit', 'withdraw']);
  });

  it('without an id shows the newest of the holder’s applications, or the way to apply', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({
      data: {
        items: [application({ id: 9, status: 'approved', allowedActions: [] }), application()],
        nextCursor: null,
      },
    }));
    const comp = await open({});
    expect(textOf(comp, '.status')).toBe('审核通过');

    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({ data: { items: [], nextCursor: null } }));
    const empty = await open({});
    expect(empty.querySelector('.empty')).toBeTruthy();
    expect(buttons(empty)).toEqual([]);
  });
});
