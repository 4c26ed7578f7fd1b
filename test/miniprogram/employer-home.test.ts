import { fakeWx, flush } from './fake';
import { asHolder, calls, loadPage, openPage, requests, textOf, type Rendered } from './harness';

const pageId = loadPage('packages/employer/pages/home/home');

const VALID = '91350100M000100Y43';

const employer = (over: Record<string, unknown> = {}) => ({
  id: 3,
  companyName: '杭州拥军安保服务有限公司',
  creditCode: VALID,
  contactName: '王经理',
  contactPhone: '0571-86000000',
  address: '杭州市上城区拥军路 1 号',
  licenceFileId: 55,
  status: 'submitted',
  statusText: '审核中',
  reason: null,
  createdAt: '2027-03-01T10:00:00.000+08:00',
  history: [],
  ...over,
});

const posting = (over: Record<string, unknown> = {}) => ({
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
  veteranPreferenceText: null,
  validUntil: '2027-04-30',
  status: 'published',
  statusText: '招聘中',
  createdAt: '2027-03-02T10:00:00.000+08:00',
  applicationsCount: 0,
  ...over,
});

const NONE = { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '您还没有登记招聘单位' } } };

const type = (comp: Rendered, selector: string, value: string) =>
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
const texts = (comp: Rendered, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

function pickPhoto() {
  fakeWx().on('chooseMedia', (o) =>
    setTimeout(() => o.success({ tempFiles: [{ tempFilePath: 'wxfile://licence.jpg' }] }), 0),
  );
  fakeWx().routes.set('UPLOAD /api/v1/files', () => ({ statusCode: 201, data: { id: 55 } }));
}

async function fill(comp: Rendered, code = VALID) {
  type(comp, '.company-input', ' 杭州拥军安保服务有限公司 ');
  type(comp, '.credit-input', code);
  type(comp, '.contact-input', '王经理');
  type(comp, '.phone-input', '0571-86000000');
  type(comp, '.address-input', '杭州市上城区拥军路 1 号');
  comp.querySelector('.choose-photo')!.dispatchEvent('press');
  await flush();
}

const submit = async (comp: Rendered) => {
  comp.querySelector('.submit')!.dispatchEvent('press');
  await flush(10);
};

describe('招聘单位: applying', () => {
  beforeEach(() => asHolder());

  it('someone without an employer sees the form; it sends the company, the code in capitals and the licence photo as a private document', async () => {
    pickPhoto();
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => NONE);
    fakeWx().routes.set('POST /api/v1/employment/employer', () => ({ statusCode: 201, data: employer() }));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.company-input')).toBeTruthy();

    await fill(comp, VALID.toLowerCase());
    const up = calls('uploadFile')[0].options;
    expect(up.formData).toEqual({ purpose: 'document' });
    expect(up.filePath).toBe('wxfile://licence.jpg');
    expect(calls('requirePrivacyAuthorize').length).toBeGreaterThan(0);

    await submit(comp);
    expect(requests('POST', '/api/v1/employment/employer')[0].options.data).toEqual({
      companyName: '杭州拥军安保服务有限公司',
      creditCode: VALID,
      contactName: '王经理',
      contactPhone: '0571-86000000',
      address: '杭州市上城区拥军路 1 号',
      licenceFileId: 55,
    });
    expect(comp.querySelector('.company-input')).toBeFalsy();
    expect(textOf(comp, '.employer-status .status')).toContain('审核中');
    expect(textOf(comp, '.status-note')).toContain('审核通过后');
  });

  it('says beside each field what is missing or wrong, the credit code’s check character included, and sends nothing', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => NONE);
    const comp = await openPage(pageId);
    type(comp, '.credit-input', `${VALID.slice(0, 17)}0`);
    type(comp, '.phone-input', '12345');
    await submit(comp);
    expect(textOf(comp, '.err-companyName')).toContain('单位名称');
    expect(textOf(comp, '.err-creditCode')).toBe('代码有误，请对照营业执照逐位核对');
    expect(textOf(comp, '.err-contactName')).toContain('联系人');
    expect(textOf(comp, '.err-contactPhone')).toContain('手机号');
    expect(textOf(comp, '.err-address')).toContain('地址');
    expect(textOf(comp, '.err-photo')).toBe('请上传营业执照照片');
    expect(requests('POST', '/api/v1/employment/employer')).toHaveLength(0);

    type(comp, '.credit-input', '9135010');
    await submit(comp);
    expect(textOf(comp, '.err-creditCode')).toBe('统一社会信用代码是 18 位，现在是 7 位');
    type(comp, '.credit-input', '91350100M000100I43');
    await submit(comp);
    expect(textOf(comp, '.err-creditCode')).toBe('代码里有不该出现的字符，请对照营业执照核对');
    expect(requests('POST', '/api/v1/employment/employer')).toHaveLength(0);
  });

  it('shows the server’s CREDIT_CODE_INVALID beside the code, and FILE_NOT_ATTACHABLE by the photo', async () => {
    pickPhoto();
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => NONE);
    let answer = 'CREDIT_CODE_INVALID';
    fakeWx().routes.set('POST /api/v1/employment/employer', () => ({
      statusCode: 400,
      data: {
        error:
          answer === 'CREDIT_CODE_INVALID'
            ? {
                code: 'CREDIT_CODE_INVALID',
                message: '统一社会信用代码有误，请核对营业执照上的 18 位代码',
                details: [{ field: 'creditCode', message: '统一社会信用代码校验位不符' }],
              }
            : { code: 'FILE_NOT_ATTACHABLE', message: '营业执照须为您本人上传的材料文件（用途 document）' },
      },
    }));
    const comp = await openPage(pageId);
    await fill(comp);
    await submit(comp);
    expect(textOf(comp, '.err-creditCode')).toBe('统一社会信用代码有误，请核对营业执照上的 18 位代码');

    answer = 'FILE_NOT_ATTACHABLE';
    await submit(comp);
    expect(textOf(comp, '.err-photo')).toBe('请重新上传营业执照照片');
    expect(textOf(comp, '.send-error')).toContain('营业执照须为您本人上传');
    expect(comp.querySelector('.licence-photo')).toBeFalsy();
    // The photo has to be taken again before anything is sent.
    await submit(comp);
    expect(requests('POST', '/api/v1/employment/employer')).toHaveLength(2);
  });

  it('EMPLOYER_EXISTS: shows the employer as it stands instead of the form', async () => {
    pickPhoto();
    let applied = false;
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => (applied ? { data: employer() } : NONE));
    fakeWx().routes.set('POST /api/v1/employment/employer', () => {
      applied = true;
      return {
        statusCode: 409,
        data: { error: { code: 'EMPLOYER_EXISTS', message: '您已登记过招聘单位，请勿重复申请' } },
      };
    });
    const comp = await openPage(pageId);
    await fill(comp);
    await submit(comp);
    expect(comp.querySelector('.company-input')).toBeFalsy();
    expect(textOf(comp, '.employer-status .status')).toContain('审核中');
  });
});

