import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

/** The text of the first element matching `selector`, or undefined when there is none. */
const textOf = (comp: ReturnType<typeof simulate.render>, selector: string) =>
  comp.querySelector(selector)?.dom?.textContent?.trim();

// Loaded once: a page's module runs Component() only the first time it is required.
const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/me/me'), { rootPath: root });

const consent = (agreed: boolean) => ({
  data: {
    currentVersion: '2026-11',
    agreedVersion: agreed ? '2026-11' : null,
    agreedAt: agreed ? '2026-11-20T10:00:00.000+08:00' : null,
    text: { title: '敏感个人信息处理同意书', intro: '…', items: [] },
  },
});
const navigations = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'navigateTo')
    .map((c) => c.options.url);

const me = (identity: unknown = null, roles = ['holder']) => ({
  data: { id: 7, displayName: '微信用户', roles, identity },
});
const identity = (over: Record<string, unknown> = {}) => ({
  name: '张三',
  idNumberMasked: '**************002X',
  phoneMasked: '*******5678',
  category: 'veteran',
  verified: false,
  ...over,
});

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush();
  return comp;
}

function type(comp: ReturnType<typeof simulate.render>, id: string, value: string) {
  comp.querySelector(`#${id}`)!.dispatchEvent('input', { detail: { value } });
}

async function fillAndSubmit(comp: ReturnType<typeof simulate.render>, idNumber: string) {
  type(comp, 'name', '张三');
  type(comp, 'idNumber', idNumber);
  type(comp, 'phone', '13812345678');
  (comp.instance as any).onCategoryChange({ detail: { value: '0' } });
  await flush(1);
  comp.querySelector('.submit')!.dispatchEvent('press');
  await flush();
}

const puts = () => fakeWx().calls.filter((c) => c.api === 'request' && c.options.method === 'PUT');

