import { config } from '../../miniprogram/config';
import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/people/pages/proxies/proxies');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const link = (over: Record<string, unknown> = {}) => ({
  id: 5,
  holderAccountId: 7,
  relation: '子女',
  services: ['appeals'],
  servicesText: '诉求和代办',
  status: 'active',
  statusText: '代办中',
  linkedBy: 'holder',
  name: '王**',
  phoneMasked: '*******2222',
  createdAt: '2027-03-10T09:30:00.000+08:00',
  activatedAt: '2027-03-10T09:40:00.000+08:00',
  endedAt: null,
  expiresAt: null,
  mayRevoke: true,
  ...over,
});

function serve(asHolderLinks: unknown[]) {
  fakeWx().routes.set('GET /api/v1/proxies/mine', () => ({ data: { asHolder: asHolderLinks, asProxy: [] } }));
  fakeWx().routes.set('GET /api/v1/proxies/5/actions', () => ({
    data: {
      items: [
        {
          id: 2,
          what: '办理诉求和代办',
          method: 'POST',
          route: '/api/v1/appeals',
          status: 201,
          ok: true,
          at: '2027-03-10T10:00:00.000+08:00',
        },
        {
          id: 1,
          what: '查看诉求和代办',
          method: 'GET',
          route: '/api/v1/appeals/:id',
          status: 404,
          ok: false,
          at: '2027-03-10T09:50:00.000+08:00',
        },
      ],
      nextCursor: null,
    },
  }));
}

const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};
const tap = async (comp: Rendered, selector: string, index = 0) => {
  comp.querySelectorAll(selector)[index].dispatchEvent('tap');
  await flush(2);
};

describe('家属代办 (the holder’s page)', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().on('requestSubscribeMessage', (o) => setTimeout(() => o.success({}), 0));
  });

  it('lists the family members with status, services and what each did lately', async () => {
    serve([
      link(),
      link({
        id: 6,
        status: 'invited',
        statusText: '等待家人输入邀请码',
        name: null,
        activatedAt: null,
        expiresAt: '2027-03-11T09:30:00.000+08:00',
      }),
      link({ id: 4, status: 'revoked', statusText: '已撤销', mayRevoke: false }),
    ]);
    const comp = await openPage(pageId);
    expect(texts(comp, '.current .who')).toEqual(['王**（子女）', '等待家人输入邀请码（子女）']);
    expect(textOf(comp, '.services')).toBe('可以办理：诉求和代办');
    expect(texts(comp, '.action-what')).toEqual(['办理诉求和代办', '查看诉求和代办']);
    expect(texts(comp, '.action-result')).toEqual(['办成', '未办成']);
    expect(texts(comp, '.ended .who')).toEqual(['王**（子女）']);
    expect(comp.querySelectorAll('.revoke')).toHaveLength(2);
  });

  it('says so when no one acts for the holder', async () => {
    serve([]);
    const comp = await openPage(pageId);
    expect(textOf(comp, '.empty')).toBe('还没有家人为您代办。');
  });

  it('asks for the relation and a service, then shows the code large with how to pass it on', async () => {
    serve([]);
    let sent: any;
    fakeWx().routes.set('POST /api/v1/proxies/invitations', (o) => {
      sent = o.data;
      return {
        statusCode: 201,
        data: {
          link: link({ id: 9, status: 'invited' }),
          code: 'K7M2P9QX',
          expiresAt: '2027-03-11T09:30:00.000+08:00',
        },
      };
    });
    const comp = await openPage(pageId);
    await press(comp, '.create');
    expect(textOf(comp, '.form-error')).toBe('请选择这位家人和您的关系');
    await tap(comp, '.relation', 1);
    await press(comp, '.create');
    expect(textOf(comp, '.form-error')).toBe('请至少选择一项可以代办的业务');
    expect(requests('POST', '/api/v1/proxies/invitations')).toHaveLength(0);

    await tap(comp, '.service-appeals');
    await tap(comp, '.service-legal_aid');
    await tap(comp, '.service-legal_aid');
    await tap(comp, '.service-card');
    config.templateIds.service_notice = 'tmpl-service';
    try {
      await press(comp, '.create');
    } finally {
      config.templateIds.service_notice = '';
    }
    expect(sent).toEqual({ relation: '子女', services: ['appeals', 'card'] });
    // Asked from the tap whether to hear by WeChat message when the family member joins.
    expect(calls('requestSubscribeMessage')[0].options.tmplIds).toEqual(['tmpl-service']);
    expect(textOf(comp, '.code')).toBe('K7M2P9QX');
    expect(textOf(comp, '.code-how')).toContain('为家人代办');
    await press(comp, '.copy-code');
    expect(calls('setClipboardData').map((c) => c.options.data)).toEqual(['K7M2P9QX']);
    await press(comp, '.close-code');
    expect(comp.querySelector('.code')).toBeFalsy();
  });

  it('revokes after asking, then reads the list again', async () => {
    serve([link()]);
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true, cancel: false }), 0));
    fakeWx().routes.set('POST /api/v1/proxies/5/revoke', () => ({
      data: link({ status: 'revoked', mayRevoke: false }),
    }));
    const comp = await openPage(pageId);
    serve([link({ status: 'revoked', statusText: '已撤销', mayRevoke: false })]);
    await press(comp, '.revoke');
    await flush(10);
    expect(calls('showModal')[0].options.content).toContain('王**（子女）立即不能再为您办理业务');
    expect(requests('POST', '/api/v1/proxies/5/revoke')).toHaveLength(1);
    expect(comp.querySelectorAll('.revoke')).toHaveLength(0);
    expect(textOf(comp, '.empty')).toBe('还没有家人为您代办。');
  });

  it('shows a failed load with a way to try again', async () => {
    fakeWx().routes.set('GET /api/v1/proxies/mine', () => ({
      statusCode: 503,
      data: { error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后再试' } },
    }));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.load-error')).toBeTruthy();
  });
});