describe('招聘单位: where the review stands', () => {
  beforeEach(() => asHolder());

  it('rejected: shows the reason, and 重新申请 opens the form with what was sent (the photo taken again)', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => ({
      data: employer({ status: 'rejected', statusText: '未通过', reason: '营业执照照片不清晰' }),
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.employer-status .status')).toContain('未通过');
    expect(textOf(comp, '.reason')).toBe('原因：营业执照照片不清晰');
    expect(comp.querySelector('.company-input')).toBeFalsy();

    comp.querySelector('.apply-again')!.dispatchEvent('press');
    await flush();
    expect((comp.instance as any).data.form).toEqual({
      companyName: '杭州拥军安保服务有限公司',
      creditCode: VALID,
      contactName: '王经理',
      contactPhone: '0571-86000000',
      address: '杭州市上城区拥军路 1 号',
    });
    await submit(comp);
    expect(textOf(comp, '.err-photo')).toBe('请上传营业执照照片');
    expect(requests('POST', '/api/v1/employment/employer')).toHaveLength(0);
  });

  it('submitted and suspended: the status and what it means, no way to apply again', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => ({
      data: employer({ status: 'suspended', statusText: '已暂停', reason: '岗位信息不实' }),
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.employer-status .status')).toContain('已暂停');
    expect(textOf(comp, '.status-note')).toContain('暂停');
    expect(textOf(comp, '.reason')).toBe('原因：岗位信息不实');
    expect(comp.querySelector('.apply-again')).toBeFalsy();
    expect(comp.querySelector('.new-posting')).toBeFalsy();
    expect(requests('GET', '/employer/postings')).toHaveLength(0);
  });

  it('a load failure other than NOT_FOUND shows the error with 重试, not the form', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => 'fail');
    const comp = await openPage(pageId);
    expect(comp.querySelector('.company-input')).toBeFalsy();
    expect(comp.dom!.innerHTML).toContain('重试');
  });
});

describe('招聘单位: approved', () => {
  beforeEach(() => asHolder());

  it('lists the postings with their state, and leads to 发布岗位, a posting and its applications', async () => {
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => ({
      data: employer({ status: 'approved', statusText: '已通过' }),
    }));
    fakeWx().routes.set('GET /api/v1/employment/employer/postings', () => ({
      data: {
        items: [
          posting({ applicationsCount: 3 }),
          posting({
            id: 10,
            title: '货车司机',
            status: 'closed',
            statusText: '已结束',
            salaryMin: 6000,
            salaryMax: 6000,
          }),
        ],
      },
    }));
    const comp = await openPage(pageId);
    expect(texts(comp, '.posting-title')).toEqual(['小区保安', '货车司机']);
    expect(texts(comp, '.posting-status')).toEqual(['招聘中', '已结束']);
    expect(texts(comp, '.salary')).toEqual(['4000–5500 元/月', '6000 元/月']);
    expect(texts(comp, '.posting-detail')[0]).toBe('招 3 人 · 上城区 · 截止 2027年4月30日');
    expect(texts(comp, '.posting-applications')).toEqual(['查看这个岗位的投递（3 份）', '这个岗位还没有投递']);

    comp.querySelector('.new-posting')!.dispatchEvent('press');
    comp.querySelectorAll('.posting-open')[1].dispatchEvent('tap');
    comp.querySelectorAll('.posting-applications')[0].dispatchEvent('press');
    comp.querySelector('.all-applications')!.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/employer/pages/posting-edit/posting-edit',
      '/packages/employer/pages/posting-edit/posting-edit?id=10',
      '/packages/employer/pages/applications/applications?postingId=11',
      '/packages/employer/pages/applications/applications',
    ]);
  });

  it('with no postings yet says how to start; coming back reads the list again', async () => {
    let items: unknown[] = [];
    fakeWx().routes.set('GET /api/v1/employment/employer/mine', () => ({
      data: employer({ status: 'approved', statusText: '已通过' }),
    }));
    fakeWx().routes.set('GET /api/v1/employment/employer/postings', () => ({ data: { items } }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.no-postings')).toContain('发布岗位');
    items = [posting()];
    (comp.instance as any).onShow();
    await flush(10);
    expect(comp.querySelector('.no-postings')).toBeFalsy();
    expect(texts(comp, '.posting-title')).toEqual(['小区保安']);
  });
});