describe('我的: binding the identity', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/me/consent', () => consent(true));
  });

  it('shows the form to a holder with no identity yet, and sends nothing for an invalid ID number', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    const comp = await open();
    expect(comp.querySelector('.identity-form')).toBeTruthy();
    expect(comp.dom!.innerHTML).toContain('优抚服务对象');

    await fillAndSubmit(comp, '110105194912310021');
    expect(textOf(comp, '.id-number-error')).toBe('身份证号码校验位不正确，请核对后重新输入');
    expect(puts()).toHaveLength(0);

    await fillAndSubmit(comp, '11010519491231002');
    expect(textOf(comp, '.id-number-error')).toBe('身份证号码应为 18 位，现在是 17 位');
    expect(puts()).toHaveLength(0);
  });

  it('shows a problem with the phone number under its field, and sends nothing', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    const comp = await open();
    type(comp, 'name', '张三');
    type(comp, 'idNumber', '11010519491231002X');
    type(comp, 'phone', '1381234');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.phone-error')).toBe('请填写 11 位手机号码');
    expect(textOf(comp, '.category-error')).toBe('请选择身份类别');
    expect(comp.querySelector('.id-number-error')).toBeFalsy();
    expect(puts()).toHaveLength(0);
  });

  it('sends a valid ID number normalized (lowercase x made X), then shows the masked identity', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    let sent: any;
    fakeWx().routes.set('PUT /api/v1/me/identity', (o) => {
      sent = o.data;
      return { data: identity() };
    });
    const comp = await open();
    await fillAndSubmit(comp, ' 11010519491231002x');
    expect(puts()).toHaveLength(1);
    expect(puts()[0].options.header.Authorization).toBe('Bearer t');
    expect(sent).toEqual({ name: '张三', idNumber: '11010519491231002X', phone: '13812345678', category: 'veteran' });
    expect(comp.querySelector('.identity-form')).toBeFalsy();
    expect(textOf(comp, '.id-masked')).toBe('**************002X');
    expect(textOf(comp, '.phone-masked')).toBe('*******5678');
    expect(comp.dom!.innerHTML).toContain('退役军人');
    expect(comp.dom!.innerHTML).toContain('待服务站核验');
    // The full number does not stay in the page's data.
    expect((comp.instance as any).data.form.idNumber).toBe('');
  });

  it('shows the server’s message when the ID number is bound to another account', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('PUT /api/v1/me/identity', () => ({
      statusCode: 409,
      data: { error: { code: 'ID_NUMBER_TAKEN', message: '该身份证号码已绑定其他账号，如有疑问请联系服务站' } },
    }));
    const comp = await open();
    await fillAndSubmit(comp, '11010519491231002X');
    expect(puts()).toHaveLength(1);
    expect(textOf(comp, '.id-number-error')).toBe('该身份证号码已绑定其他账号，如有疑问请联系服务站');
    expect(comp.querySelector('.identity-form')).toBeTruthy();
  });

  it('shows a validation failure under the field the server names', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('PUT /api/v1/me/identity', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'name：姓名只能包含汉字、字母和间隔号',
          details: [{ field: 'name', message: '姓名只能包含汉字、字母和间隔号' }],
        },
      },
    }));
    const comp = await open();
    await fillAndSubmit(comp, '11010519491231002X');
    expect(textOf(comp, '.name-error')).toBe('姓名只能包含汉字、字母和间隔号');
  });

  it('lets an unverified identity be corrected; a locked one shows the server’s message, no edit button', async () => {
    let verified = false;
    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified })));
    fakeWx().routes.set('PUT /api/v1/me/identity', () => {
      verified = true;
      return {
        statusCode: 409,
        data: { error: { code: 'IDENTITY_LOCKED', message: '身份信息已由工作人员核验，如需更改请到服务站办理' } },
      };
    });
    const comp = await open();
    expect(comp.querySelector('.identity-form')).toBeFalsy();
    comp.querySelector('.edit')!.dispatchEvent('press');
    await flush(1);
    expect((comp.instance as any).data.form).toMatchObject({ name: '张三', idNumber: '', categoryIndex: 0 });

    await fillAndSubmit(comp, '11010519491231002X');
    expect(textOf(comp, '.submit-error')).toBe('身份信息已由工作人员核验，如需更改请到服务站办理');
    expect(comp.querySelector('.verified')).toBeTruthy();
    expect(comp.querySelector('.edit')).toBeFalsy();
  });

  it('shows a verified identity without an edit button', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified: true, category: 'martyr_family' })));
    const comp = await open();
    expect(textOf(comp, '.verified')).toBe('已核验');
    expect(comp.dom!.innerHTML).toContain('烈士遗属');
    expect(comp.querySelector('.edit')).toBeFalsy();
    expect(comp.querySelector('.identity-form')).toBeFalsy();
  });

  it('offers a change request for a verified identity, and none for one still open to correction', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified: true })));
    const verified = await open();
    expect(verified.querySelector('.edit')).toBeFalsy();
    verified.querySelector('.request-change')!.dispatchEvent('press');
    await flush();
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toEqual(['/packages/people/pages/identity-change/identity-change']);

    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified: false })));
    const unverified = await open();
    expect(unverified.querySelector('.request-change')).toBeFalsy();
    expect(unverified.querySelector('.edit')).toBeTruthy();
  });

  it('offers no identity form to staff accounts', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['station_staff'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(null, ['station_staff']));
    const comp = await open();
    expect(comp.dom!.innerHTML).toContain('服务站工作人员');
    expect(comp.querySelector('.identity-form')).toBeFalsy();
  });

  it('leads a holder to their complaints, and a provider to their appointments', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity()));
    const holderPage = await open();
    expect(holderPage.querySelector('.my-desk')).toBeFalsy();
    holderPage.querySelector('.my-complaints')!.dispatchEvent('tap');
    await flush();

    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['lawyer'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(null, ['lawyer']));
    const lawyerPage = await open();
    expect(lawyerPage.querySelector('.my-complaints')).toBeFalsy();
    lawyerPage.querySelector('.my-desk')!.dispatchEvent('tap');
    await flush();
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toEqual(['/packages/merchants/pages/complaints/complaints', '/packages/legal-aid/pages/day/day']);
  });

  it('leads a holder to their redemptions and to joining as a shop, and a shop’s people to its pages', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity()));
    const holderPage = await open();
    expect(textOf(holderPage, '.shop')).toContain('商户加入拥军优待联盟');
    holderPage.querySelector('.my-redemptions')!.dispatchEvent('tap');
    await flush();
    holderPage.querySelector('.shop')!.dispatchEvent('tap');
    await flush();

    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_clerk'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(null, ['merchant_clerk']));
    const clerkPage = await open();
    expect(clerkPage.querySelector('.my-redemptions')).toBeFalsy();
    expect(textOf(clerkPage, '.shop')).toContain('店铺管理');
    clerkPage.querySelector('.shop')!.dispatchEvent('tap');
    await flush();
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toEqual([
      '/packages/merchants/pages/redemptions/redemptions',
      '/packages/merchant-portal/pages/application/application',
      '/packages/merchant-portal/pages/home/home',
    ]);
  });

  it('leads a holder to 我的代金券; staff have no such entry', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity()));
    const holderPage = await open();
    expect(textOf(holderPage, '.my-vouchers')).toContain('我的代金券');
    holderPage.querySelector('.my-vouchers')!.dispatchEvent('tap');
    await flush();
    expect(navigations()).toEqual(['/packages/vouchers/pages/orders/orders']);

    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['station_staff'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(null, ['station_staff']));
    const staffPage = await open();
    expect(staffPage.querySelector('.my-vouchers')).toBeFalsy();
  });

  it('says so when the account cannot be loaded', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => 'fail');
    const comp = await open();
    expect(textOf(comp, '.load-error')).toContain('网络不可用，请检查网络后重试');
  });

  it('asks for consent before the form: no form until the holder has agreed', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    let agreed = false;
    fakeWx().routes.set('GET /api/v1/me/consent', () => consent(agreed));
    const comp = await open();
    expect(comp.querySelector('.identity-form')).toBeFalsy();
    expect(comp.querySelector('.consent-needed')).toBeTruthy();

    comp.querySelector('.open-consent')!.dispatchEvent('press');
    await flush();
    expect(navigations()).toEqual(['/packages/people/pages/consent/consent']);

    // Coming back without agreeing changes nothing; after agreeing, the form is there.
    (comp.instance as any).onShow();
    await flush();
    expect(comp.querySelector('.identity-form')).toBeFalsy();
    comp.querySelector('.open-consent')!.dispatchEvent('press');
    await flush();
    agreed = true;
    (comp.instance as any).onShow();
    await flush();
    expect(comp.querySelector('.consent-needed')).toBeFalsy();
    expect(comp.querySelector('.identity-form')).toBeTruthy();
  });

  it('opens the consent page when the server answers CONSENT_REQUIRED, keeping what was typed', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me());
    fakeWx().routes.set('PUT /api/v1/me/identity', () => ({
      statusCode: 403,
      data: { error: { code: 'CONSENT_REQUIRED', message: '登记身份前，请先阅读并同意《敏感个人信息处理同意书》' } },
    }));
    const comp = await open();
    await fillAndSubmit(comp, '11010519491231002X');
    expect(navigations()).toEqual(['/packages/people/pages/consent/consent']);
    expect(textOf(comp, '.submit-error')).toContain('同意书');
    expect((comp.instance as any).data.form.idNumber).toBe('11010519491231002X');
  });

  it('asks for consent before correcting an unverified identity', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity()));
    fakeWx().routes.set('GET /api/v1/me/consent', () => consent(false));
    const comp = await open();
    comp.querySelector('.edit')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelector('.identity-form')).toBeFalsy();
    expect(navigations()).toEqual(['/packages/people/pages/consent/consent']);
  });

  it('links a holder to 我的信息, the consent text, 注销账号 and WeChat’s privacy guide', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity({ verified: true })));
    const comp = await open();
    for (const link of ['.my-data', '.consent-link', '.delete-account', '.privacy-guide']) {
      comp.querySelector(link)!.dispatchEvent('tap');
      await flush();
    }
    expect(navigations()).toEqual([
      '/packages/people/pages/my-data/my-data',
      '/packages/people/pages/consent/consent',
      '/packages/people/pages/delete-account/delete-account',
    ]);
    expect(fakeWx().calls.filter((c) => c.api === 'openPrivacyContract')).toHaveLength(1);
  });

  it('shows staff the privacy guide but no holder’s data or deletion links', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['station_staff'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/me', () => me(null, ['station_staff']));
    const comp = await open();
    expect(comp.querySelector('.privacy-guide')).toBeTruthy();
    expect(comp.querySelector('.my-data')).toBeFalsy();
    expect(comp.querySelector('.delete-account')).toBeFalsy();
    expect(fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).includes('consent'))).toHaveLength(
      0,
    );
  });

  it('sets the root font size from WeChat’s text size', async () => {
    fakeWx().routes.set('GET /api/v1/me', () => me(identity()));
    const comp = await open();
    expect((comp.instance as any).data.rootFontSize).toMatch(/px$/);
  });
});
