import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { loadSession, saveSession } from '../../miniprogram/services/session';
import { calls, openPage, textOf } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/home/home'), { rootPath: root });

const me = (role: 'owner' | 'clerk', over: Record<string, unknown> = {}) => ({
  data: {
    role,
    merchant: {
      id: 5,
      name: '老兵面馆',
      licenseNo: '91330102MA2800000X',
      licenseFileId: null,
      categoryId: 2,
      address: '杭州市上城区拥军路 1 号',
      lat: 30.27,
      lng: 120.15,
      contactPhone: '0571-86000000',
      intro: null,
      status: 'active',
      reason: null,
      upheldComplaints: 0,
      ownerAccountId: 9,
      createdAt: '2026-03-01T10:00:00.000+08:00',
      reviewedAt: '2026-03-02T10:00:00.000+08:00',
      ...over,
    },
  },
});

const forbidden = { statusCode: 403, data: { error: { code: 'FORBIDDEN', message: '您不是联盟商户的成员' } } };

describe('店铺管理: the shop’s home', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['holder', 'merchant_owner'], via: 'wechat' });
  });

  it('shows the owner which shop, its state, and every entry', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/me', () => me('owner'));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.shop-name')).toBe('老兵面馆');
    expect((comp.querySelector('.shop-status') as any).instance.data.text).toBe('营业中');
    const entries: Array<[string, string]> = [
      ['.scan-entry', 'scan/scan'],
      ['.offers-entry', 'offers/offers'],
      ['.clerks-entry', 'clerks/clerks'],
      ['.figures-entry', 'figures/figures'],
      ['.settlement-entry', 'settlement/settlement'],
      ['.records-entry', 'redemptions/redemptions'],
    ];
    for (const [sel] of entries) {
      comp.querySelector(sel)!.dispatchEvent('tap');
      await flush(1);
    }
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(
      entries.map(([, p]) => `/packages/merchant-portal/pages/${p}`),
    );
  });

  it('shows a clerk only the counter and the records', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/me', () => me('clerk'));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.scan-entry')).toBeTruthy();
    expect(comp.querySelector('.records-entry')).toBeTruthy();
    expect(comp.querySelector('.offers-entry')).toBeFalsy();
    expect(comp.querySelector('.clerks-entry')).toBeFalsy();
    expect(comp.querySelector('.figures-entry')).toBeFalsy();
    // Clerks do not see money.
    expect(comp.querySelector('.settlement-entry')).toBeFalsy();
  });

  it('explains a suspension with the reason', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/me', () => me('owner', { status: 'suspended', reason: '多次拒绝优惠' }));
    const comp = await openPage(pageId);
    expect((comp.querySelector('.shop-status') as any).instance.data.text).toBe('已暂停');
    expect(comp.dom!.innerHTML).toContain('原因：多次拒绝优惠');
  });

  it('just approved: takes a new token with the owner’s role, then shows the shop', async () => {
    let refreshed = false;
    fakeWx().routes.set('GET /api/v1/merchant/me', () => (refreshed ? me('owner') : forbidden));
    fakeWx().routes.set('POST /api/v1/auth/refresh', () => {
      refreshed = true;
      return {
        data: { accessToken: 't2', refreshToken: 'r2', user: { id: 9, roles: ['holder', 'merchant_owner'] } },
      };
    });
    const comp = await openPage(pageId);
    expect(textOf(comp, '.shop-name')).toBe('老兵面馆');
    expect(loadSession()!.accessToken).toBe('t2');
    expect(loadSession()!.roles).toContain('merchant_owner');
  });

  it('someone in no shop is led to the application', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/me', () => forbidden);
    fakeWx().routes.set('POST /api/v1/auth/refresh', () => ({
      data: { accessToken: 't2', refreshToken: 'r2', user: { id: 9, roles: ['holder'] } },
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.not-member .title')).toBe('您还不是联盟商户');
    comp.querySelector('.to-application')!.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchant-portal/pages/application/application');
  });

  it('says what went wrong when the shop cannot be loaded, and tries again', async () => {
    let fail = true;
    fakeWx().routes.set('GET /api/v1/merchant/me', () => (fail ? 'fail' : me('owner')));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('网络不可用');
    fail = false;
    (comp.instance as any).reload();
    await flush();
    expect(textOf(comp, '.shop-name')).toBe('老兵面馆');
  });
});
