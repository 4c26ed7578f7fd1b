import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { loadSession } from '../../miniprogram/services/session';
import { asHolder, calls, openPage, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/application/application'), {
  rootPath: root,
});

const application = (over: Record<string, unknown> = {}) => ({
  id: 40,
  name: '老兵面馆',
  licenseNo: '91350100M000100Y43',
  licenseFileId: 8,
  categoryId: 2,
  address: '杭州市上城区拥军路 1 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-86000000',
  intro: null,
  status: 'pending',
  reason: null,
  upheldComplaints: 0,
  ownerAccountId: 7,
  createdAt: '2026-11-20T10:00:00.000+08:00',
  reviewedAt: null,
  categoryName: '食',
  history: [{ from: null, to: 'pending', at: '2026-11-20T10:00:00.000+08:00', by: 'applicant', reason: null }],
  ...over,
});

const open = (mine: unknown) => {
  fakeWx().routes.set('GET /api/v1/merchant-applications/mine', () => ({ data: { application: mine } }));
  return openPage(pageId);
};
const chipText = (comp: ReturnType<typeof simulate.render>) =>
  (comp.querySelector('.status-chip') as any).instance.data.text;

describe('入盟申请进度', () => {
  beforeEach(() => asHolder());

  it('submitted: says it is being reviewed and what happens next, with what was sent', async () => {
    const comp = await open(application());
    expect(chipText(comp)).toBe('审核中');
    expect(textOf(comp, '.next')).toContain('结果会通过消息通知您');
    expect(comp.dom!.innerHTML).toContain('91350100M000100Y43');
    expect(textOf(comp, '.step-text')).toBe('提交申请');
    expect(comp.querySelector('.open-shop')).toBeFalsy();
    expect(comp.querySelector('.reapply')).toBeFalsy();
  });

  it('rejected: shows the reason and leads back to the form', async () => {
    const comp = await open(
      application({
        status: 'rejected',
        reason: '营业执照照片看不清',
        history: [
          { from: null, to: 'pending', at: '2026-11-20T10:00:00.000+08:00', by: 'applicant', reason: null },
          {
            from: 'pending',
            to: 'rejected',
            at: '2026-11-21T10:00:00.000+08:00',
            by: 'staff',
            reason: '营业执照照片看不清',
          },
        ],
      }),
    );
    expect(chipText(comp)).toBe('未通过');
    expect(textOf(comp, '.reason')).toBe('原因：营业执照照片看不清');
    comp.querySelector('.reapply')!.dispatchEvent('press');
    await flush();
    expect(calls('redirectTo')[0].options.url).toBe('/packages/merchant-portal/pages/apply/apply');
  });

  it('approved: takes a token with the owner’s role and opens the shop’s pages', async () => {
    fakeWx().routes.set('POST /api/v1/auth/refresh', () => ({
      data: { accessToken: 't2', refreshToken: 'r2', user: { id: 7, roles: ['holder', 'merchant_owner'] } },
    }));
    const comp = await open(application({ status: 'active' }));
    expect(chipText(comp)).toBe('已通过');
    comp.querySelector('.open-shop')!.dispatchEvent('press');
    await flush();
    expect(loadSession()!.roles).toContain('merchant_owner');
    expect(calls('redirectTo')[0].options.url).toBe('/packages/merchant-portal/pages/home/home');
  });

  it('approved but the login has expired: says to log in again', async () => {
    fakeWx().routes.set('POST /api/v1/auth/refresh', () => ({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '登录已过期' } },
    }));
    const comp = await open(application({ status: 'active' }));
    comp.querySelector('.open-shop')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.open-error')).toContain('重新登录');
    expect(calls('redirectTo')).toHaveLength(0);
  });

  it('never applied: offers the application', async () => {
    const comp = await open(null);
    expect(comp.dom!.innerHTML).toContain('您还没有提交过入盟申请');
    (comp.instance as any).onStateAction();
    await flush();
    expect(calls('redirectTo')[0].options.url).toBe('/packages/merchant-portal/pages/apply/apply');
  });
});
