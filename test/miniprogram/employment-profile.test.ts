import { fakeWx, flush } from './fake';
import { asHolder, loadPage, openPage, requests, textOf } from './harness';

const pageId = loadPage('packages/employment/pages/profile/profile');

const profile = {
  name: '张卫国',
  phone: '13900002222',
  skills: '驾驶 C1',
  serviceBackground: '陆军 5 年 上士',
  desiredWork: '司机',
  updatedAt: '2027-03-10T10:00:00.000+08:00',
};

describe('我的求职信息', () => {
  beforeEach(() => asHolder());

  it('checks every field before sending, then saves', async () => {
    fakeWx().routes.set('GET /api/v1/employment/profile', () => ({ data: { profile: null } }));
    let sent: any;
    fakeWx().routes.set('PUT /api/v1/employment/profile', (o) => {
      sent = o.data;
      return { data: { ...profile, ...o.data } };
    });
    const comp = await openPage(pageId);
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(5);
    expect(textOf(comp, '.name-error')).toBe('请填写姓名');
    expect(textOf(comp, '.service-error')).toBe('请填写服役经历');
    expect(requests('PUT', '/api/v1/employment/profile')).toHaveLength(0);

    const type = (selector: string, value: string) =>
      comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
    type('.name-input', ' 张卫国 ');
    type('.phone-input', '1390000');
    type('.skills-input', '驾驶 C1');
    type('.service-input', '陆军 5 年 上士');
    type('.desired-input', '司机');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(5);
    expect(textOf(comp, '.phone-error')).toBe('请填写 11 位手机号码');
    type('.phone-input', '13900002222');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(sent).toEqual({
      name: '张卫国',
      phone: '13900002222',
      skills: '驾驶 C1',
      serviceBackground: '陆军 5 年 上士',
      desiredWork: '司机',
    });
    expect(textOf(comp, '.submit')?.trim()).toBe('保存修改');
  });

  it('fills the form from the saved profile and shows a refusal', async () => {
    fakeWx().routes.set('GET /api/v1/employment/profile', () => ({ data: { profile } }));
    fakeWx().routes.set('PUT /api/v1/employment/profile', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'skills：太长了',
          details: [{ field: 'skills', message: '太长了' }],
        },
      },
    }));
    const comp = await openPage(pageId);
    expect((comp.instance as any).data.form.serviceBackground).toBe('陆军 5 年 上士');
    comp.querySelector('.submit')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.skills-error')).toBe('skills：太长了');
  });
});
