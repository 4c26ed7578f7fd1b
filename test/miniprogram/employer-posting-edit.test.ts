import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, textOf, type Rendered } from './harness';

const pageId = loadPage('packages/employer/pages/posting-edit/posting-edit');

const CATEGORIES = ['安保服务', '驾驶运输', '物业后勤', '其他'];

const detail = (over: Record<string, unknown> = {}) => ({
  id: 11,
  employerId: 3,
  employerName: '杭州拥军安保服务有限公司',
  title: '小区保安',
  category: '安保服务',
  salaryMin: 4000,
  salaryMax: 5500,
  district: '上城区',
  address: '拥军路 1 号',
  headcount: 3,
  veteranPreferred: true,
  veteranPreferenceText: '退役军人优先录用',
  validUntil: '2099-04-30',
  status: 'published',
  statusText: '招聘中',
  createdAt: '2027-03-02T10:00:00.000+08:00',
  requirements: '55 岁以下，身体健康',
  takedownReason: null,
  saved: false,
  applied: false,
  history: [],
  ...over,
});

const type = (comp: Rendered, selector: string, value: string) =>
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

async function open(query: Record<string, string> = {}) {
  fakeWx().routes.set('GET /api/v1/employment/categories', () => ({ data: { items: CATEGORIES } }));
  return openPage(pageId, query);
}

async function fill(comp: Rendered) {
  type(comp, '.title-input', ' 小区保安 ');
  comp.querySelector('.category-select')!.dispatchEvent('change', { detail: { value: 0 } });
  type(comp, '.min-input', '4000');
  type(comp, '.max-input', '5500');
  type(comp, '.district-input', '上城区');
  type(comp, '.address-input', '拥军路 1 号');
  type(comp, '.headcount-input', '3');
  type(comp, '.requirements-input', '55 岁以下，身体健康');
  comp.querySelector('.date-select')!.dispatchEvent('change', { detail: { value: '2099-04-30' } });
  await flush(1);
}

const save = async (comp: Rendered) => {
  comp.querySelector('.save')!.dispatchEvent('press');
  await flush(10);
};

describe('发布岗位', () => {
  beforeEach(() => asHolder());

  it('sends the posting as the server reads it: yuan as whole numbers, the preference and its text, the last day', async () => {
    fakeWx().routes.set('POST /api/v1/employment/employer/postings', () => ({ statusCode: 201, data: detail() }));
    const comp = await open();
    expect(calls('setNavigationBarTitle')[0].options.title).toBe('发布岗位');
    expect(comp.querySelector('.close')).toBeFalsy();
    await fill(comp);
    type(comp, '.preference-input', '退役军人优先录用');
    await save(comp);
    expect(requests('POST', '/employer/postings')[0].options.data).toEqual({
      title: '小区保安',
      category: '安保服务',
      salaryMin: 4000,
      salaryMax: 5500,
      district: '上城区',
      address: '拥军路 1 号',
      headcount: 3,
      requirements: '55 岁以下，身体健康',
      veteranPreferred: true,
      veteranPreferenceText: '退役军人优先录用',
      validUntil: '2099-04-30',
    });
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('the preference switch off sends false and no text', async () => {
    fakeWx().routes.set('POST /api/v1/employment/employer/postings', () => ({ statusCode: 201, data: detail() }));
    const comp = await open();
    await fill(comp);
    type(comp, '.preference-input', '不会被发送');
    comp.querySelector('.preference-switch')!.dispatchEvent('tap');
    await flush(1);
    expect(comp.querySelector('.preference-input')).toBeFalsy();
    await save(comp);
    const sent = requests('POST', '/employer/postings')[0].options.data;
    expect(sent.veteranPreferred).toBe(false);
    expect(sent.veteranPreferenceText).toBeNull();
  });

  it('says beside each field what is missing or wrong, and sends nothing', async () => {
    const comp = await open();
    await save(comp);
    expect(textOf(comp, '.err-title')).toContain('岗位名称');
    expect(textOf(comp, '.err-category')).toBe('请选择岗位类别');
    expect(textOf(comp, '.err-salaryMin')).toContain('最低月薪');
    expect(textOf(comp, '.err-district')).toContain('工作区域');
    expect(textOf(comp, '.err-address')).toContain('工作地点');
    expect(textOf(comp, '.err-headcount')).toContain('招聘人数');
    expect(textOf(comp, '.err-requirements')).toContain('任职要求');
    expect(textOf(comp, '.err-validUntil')).toBe('请选择招聘截止日期');

    await fill(comp);
    type(comp, '.min-input', '6000');
    type(comp, '.max-input', '5000');
    type(comp, '.headcount-input', '0');
    comp.querySelector('.date-select')!.dispatchEvent('change', { detail: { value: '2020-01-01' } });
    await save(comp);
    expect(textOf(comp, '.err-salaryMax')).toBe('最高月薪不能低于最低月薪');
    expect(textOf(comp, '.err-headcount')).toContain('1 到 10000');
    expect(textOf(comp, '.err-validUntil')).toBe('截止日期不能早于今天');
    type(comp, '.min-input', '4000.5');
    await save(comp);
    expect(textOf(comp, '.err-salaryMin')).toContain('整数');
    expect(requests('POST', '/employer/postings')).toHaveLength(0);
  });

  it('shows the server’s refusal: EMPLOYER_NOT_APPROVED as a message, a field’s problem beside the field', async () => {
    let answer: any = {
      statusCode: 403,
      data: { error: { code: 'EMPLOYER_NOT_APPROVED', message: '招聘单位审核通过后才能发布和管理岗位' } },
    };
    fakeWx().routes.set('POST /api/v1/employment/employer/postings', () => answer);
    const comp = await open();
    await fill(comp);
    await save(comp);
    expect(textOf(comp, '.save-error')).toBe('招聘单位审核通过后才能发布和管理岗位');
    expect(calls('navigateBack')).toHaveLength(0);

    answer = {
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '请求参数不正确',
          details: [{ field: 'validUntil', message: '日期不能早于今天' }],
        },
      },
    };
    await save(comp);
    expect(textOf(comp, '.err-validUntil')).toBe('日期不能早于今天');
  });
});

