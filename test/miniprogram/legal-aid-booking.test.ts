import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { config } from '../../miniprogram/config';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;

const pageId = simulate.load(path.join(__dirname, '../../miniprogram/packages/legal-aid/pages/book/book'));

const APPOINTMENTS = '/packages/legal-aid/pages/appointments/appointments';

const posts = (p: string) =>
  fakeWx().calls.filter(
    (c) => c.api === 'request' && c.options.method === 'POST' && String(c.options.url).split('?')[0].endsWith(p),
  );
const calls = (api: string) => fakeWx().calls.filter((c) => c.api === api);

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({
    slotId: '41',
    serviceTypes: 'consultation,legal_aid',
    modes: 'onsite,phone',
    startsAt: encodeURIComponent('2030-03-02T09:00:00.000+08:00'),
    providerName: encodeURIComponent('王律师'),
    serviceType: 'consultation',
  });
  await flush();
  return comp;
}

function tapText(comp: Rendered, selector: string, text: string) {
  const node = comp.querySelectorAll(selector).filter((n) => n.dom!.textContent === text)[0];
  node.dispatchEvent('tap');
}

async function fillAndSubmit(comp: Rendered, summary: string) {
  tapText(comp, '.service-option', '法律援助');
  tapText(comp, '.mode-option', '电话');
  comp.querySelector('#summary')!.dispatchEvent('input', { detail: { value: summary } });
  await flush(1);
  comp.querySelector('.submit')!.dispatchEvent('press');
  await flush(10);
}

const expectedBody = { slotId: 41, serviceType: 'legal_aid', mode: 'phone', summary: '退役安置待遇有疑问' };

describe('预约法律服务', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    config.templateIds.appointment_reminder = 'tpl-remind';
  });
  afterEach(() => {
    config.templateIds.appointment_reminder = '';
  });

  it('offers the slot’s service types and modes, with the one chosen before already picked', async () => {
    const comp = await open();
    expect(comp.querySelectorAll('.service-option').map((n) => n.dom!.textContent)).toEqual(['法律咨询', '法律援助']);
    expect(comp.querySelectorAll('.mode-option').map((n) => n.dom!.textContent)).toEqual(['到场', '电话']);
    expect(textOf(comp, '.service-option.option-on')).toBe('法律咨询');
    expect(comp.dom!.innerHTML).toContain('王律师');
  });

  it('says how each way of meeting goes once it is chosen (video: the meeting comes to 我的预约)', async () => {
    const comp = simulate.render(pageId);
    comp.attach(document.createElement('parent-wrapper'));
    (comp.instance as any).onLoad({ slotId: '41', serviceTypes: 'consultation', modes: 'onsite,phone,video' });
    await flush();
    expect(comp.querySelector('.mode-hint')).toBeFalsy();
    tapText(comp, '.mode-option', '视频');
    await flush(1);
    expect(textOf(comp, '.mode-hint')).toContain('视频会议（腾讯会议）发到“我的预约”');
    tapText(comp, '.mode-option', '电话');
    await flush(1);
    expect(textOf(comp, '.mode-hint')).toContain('拨打您登记的手机号');
  });

  it('sends nothing when the summary is too short', async () => {
    const comp = await open();
    await fillAndSubmit(comp, ' 离婚 ');
    expect(textOf(comp, '.summary-error')).toBe('请简要说明要咨询的事项（至少 5 个字）');
    expect(calls('request')).toHaveLength(0);
  });

  it('books: asks to subscribe while handling the tap, posts the body, then goes to the appointments', async () => {
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments', () => ({
      statusCode: 201,
      data: { id: 9, status: 'booked', allowedActions: ['cancel'] },
    }));
    const comp = await open();
    await fillAndSubmit(comp, '  退役安置待遇有疑问 ');

    expect(posts('/api/v1/legal-aid/appointments')).toHaveLength(1);
    expect(posts('/api/v1/legal-aid/appointments')[0].options.data).toEqual(expectedBody);
    expect(calls('requestSubscribeMessage')).toHaveLength(1);
    expect(calls('requestSubscribeMessage')[0].options.tmplIds).toEqual(['tpl-remind']);
    expect(calls('redirectTo')).toHaveLength(1);
    expect(calls('redirectTo')[0].options.url).toBe(APPOINTMENTS);
    // WeChat shows the prompt only from a tap: it is asked before the booking request goes out.
    const order = fakeWx().calls.map((c) => c.api);
    expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(order.indexOf('request'));
    expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(order.indexOf('redirectTo'));
  });

  it('on SLOT_FULL offers the waitlist and, when accepted, joins it with the same body', async () => {
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments', () => ({
      statusCode: 409,
      data: { error: { code: 'SLOT_FULL', message: '该时段已约满，可以加入候补' } },
    }));
    fakeWx().routes.set('POST /api/v1/legal-aid/waitlist', () => ({
      statusCode: 201,
      data: { id: 3, status: 'waiting', allowedActions: ['leave'] },
    }));
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true }), 0));
    const comp = await open();
    await fillAndSubmit(comp, '退役安置待遇有疑问');

    expect(calls('showModal')).toHaveLength(1);
    expect(posts('/api/v1/legal-aid/waitlist')).toHaveLength(1);
    expect(posts('/api/v1/legal-aid/waitlist')[0].options.data).toEqual(expectedBody);
    expect(calls('redirectTo')[0].options.url).toBe(APPOINTMENTS);
  });

  it('on SLOT_FULL, declining the waitlist joins nothing and stays on the page', async () => {
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments', () => ({
      statusCode: 409,
      data: { error: { code: 'SLOT_FULL', message: '该时段已约满，可以加入候补' } },
    }));
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: false, cancel: true }), 0));
    const comp = await open();
    await fillAndSubmit(comp, '退役安置待遇有疑问');

    expect(posts('/api/v1/legal-aid/waitlist')).toHaveLength(0);
    expect(calls('redirectTo')).toHaveLength(0);
    expect(comp.querySelector('.submit-error')).toBeTruthy();
  });

  it.each([
    ['TOO_MANY_APPOINTMENTS', '最多同时保留 3 个未来的预约'],
    ['ALREADY_BOOKED', '您已预约该时段'],
    ['SLOT_IN_PAST', '该时段已过，请选择其他时间'],
    ['SLOT_CANCELLED', '该时段已取消，请选择其他时间'],
  ])('shows the server’s message for %s, and stays on the page', async (code, message) => {
    fakeWx().routes.set('POST /api/v1/legal-aid/appointments', () => ({
      statusCode: 409,
      data: { error: { code, message } },
    }));
    const comp = await open();
    await fillAndSubmit(comp, '退役安置待遇有疑问');

    expect(textOf(comp, '.submit-error')).toBe(message);
    expect(calls('showModal')).toHaveLength(0);
    expect(calls('redirectTo')).toHaveLength(0);
  });
});
