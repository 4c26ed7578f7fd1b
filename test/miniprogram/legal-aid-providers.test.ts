import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { provider } from './fixtures';
import { openPage, textOf, calls } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const providersId = simulate.load(path.join(root, 'packages/legal-aid/pages/providers/providers'), { rootPath: root });
const open = openPage;

describe('法律服务: providers by service type', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('providers: one tab per service type, asked for by serviceType', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/providers', () => ({ data: { items: [provider], nextCursor: null } }));
    const comp = await open(providersId);
    expect(comp.querySelectorAll('.tab').map((n) => n.dom!.textContent)).toEqual([
      '法律咨询',
      '法律援助',
      '人民调解',
      '心理疏导',
    ]);
    expect(String(calls('request')[0].options.url)).toContain('serviceType=consultation');
    expect(textOf(comp, '.rating')).toBe('评分 4.8（12 人评价）');
    expect(textOf(comp, '.served')).toBe('已服务 30 人次');

    comp.querySelectorAll('.tab')[2].dispatchEvent('tap');
    await flush();
    expect(String(calls('request')[1].options.url)).toContain('serviceType=mediation');

    comp.querySelector('.provider')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe(
      '/packages/legal-aid/pages/provider/provider?id=4&serviceType=mediation',
    );
  });
});

describe('法律服务: when there is nobody or the list fails', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('says nobody offers the service, and offers a retry after a failure', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/providers', () => ({ data: { items: [], nextCursor: null } }));
    const empty = await open(providersId);
    expect(textOf(empty, '.state-empty')).toContain('暂时没有提供该项服务的人员');

    let fail = true;
    fakeWx().routes.set('GET /api/v1/legal-aid/providers', () =>
      fail
        ? { statusCode: 503, data: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } }
        : { data: { items: [provider], nextCursor: null } },
    );
    const failed = await open(providersId);
    expect(textOf(failed, '.state-error')).toContain('服务暂时不可用');
    fail = false;
    failed.querySelector('.state-error')!.dispatchEvent('action');
    await flush(10);
    expect(failed.querySelectorAll('.provider')).toHaveLength(1);
    expect(failed.querySelector('.state-error')).toBeFalsy();
  });
});