describe('修改岗位', () => {
  beforeEach(() => asHolder());

  it('starts from the posting, sends the changes with PATCH, and goes back', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/postings/11', () => ({ data: detail() }));
    fakeWx().routes.set('POST /api/v1/employment/employer/postings/11', () => ({ data: detail({ headcount: 5 }) }));
    const comp = await open({ id: '11' });
    expect(calls('setNavigationBarTitle')[0].options.title).toBe('修改岗位');
    expect(textOf(comp, '.category-picker')).toBe('安保服务');
    expect(textOf(comp, '.valid-until')).toBe('2099-04-30');
    expect(textOf(comp, '.status')).toContain('招聘中');
    type(comp, '.headcount-input', '5');
    await save(comp);
    const patch = requests('POST', '/employer/postings/11')[0];
    expect(patch.options.header['X-HTTP-Method-Override']).toBe('PATCH');
    expect(patch.options.data).toMatchObject({
      headcount: 5,
      veteranPreferred: true,
      veteranPreferenceText: '退役军人优先录用',
      salaryMin: 4000,
    });
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('closes after confirming; a closed posting is read-only', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/postings/11', () => ({ data: detail() }));
    fakeWx().routes.set('POST /api/v1/employment/employer/postings/11/close', () => ({
      data: detail({ status: 'closed', statusText: '已结束' }),
    }));
    let answers = 0;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: ++answers > 1 }), 0));
    const comp = await open({ id: '11' });
    comp.querySelector('.close')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/close')).toHaveLength(0);
    expect(calls('showModal')[0].options.content).toContain('小区保安');
    comp.querySelector('.close')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/close')).toHaveLength(1);
    expect(textOf(comp, '.status')).toContain('已结束');
    expect(comp.querySelector('.save')).toBeFalsy();
    expect(comp.querySelector('.close')).toBeFalsy();
    expect(textOf(comp, '.read-only')).toContain('不能再修改');
  });

  it('a taken-down posting shows the reason and cannot be edited', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/postings/11', () => ({
      data: detail({ status: 'taken_down', statusText: '已下架', takedownReason: '薪资信息不实' }),
    }));
    const comp = await open({ id: '11' });
    expect(textOf(comp, '.reason')).toBe('下架原因：薪资信息不实');
    expect(comp.querySelector('.save')).toBeFalsy();
    (comp.instance as any).save();
    await flush();
    expect(requests('POST', '/employer/postings/11')).toHaveLength(0);
  });

  it('INVALID_TRANSITION on saving: says so and shows the posting as it now stands', async () => {
    let closed = false;
    fakeWx().routes.set('GET /api/v1/employment/employer/postings/11', () => ({
      data: closed ? detail({ status: 'closed', statusText: '已结束' }) : detail(),
    }));
    fakeWx().routes.set('POST /api/v1/employment/employer/postings/11', () => {
      closed = true;
      return {
        statusCode: 409,
        data: { error: { code: 'INVALID_TRANSITION', message: '该岗位已停止招聘，不能修改' } },
      };
    });
    const comp = await open({ id: '11' });
    await save(comp);
    expect(textOf(comp, '.save-error')).toBe('该岗位已停止招聘，不能修改');
    expect(textOf(comp, '.status')).toContain('已结束');
    expect(comp.querySelector('.save')).toBeFalsy();
  });
});
