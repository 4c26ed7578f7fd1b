import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, openPage, requests, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/people/pages/identity-change/identity-change'), {
  rootPath: root,
});
const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const identity = (over: Record<string, unknown> = {}) => ({
  name: '陈卫国',
  idNumberMasked: '**************002X',
  phoneMasked: '*******5678',
  category: 'veteran',
  verified: true,
  ...over,
});
const me = (id: unknown = identity()) => ({
  data: { id: 7, displayName: '微信用户', roles: ['holder'], identity: id },
});
const request = (over: Record<string, unknown> = {}) => ({
  id: 31,
  status: 'submitted',
  changes: { name: '王建国', category: null, idNumberMasked: null, phoneMasked: null },
  previous: { name: '陈卫国', category: 'veteran', idNumberMasked: '**************002X' },
  reason: '已在派出所办理更名',
  documentFileIds: [],
  decisionReason: null,
  createdAt: '2026-03-02T10:00:00.000+08:00',
  decidedAt: null,
  history: [
    { action: 'submit', from: null, to: 'submitted', at: '2026-03-02T10:00:00.000+08:00', by: 'holder', reason: null },
  ],
  allowedActions: ['withdraw'],
  ...over,
});

function type(comp: Rendered, id: string, value: string) {
  comp.querySelector(`#${id}`)!.dispatchEvent('input', { detail: { value } });
}

const posts = () => requests('POST', '/api/v1/me/identity-change-requests');

