import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/people/pages/my-data/my-data'), { rootPath: root });
const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const empty = () => ({
  account: {
    id: 7,
    displayName: '微信用户',
    roles: ['holder'],
    createdAt: '2026-10-01T09:00:00.000+08:00',
    lastLoginAt: null,
  },
  identity: null,
  consents: [],
  applications: [],
  identityChanges: [],
  cards: [],
  appointments: [],
  waitlist: [],
  redemptions: { total: 0, latest: [] },
  complaints: [],
  voucherOrders: [],
  appeals: [],
  lodgingBookings: [],
  employment: { profile: null, applications: [], savedPostings: [], fairSignups: [] },
  proxyLinks: [],
  proxyActions: [],
  conversations: { count: 0, messagesWritten: 0 },
  files: [],
  notices: { total: 0, latest: [], subscriptions: 0 },
});

const full = () => ({
  ...empty(),
  identity: {
    name: '陈卫国',
    idNumberMasked: '**************1234',
    phoneMasked: '*******2222',
    category: 'veteran',
    verified: true,
    createdAt: '2026-10-01T09:10:00.000+08:00',
  },
  consents: [{ version: '2026-11', action: 'agree', items: ['identity'], at: '2026-10-01T09:05:00.000+08:00' }],
  applications: [
    { id: 3, kind: 'new', status: 'issued', createdAt: '2026-10-02T09:00:00.000+08:00', hasAddress: true },
  ],
  cards: [{ cardNumber: 'NO12345', status: 'active', issuedAt: '2026-11-01T09:00:00.000+08:00' }],
  appointments: [
    {
      id: 4,
      serviceType: 'consultation',
      mode: 'onsite',
      status: 'completed',
      startsAt: '2026-11-10T09:30:00.000+08:00',
    },
  ],
  redemptions: {
    total: 25,
    latest: [{ merchantName: '老兵饭店', offerTitle: '退役军人专享 8 折', day: '2026-11-20' }],
  },
  complaints: [{ id: 2, merchantName: '老兵饭店', status: 'open', createdAt: '2026-11-21T09:00:00.000+08:00' }],
  voucherOrders: [
    {
      id: 5,
      title: '老兵面馆 50 元代金券',
      quantity: 2,
      amountFen: 8000,
      status: 'paid',
      createdAt: '2026-11-22T09:00:00.000+08:00',
    },
  ],
  appeals: [
    {
      id: 6,
      kind: 'errand',
      category: '代取证件',
      text: '请帮忙代取证件',
      contactTime: null,
      status: 'confirmed',
      rating: 5,
      ratingComment: null,
      createdAt: '2026-11-23T09:00:00.000+08:00',
    },
  ],
  lodgingBookings: [
    {
      id: 7,
      hotelName: '拥军酒店',
      night: '2026-12-02',
      guestKind: 'family',
      guestName: '陈小兰',
      phoneLast4: '0006',
      proofStatus: 'none',
      status: 'booked',
      createdAt: '2026-11-24T09:00:00.000+08:00',
    },
  ],
  employment: {
    profile: {
      name: '陈卫国',
      phoneLast4: '2222',
      skills: '驾驶',
      serviceBackground: '陆军 5 年',
      desiredWork: '司机',
      updatedAt: '2026-11-25T09:00:00.000+08:00',
    },
    applications: [
      { id: 8, postingTitle: '班车驾驶员', status: 'interview', createdAt: '2026-11-25T10:00:00.000+08:00' },
    ],
    savedPostings: [],
    fairSignups: [],
  },
  proxyLinks: [
    {
      id: 9,
      side: 'holder',
      relation: '子女',
      services: ['appeals', 'legal_aid'],
      status: 'active',
      createdAt: '2026-11-26T09:00:00.000+08:00',
    },
  ],
  proxyActions: [
    { linkId: 9, side: 'holder', what: '办理诉求和代办', status: 201, at: '2026-11-26T10:00:00.000+08:00' },
  ],
  conversations: { count: 1, messagesWritten: 6 },
  files: [
    { id: 11, purpose: 'card_photo', size: 31_000, createdAt: '2026-10-02T09:00:00.000+08:00' },
    { id: 12, purpose: 'document', size: 2_400_000, createdAt: '2026-10-02T09:01:00.000+08:00' },
  ],
  notices: {
    total: 3,
    latest: [{ title: '优待证已发放', createdAt: '2026-11-01T09:00:00.000+08:00' }],
    subscriptions: 2,
  },
});

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush(10);
  return comp;
}

describe('我的信息', () => {
  beforeEach(() => asHolder());

  it('shows every section in plain words, numbers masked, files by kind, size and date', async () => {
    fakeWx().routes.set('GET /api/v1/me/data', () => ({ data: full() }));
    const comp = await open();
    const identity = textOf(comp, '.section-identity')!;
    expect(identity).toContain('陈卫国');
    expect(identity).toContain('退役军人');
    expect(identity).toContain('**************1234');
    expect(identity).toContain('已由服务站核验');
    expect(textOf(comp, '.section-consents')).toContain('2026-11 版');
    expect(textOf(comp, '.section-applications')).toContain('含邮寄地址');
    expect(textOf(comp, '.section-cards')).toContain('NO12345');
    expect(textOf(comp, '.section-appointments')).toContain('法律咨询');
    expect(textOf(comp, '.section-redemptions')).toContain('共 25 次，下面是最近 1 次');
    expect(textOf(comp, '.section-complaints')).toContain('处理中');
    expect(textOf(comp, '.section-chat')).toContain('6 条消息');
    expect(textOf(comp, '.section-vouchers')).toContain('80.00 元');
    expect(textOf(comp, '.section-appeals')).toContain('代办 · 代取证件 · 已确认');
    expect(textOf(comp, '.section-lodging')).toContain('手机尾号 0006');
    const jobs = textOf(comp, '.section-employment')!;
    expect(jobs).toContain('手机尾号 2222');
    expect(jobs).toContain('班车驾驶员');
    expect(jobs).toContain('邀请面试');
    const proxies = textOf(comp, '.section-proxies')!;
    expect(proxies).toContain('家人为您代办（子女） · 生效中');
    expect(proxies).toContain('诉求和代办、法律咨询预约');
    expect(proxies).toContain('代办记录 1 条');
    const files = textOf(comp, '.section-files')!;
    expect(files).toContain('证件照片');
    expect(files).toContain('30 KB');
    expect(files).toContain('2.3 MB');
    expect(textOf(comp, '.section-notices')).toContain('还能给您发 2 次微信提醒');
  });

  it('says what is empty instead of leaving a blank', async () => {
    fakeWx().routes.set('GET /api/v1/me/data', () => ({ data: empty() }));
    const comp = await open();
    expect(textOf(comp, '.section-identity')).toContain('还没有登记');
    expect(textOf(comp, '.section-files')).toContain('没有');
    expect(comp.querySelectorAll('.line')).toHaveLength(0);
  });

  it('leads to account deletion', async () => {
    fakeWx().routes.set('GET /api/v1/me/data', () => ({ data: empty() }));
    const comp = await open();
    comp.querySelector('.open-deletion')!.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/people/pages/delete-account/delete-account',
    ]);
  });

  it('says so when it cannot be loaded', async () => {
    fakeWx().routes.set('GET /api/v1/me/data', () => 'fail');
    const comp = await open();
    expect(textOf(comp, '.load-error')).toContain('网络不可用');
    expect(comp.querySelector('.section')).toBeFalsy();
  });
});
