import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { calls, type Rendered, requests, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/staff/pages/identity-changes/identity-changes'), {
  rootPath: root,
});

const item = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'submitted',
  changes: { name: `王建${id}`, category: null, idNumberMasked: null, phoneMasked: null },
  previous: { name: `陈卫${id}`, category: 'veteran', idNumberMasked: '**************002X' },
  reason: '已在派出所办理更名',
  documentFileIds: [],
  decisionReason: null,
  createdAt: '2026-03-02T10:00:00.000+08:00',
  decidedAt: null,
  history: [],
  allowedActions: ['approve', 'reject'],
  stationId: 2,
  person: {
    id: 100 + id,
    name: `陈卫${id}`,
    category: 'veteran',
    idNumberMasked: '**************002X',
    phoneMasked: '*******5678',
  },
  ...over,
});

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  (comp.instance as any).onShow();
  await flush(10);
  return comp;
}

const reviews = () => requests('POST', '/review');

describe('身份变更审核: staff decide change requests', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 's', refreshToken: 'r', userId: 3, roles: ['station_staff'], via: 'password' });
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
  });

  it('lists the open requests with the person now and the change asked for, and pages on', async () => {
    fakeWx().routes.set('GET /api/v1/staff/identity-change-requests', (o) =>
      String(o.url).indexOf('cursor=') >= 0
        ? { data: { items: [item(3)], nextCursor: null } }
        : { data: { items: [item(1, { documentFileIds: [9] }), item(2)], nextCursor: 'c-2' } },
    );
    const comp = await open();
    expect(String(calls('request')[0].options.url)).toContain(
      '/api/v1/staff/identity-change-requests?status=submitted',
    );
    const first = comp.querySelector('.item-1')!.dom!.textContent!;
    expect(first).toContain('陈卫1');
    expect(first).toContain('姓名：陈卫1 → 王建1');
    expect(first).toContain('已在派出所办理更名');
    expect(first).toContain('查看材料（1 份）');
    expect(comp.querySelector('.item-2 .view-documents')).toBeFalsy();

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush(10);
    expect(String(calls('request')[1].options.url)).toContain('cursor=c-2');
    expect(comp.querySelectorAll('.item')).toHaveLength(3);
  });

  it('rejects only with a reason, approves after confirming, and drops decided requests from the list', async () => {
    fakeWx().routes.set('GET /api/v1/staff/identity-change-requests', () => ({
      data: { items: [item(1), item(2)], nextCursor: null },
    }));
    const sent: any[] = [];
    fakeWx().routes.set('POST /api/v1/staff/identity-change-requests/1/review', (o) => {
      sent.push(o.data);
      return { data: item(1, { status: 'rejected' }) };
    });
    fakeWx().routes.set('POST /api/v1/staff/identity-change-requests/2/review', (o) => {
      sent.push(o.data);
      return { data: item(2, { status: 'approved' }) };
    });
    const comp = await open();
    // Approve is the main step; not approving is the destructive one.
    expect((comp.querySelector('.item-1 .approve') as any).instance.data.look).toBe('primary');
    expect((comp.querySelector('.item-1 .reject') as any).instance.data.look).toBe('danger');

    comp.querySelector('.item-1 .reject')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.item-1 .reason-error')).toBe('请填写不通过的原因，申请人会看到它');
    expect(reviews()).toHaveLength(0);

    comp.querySelector('.item-1 .reason-input')!.dispatchEvent('input', { detail: { value: '未提供户口簿变更页' } });
    await flush(1);
    comp.querySelector('.item-1 .reject')!.dispatchEvent('press');
    await flush(10);
    expect(sent[0]).toEqual({ decision: 'reject', reason: '未提供户口簿变更页' });
    expect(comp.querySelector('.item-1')).toBeFalsy();
    expect(textOf(comp, '.notice')).toBe('已作不通过处理');

    comp.querySelector('.item-2 .approve')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal').length).toBe(2);
    expect(sent[1]).toEqual({ decision: 'approve' });
    expect(textOf(comp, '.empty')).toContain('没有待审核的身份变更申请');
  });

  it('shows the server’s words when someone decided first, and keeps the request', async () => {
    fakeWx().routes.set('GET /api/v1/staff/identity-change-requests', () => ({
      data: { items: [item(1)], nextCursor: null },
    }));
    fakeWx().routes.set('POST /api/v1/staff/identity-change-requests/1/review', () => ({
      statusCode: 409,
      data: { error: { code: 'INVALID_TRANSITION', message: '当前状态不允许此操作，请刷新后重试' } },
    }));
    const comp = await open();
    comp.querySelector('.item-1 .approve')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.item-1 .action-error')).toBe('当前状态不允许此操作，请刷新后重试');
  });

  it('is for staff only', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    const comp = await open();
    expect(comp.querySelector('.not-staff')).toBeTruthy();
    expect(calls('request')).toHaveLength(0);
  });
});