describe('身份信息变更: the holder’s change requests', () => {
  beforeEach(() => asHolder());

  it('shows the verified identity, no request yet, and sends a new name with the reason', async () => {
    let list: unknown[] = [];
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items: list, nextCursor: null } }));
    let sent: any;
    fakeWx().routes.set('POST /api/v1/me/identity-change-requests', (o) => {
      sent = o.data;
      list = [request()];
      return { statusCode: 201, data: request() };
    });
    const comp = await openPage(pageId);
    expect(textOf(comp, '.current-name')).toBe('陈卫国');
    expect(comp.querySelector('.empty')).toBeTruthy();
    expect(comp.querySelector('.change-form')).toBeTruthy();

    type(comp, 'name', ' 王建国 ');
    type(comp, 'reason', '已在派出所办理更名');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(posts()).toHaveLength(1);
    expect(posts()[0].options.header.Authorization).toBe('Bearer t');
    expect(sent).toEqual({ name: '王建国', reason: '已在派出所办理更名' });

    // The open request is listed with its status; no second form while it is open.
    expect(textOf(comp, '.notice')).toBe('变更申请已提交，工作人员审核后会通知您');
    expect(comp.querySelector('.change-form')).toBeFalsy();
    expect(comp.querySelector('.open-hint')).toBeTruthy();
    const row = comp.querySelector('.request-31')!.dom!.textContent!;
    expect(row).toContain('审核中');
    expect(row).toContain('姓名：陈卫国 → 王建国');
    expect(row).toContain('提交申请');
    expect(comp.querySelector('.withdraw')).toBeTruthy();
  });

  it('sends a new category alone, and nothing when nothing changes or the reason is missing', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items: [], nextCursor: null } }));
    let sent: any;
    fakeWx().routes.set('POST /api/v1/me/identity-change-requests', (o) => {
      sent = o.data;
      return {
        statusCode: 201,
        data: request({ changes: { name: null, category: 'martyr_family', idNumberMasked: null, phoneMasked: null } }),
      };
    });
    const comp = await openPage(pageId);

    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.form-error')).toBe('请填写新的姓名，或选择新的身份类别');
    expect(textOf(comp, '.reason-error')).toBe('请说明变更的原因，如已在派出所办理更名');

    // The same name and category as now is no change either.
    type(comp, 'name', '陈卫国');
    (comp.instance as any).onCategoryChange({ detail: { value: '1' } });
    type(comp, 'reason', '核对');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.form-error')).toBe('请填写新的姓名，或选择新的身份类别');
    expect(posts()).toHaveLength(0);

    (comp.instance as any).onCategoryChange({ detail: { value: '2' } });
    type(comp, 'reason', '类别登记有误');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(sent).toEqual({ category: 'martyr_family', reason: '类别登记有误' });
  });

  it('shows the server’s refusal in its words, under the field it names', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items: [], nextCursor: null } }));
    let answer: any = {
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'name：姓名只能包含汉字、字母和间隔号',
          details: [{ field: 'name', message: '姓名只能包含汉字、字母和间隔号' }],
        },
      },
    };
    fakeWx().routes.set('POST /api/v1/me/identity-change-requests', () => answer);
    const comp = await openPage(pageId);
    type(comp, 'name', '王建国2');
    type(comp, 'reason', '更名');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.name-error')).toBe('姓名只能包含汉字、字母和间隔号');

    answer = {
      statusCode: 409,
      data: {
        error: { code: 'CHANGE_REQUEST_EXISTS', message: '您已有一份正在审核的变更申请，请等待审核结果或先撤回' },
      },
    };
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.submit-error')).toBe('您已有一份正在审核的变更申请，请等待审核结果或先撤回');
  });

  it('opens the consent page when the server asks for the current consent, keeping what was typed', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items: [], nextCursor: null } }));
    fakeWx().routes.set('POST /api/v1/me/identity-change-requests', () => ({
      statusCode: 403,
      data: {
        error: { code: 'CONSENT_REQUIRED', message: '请先阅读并同意《敏感个人信息处理同意书》，再登记或变更身份信息' },
      },
    }));
    const comp = await openPage(pageId);
    type(comp, 'name', '陈卫民');
    type(comp, 'reason', '已在派出所办理更名');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/people/pages/consent/consent']);
    expect(textOf(comp, '.submit-error')).toContain('同意书');
    expect((comp.instance as any).data.form.name).toBe('陈卫民');
  });

  it('lists decided requests with the staff’s reason, and withdraws an open one after asking', async () => {
    let items = [
      request(),
      request({
        id: 30,
        status: 'rejected',
        changes: { name: null, category: 'martyr_family', idNumberMasked: null, phoneMasked: null },
        decisionReason: '未提供烈士证明材料',
        allowedActions: [],
        history: [
          {
            action: 'submit',
            from: null,
            to: 'submitted',
            at: '2026-03-01T10:00:00.000+08:00',
            by: 'holder',
            reason: null,
          },
          {
            action: 'reject',
            from: 'submitted',
            to: 'rejected',
            at: '2026-03-01T15:00:00.000+08:00',
            by: 'staff',
            reason: '未提供烈士证明材料',
          },
        ],
      }),
    ];
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items, nextCursor: null } }));
    fakeWx().routes.set('POST /api/v1/me/identity-change-requests/31/withdraw', () => {
      items = [request({ status: 'withdrawn', allowedActions: [] }), items[1]];
      return { data: items[0] };
    });
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
    const comp = await openPage(pageId);
    const rejected = comp.querySelector('.request-30')!.dom!.textContent!;
    expect(rejected).toContain('未通过');
    expect(rejected).toContain('身份类别：退役军人 → 烈士遗属');
    expect(rejected).toContain('审核意见：未提供烈士证明材料');
    expect(comp.querySelectorAll('.withdraw')).toHaveLength(1);

    comp.querySelector('.withdraw')!.dispatchEvent('press');
    await flush(10);
    expect(calls('showModal')).toHaveLength(1);
    expect(requests('POST', '/withdraw')).toHaveLength(1);
    expect(comp.querySelector('.request-31')!.dom!.textContent).toContain('已撤回');
    expect(comp.querySelector('.withdraw')).toBeFalsy();
    expect(comp.querySelector('.change-form')).toBeTruthy();
  });

  it('offers no request form for an identity not yet verified', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified: false })));
    fakeWx().routes.set('GET /api/v1/me/identity-change-requests', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.not-verified')).toBeTruthy();
    expect(comp.querySelector('.change-form')).toBeFalsy();
  });
});
