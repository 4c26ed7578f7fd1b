import { currentActing, startActing } from '../../miniprogram/services/acting';
import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, type Rendered } from './harness';

const pageId = loadPage('packages/people/pages/act-for/act-for');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

const link = (over: Record<string, unknown> = {}) => ({
  id: 5,
  holderAccountId: 42,
  relation: '父母',
  services: ['appeals', 'legal_aid'],
  servicesText: '诉求和代办、法律咨询预约',
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

const serve = (asProxy: unknown[]) =>
  fakeWx().routes.set('GET /api/v1/proxies/mine', () => ({ data: { asHolder: [], asProxy } }));

const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};
const typeCode = async (comp: Rendered, value: string) => {
  comp.querySelector('#code')!.dispatchEvent('input', { detail: { value } });
  await flush(1);
};

describe('为家人代办 (the family member’s page)', () => {
  beforeEach(() => asHolder());

  it('redeems a code and lists the person to act for', async () => {
    serve([]);
    const comp = await openPage(pageId);
    expect(textOf(comp, '.empty')).toContain('还没有家人授权您代办');
    await typeCode(comp, 'k7m2');
    await press(comp, '.submit-code');
    expect(textOf(comp, '.code-error')).toBe('邀请码是 8 位字母和数字，请核对后重新输入');
    expect(requests('POST', '/api/v1/proxies/accept')).toHaveLength(0);

    let sent: any;
    fakeWx().routes.set('POST /api/v1/proxies/accept', (o) => {
      sent = o.data;
      return { data: link() };
    });
    serve([link()]);
    await typeCode(comp, 'k7m2 p9qx');
    await press(comp, '.submit-code');
    expect(sent).toEqual({ code: 'K7M2P9QX' });
    expect(texts(comp, '.who')).toEqual(['王**（您的父母）']);
    expect(textOf(comp, '.services')).toBe('可以办理：诉求和代办、法律咨询预约');
  });

  it('says what is wrong with a code in the server’s words', async () => {
    serve([]);
    fakeWx().routes.set('POST /api/v1/proxies/accept', () => ({
      statusCode: 409,
      data: { error: { code: 'PROXY_CODE_EXPIRED', message: '邀请码已过期，请让家人重新生成' } },
    }));
    const comp = await openPage(pageId);
    await typeCode(comp, 'K7M2P9QX');
    await press(comp, '.submit-code');
    expect(textOf(comp, '.code-error')).toBe('邀请码已过期，请让家人重新生成');
  });

  it('开始代办 sets the acting mode with the granted services; 结束代办 ends it', async () => {
    serve([link()]);
    const comp = await openPage(pageId);
    expect(comp.querySelector('.acting')).toBeFalsy();
    await press(comp, '.start');
    expect(currentActing()).toEqual({
      linkId: 5,
      holderAccountId: 42,
      name: '王**',
      services: ['appeals', 'legal_aid'],
    });
    expect(textOf(comp, '.acting-title')).toBe('正在为 王** 代办');
    expect(texts(comp, '.open-service')).toEqual(['诉求和代办', '法律咨询预约']);
    expect(textOf(comp, '.now-acting')).toBe('正在为 TA 代办');
    comp.querySelectorAll('.open-service')[0].dispatchEvent('press');
    await flush(2);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/appeals/pages/list/list']);

    await press(comp, '.end');
    expect(currentActing()).toBeNull();
    expect(comp.querySelector('.acting')).toBeFalsy();
    expect(comp.querySelector('.start')).toBeTruthy();
  });

  it('ends acting for someone whose link has ended meanwhile', async () => {
    startActing({ linkId: 5, holderAccountId: 42, name: '王**', services: ['appeals'] });
    serve([]);
    const comp = await openPage(pageId);
    expect(currentActing()).toBeNull();
    expect(comp.querySelector('.acting')).toBeFalsy();
  });
});
