import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/scan/scan'), { rootPath: root });

const shop = (over: Record<string, unknown> = {}, role = 'clerk') => ({
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
});

/** A verified card's answer, with the card's photo readable for ten minutes. */
const verified = (over: Record<string, unknown> = {}) => ({
  statusCode: 201,
  data: {
    id: 1,
    at: '2026-03-01T10:00:00.000+08:00',
    holder: { nameMasked: '张*', category: 'veteran', photoFileId: 77 },
    offer: { id: 12, title: '免费停车' },
    photoReadableUntil: '2026-03-01T10:10:00.000+08:00',
    ...over,
  },
});

const offer = (id: number, title: string, over: Record<string, unknown> = {}) => ({
  id,
  title,
  description: '',
  kind: 'discount',
  discountText: '九折',
  priceFen: null,
  faceValueFen: null,
  perPersonDailyLimit: 1,
  eligibleCategories: [],
  validFrom: null,
  validTo: null,
  status: 'active',
  ...over,
});

/** A voucher taken: the second of an order of three, one left. */
const voucherTaken = (over: Record<string, unknown> = {}) => ({
  statusCode: 200,
  data: {
    voucherId: 31,
    seq: 2,
    orderId: 8,
    title: '50 元代金券',
    faceValueFen: 5000,
    quantity: 3,
    remaining: 1,
    redeemedAt: '2026-03-01T14:05:00.000+08:00',
    ...over,
  },
});

const VOUCHER_TOKEN = 'v1.v.AbCdEfGh.t5x0q.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

const voucherPosts = () =>
  fakeWx().calls.filter(
    (c) =>
      c.api === 'request' &&
      c.options.method === 'POST' &&
      String(c.options.url).indexOf('/api/v1/merchant/voucher-redemptions') >= 0,
  );

const redemptionPosts = () =>
  fakeWx().calls.filter(
    (c) =>
      c.api === 'request' &&
      c.options.method === 'POST' &&
      String(c.options.url).indexOf('/api/v1/merchant/redemptions') >= 0,
  );

async function open(offers = [offer(11, '堂食九折'), offer(12, '免费停车')], me = shop()) {
  fakeWx().routes.set('GET /api/v1/merchant/offers', () => ({ data: { items: offers, nextCursor: null } }));
  fakeWx().routes.set('GET /api/v1/merchant/me', () => ({ data: me }));
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush();
  return comp;
}

/** Picks the offer with this title, then taps 扫码核验. */
async function chooseAndScan(comp: Rendered, title = '免费停车') {
  const choice = comp
    .querySelectorAll('.offer-choice')
    .filter((n) => (n.dom!.textContent || '').indexOf(title) >= 0)[0];
  choice.dispatchEvent('tap');
  await flush(1);
  comp.querySelector('.scan')!.dispatchEvent('press');
  await flush();
}

const scanReturns = (result: string) => fakeWx().on('scanCode', (o) => setTimeout(() => o.success({ result }), 0));

describe('扫码核验 at the counter', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 3, roles: ['merchant_clerk'], via: 'password' });
  });

  it('lists only the offers that can be used now', async () => {
    const comp = await open([
      offer(11, '堂食九折'),
      offer(12, '已下架的优惠', { status: 'withdrawn' }),
      offer(13, '过期的优惠', { validTo: '2000-01-01T00:00:00.000+08:00' }),
    ]);
    const titles = comp.querySelectorAll('.offer-title').map((n) => n.dom!.textContent);
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain('堂食九折');
  });

  it('scans from the camera and posts the scanned token with the chosen offer', async () => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => ({
      statusCode: 201,
      data: {
        id: 1,
        at: '2026-03-01T10:00:00.000+08:00',
        holder: { nameMasked: '张*', category: 'veteran', photoFileId: null },
        offer: { id: 12, title: '免费停车' },
        photoReadableUntil: '2026-03-01T10:10:00.000+08:00',
      },
    }));
    const comp = await open();
    await chooseAndScan(comp, '免费停车');

    const scan = fakeWx().calls.find((c) => c.api === 'scanCode')!;
    expect(scan.options).toMatchObject({ onlyFromCamera: true, scanType: ['qrCode'] });
    expect(redemptionPosts()).toHaveLength(1);
    expect(redemptionPosts()[0].options.data).toEqual({ qrToken: 'q1.token', offerId: 12 });
    expect(redemptionPosts()[0].options.header.Authorization).toBe('Bearer t');
    expect(comp.querySelector('.verdict-ok')).toBeTruthy();
  });

  it('on success shows the holder’s masked name and category in words, large and green', async () => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => ({
      statusCode: 201,
      data: {
        id: 1,
        at: '2026-03-01T10:00:00.000+08:00',
        holder: { nameMasked: '李*华', category: 'martyr_family', photoFileId: null },
        offer: { id: 11, title: '堂食九折' },
        photoReadableUntil: '2026-03-01T10:10:00.000+08:00',
      },
    }));
    const comp = await open();
    await chooseAndScan(comp, '堂食九折');

    expect(comp.querySelector('.verdict-fail')).toBeFalsy();
    expect(textOf(comp, '.verdict-ok .verdict-mark')).toBe('✓');
    expect(textOf(comp, '.verdict-name')).toBe('李*华');
    expect(textOf(comp, '.verdict-category')).toBe('烈士遗属');
    expect(textOf(comp, '.verdict-offer')).toBe('堂食九折');
    expect(fakeWx().calls.filter((c) => c.api === 'vibrateShort')).toHaveLength(1);

    comp.querySelector('.again')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelector('.verdict')).toBeFalsy();
    expect(comp.querySelector('.scan')).toBeTruthy();
  });

  const refusals: Array<[string, number, string]> = [
    ['QR_INVALID', 400, '二维码无效或已过期，请持证人刷新'],
    ['QR_USED', 409, '二维码已使用'],
    ['CARD_INACTIVE', 409, '优待证已挂失或停用'],
    ['LIMIT_REACHED', 409, '今日次数已用完'],
    ['CATEGORY_NOT_ELIGIBLE', 409, '不适用于该优抚类别'],
    ['OFFER_UNAVAILABLE', 409, '优惠已下架或不在有效期'],
    ['NOT_FOUND', 404, '优惠不存在'],
    ['MERCHANT_INACTIVE', 409, '商户已暂停'],
    ['SOMETHING_NEW', 409, '服务器说明的原因'],
  ];

  it.each(refusals)('a %s refusal (%i) shows, in red: %s', async (code, status, reason) => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => ({
      statusCode: status,
      data: { error: { code, message: '服务器说明的原因' } },
    }));
    const comp = await open();
    await chooseAndScan(comp);

    expect(comp.querySelector('.verdict-ok')).toBeFalsy();
    expect(comp.querySelector('.verdict-fail')).toBeTruthy();
    expect(textOf(comp, '.verdict-reason')).toBe(reason);
    expect(fakeWx().calls.filter((c) => c.api === 'vibrateShort')).toHaveLength(1);
  });

  it('something scanned that is not a card’s code reads as an invalid code, not as a form error', async () => {
    scanReturns('http://example.com/menu');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'qrToken: 格式不正确',
          details: [{ field: 'qrToken', message: '格式不正确' }],
        },
      },
    }));
    const comp = await open();
    await chooseAndScan(comp);
    expect(textOf(comp, '.verdict-reason')).toBe('二维码无效或已过期，请持证人刷新');
  });

  it('a cancelled scan posts nothing and shows nothing', async () => {
    fakeWx().on('scanCode', (o) => setTimeout(() => o.fail({ errMsg: 'scanCode:fail cancel' }), 0));
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => ({ statusCode: 201, data: {} }));
    const comp = await open();
    await chooseAndScan(comp);

    expect(fakeWx().calls.filter((c) => c.api === 'scanCode')).toHaveLength(1);
    expect(redemptionPosts()).toHaveLength(0);
    expect(comp.querySelector('.verdict')).toBeFalsy();
    expect(fakeWx().calls.filter((c) => c.api === 'vibrateShort')).toHaveLength(0);
  });

  it('a card’s code scanned before an offer is chosen is not sent: it asks for the offer, and the code stays unspent', async () => {
    scanReturns('q1.token');
    const comp = await open();
    comp.querySelector('.scan')!.dispatchEvent('press');
    await flush();
    expect(fakeWx().calls.filter((c) => c.api === 'scanCode')).toHaveLength(1);
    expect(textOf(comp, '.choice-error')).toBe('这是优待证二维码：请先选择本次使用的优惠，再扫一次');
    expect(redemptionPosts()).toHaveLength(0);
    expect(voucherPosts()).toHaveLength(0);
    expect(comp.querySelector('.verdict')).toBeFalsy();
  });

  it('says at the top which shop the clerk is signed in for, and their role', async () => {
    const comp = await open();
    expect(textOf(comp, '.shop-name')).toBe('老兵面馆');
    expect(textOf(comp, '.shop-address')).toBe('杭州市上城区拥军路 1 号');
    expect(textOf(comp, '.shop-role')).toContain('店员');
    // Only the owner is offered the shop's pages.
    expect(comp.querySelector('.owner-home')).toBeFalsy();
  });

  it('tells the owner they run the shop and leads them to its pages', async () => {
    const comp = await open(undefined, shop({}, 'owner'));
    expect(textOf(comp, '.shop-role')).toContain('负责人');
    comp.querySelector('.owner-home')!.dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.filter((c) => c.api === 'navigateTo')[0].options.url).toBe(
      '/packages/merchant-portal/pages/home/home',
    );
  });

  it('warns when the shop is suspended', async () => {
    const comp = await open(undefined, shop({ status: 'suspended', reason: '多次投诉' }));
    expect(textOf(comp, '.shop-suspended')).toContain('不能核验');
  });

  it('after a verification shows the card’s photo, large, beside the masked name and category', async () => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => verified());
    fakeWx().on('downloadFile', (o) =>
      setTimeout(() => o.success({ statusCode: 200, tempFilePath: 'wxfile://photo-77' }), 0),
    );
    const comp = await open();
    await chooseAndScan(comp);
    await flush();

    const download = fakeWx().calls.filter((c) => c.api === 'downloadFile')[0];
    expect(download.options.url).toMatch(/\/api\/v1\/files\/77$/);
    expect(download.options.header.Authorization).toBe('Bearer t');
    expect(comp.querySelector('.holder-photo')).toBeTruthy();
    expect((comp.instance as any).data.photoPath).toBe('wxfile://photo-77');
    expect(textOf(comp, '.verdict-name')).toBe('张*');
    expect(textOf(comp, '.verdict-category')).toBe('退役军人');
    expect(textOf(comp, '.verdict-hint')).toContain('照片');

    comp.querySelector('.again')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelector('.holder-photo')).toBeFalsy();
  });

  it('says so when the photo cannot be shown, and still shows the verdict', async () => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => verified());
    fakeWx().on('downloadFile', (o) => setTimeout(() => o.success({ statusCode: 404, tempFilePath: '' }), 0));
    const comp = await open();
    await chooseAndScan(comp);
    await flush();
    expect(comp.querySelector('.holder-photo')).toBeFalsy();
    expect(textOf(comp, '.photo-error')).toBe('照片暂时无法显示');
    expect(comp.querySelector('.verdict-ok')).toBeTruthy();
  });

  it('a card without a photo on record says so and asks for nothing', async () => {
    scanReturns('q1.token');
    fakeWx().routes.set('POST /api/v1/merchant/redemptions', () =>
      verified({ holder: { nameMasked: '张*', category: 'veteran', photoFileId: null } }),
    );
    const comp = await open();
    await chooseAndScan(comp);
    expect(fakeWx().calls.filter((c) => c.api === 'downloadFile')).toHaveLength(0);
    expect(textOf(comp, '.photo-note')).toBe('证上没有照片');
  });

  it('asks for the privacy agreement before the camera, and says plainly when it is declined', async () => {
    fakeWx().on('requirePrivacyAuthorize', (o) =>
      setTimeout(() => o.fail({ errMsg: 'requirePrivacyAuthorize:fail' }), 0),
    );
    const comp = await open();
    await chooseAndScan(comp);
    expect(fakeWx().calls.filter((c) => c.api === 'scanCode')).toHaveLength(0);
    expect(textOf(comp, '.scan-refused')).toContain('未同意');
    expect(comp.querySelector('ui-privacy') || comp.querySelector('.scan')).toBeTruthy();
  });

  describe('a voucher’s code', () => {
    it('goes to the voucher counter with the token alone, whatever offer is chosen, never to the card’s', async () => {
      scanReturns(` ${VOUCHER_TOKEN}\n`);
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => voucherTaken());
      const comp = await open();
      await chooseAndScan(comp, '堂食九折');

      expect(redemptionPosts()).toHaveLength(0);
      expect(voucherPosts()).toHaveLength(1);
      expect(voucherPosts()[0].options.data).toEqual({ token: VOUCHER_TOKEN });
      expect(voucherPosts()[0].options.header.Authorization).toBe('Bearer t');
    });

    it('needs no offer chosen, and a shop with only vouchers can scan', async () => {
      scanReturns(VOUCHER_TOKEN);
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => voucherTaken());
      const comp = await open([
        offer(21, '50 元代金券', {
          kind: 'voucher',
          priceFen: 4000,
          faceValueFen: 5000,
          discountText: '40 元买 50 元',
        }),
      ]);
      // A voucher offer is not a discount to apply to a card.
      expect(comp.querySelectorAll('.offer-choice')).toHaveLength(0);
      expect(textOf(comp, '.no-offers')).toContain('暂无可用的到店折扣');
      expect(textOf(comp, '.voucher-note')).toContain('扫代金券不用选优惠');
      comp.querySelector('.scan')!.dispatchEvent('press');
      await flush();

      expect(comp.querySelector('.choice-error')).toBeFalsy();
      expect(voucherPosts()).toHaveLength(1);
      expect(comp.querySelector('.verdict-voucher')).toBeTruthy();
    });

    it('shows a large panel of its own: face value, which voucher, used, and what is left of the order', async () => {
      scanReturns(VOUCHER_TOKEN);
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => voucherTaken());
      const comp = await open();
      await chooseAndScan(comp);

      // Not the card's verdict: no photo, no name, no category.
      expect(comp.querySelector('.photo-frame')).toBeFalsy();
      expect(comp.querySelector('.verdict-name')).toBeFalsy();
      expect(textOf(comp, '.verdict-voucher .verdict-head')).toContain('代金券已核销');
      expect(textOf(comp, '.voucher-face')).toBe('面值 ¥50 代金券');
      expect(textOf(comp, '.voucher-seq')).toBe('第 2 张（本单共 3 张） · 已核销');
      expect(textOf(comp, '.voucher-title')).toBe('50 元代金券');
      expect(textOf(comp, '.voucher-remaining')).toBe('本单还有 1 张未使用');
      expect(textOf(comp, '.verdict-voucher .verdict-hint')).toContain('14:05');
      expect(fakeWx().calls.filter((c) => c.api === 'vibrateShort')).toHaveLength(1);

      comp.querySelector('.again')!.dispatchEvent('press');
      await flush();
      expect(comp.querySelector('.verdict')).toBeFalsy();
      expect(comp.querySelector('.scan')).toBeTruthy();
    });

    it('says when it was the order’s last, and a voucher bought alone has no “of”', async () => {
      scanReturns(VOUCHER_TOKEN);
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () =>
        voucherTaken({ seq: 1, quantity: 1, remaining: 0, faceValueFen: 2550 }),
      );
      const comp = await open();
      await chooseAndScan(comp);
      expect(textOf(comp, '.voucher-face')).toBe('面值 ¥25.5 代金券');
      expect(textOf(comp, '.voucher-seq')).toBe('第 1 张 · 已核销');
      expect(textOf(comp, '.voucher-remaining')).toBe('本单代金券已全部用完');
    });

    const voucherRefusals: Array<[string, number, string]> = [
      ['VOUCHER_QR_INVALID', 400, '代金券二维码无效或已过期，请持证人刷新二维码后再扫'],
      ['VOUCHER_USED', 409, '这张代金券已经用过或已退款'],
      ['VOUCHER_OTHER_SHOP', 409, '这张代金券不是本店的，不能在本店使用'],
      ['VOUCHER_NOT_USABLE', 409, '这张代金券现在不能用（未付款、退款中或已过期）'],
      ['MERCHANT_INACTIVE', 409, '商户已暂停，不能核销代金券'],
      ['FORBIDDEN', 403, '服务器说明的原因'],
    ];

    it.each(voucherRefusals)('a %s refusal (%i) shows, in red: %s', async (code, status, reason) => {
      scanReturns(VOUCHER_TOKEN);
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => ({
        statusCode: status,
        data: { error: { code, message: '服务器说明的原因' } },
      }));
      const comp = await open();
      await chooseAndScan(comp);

      expect(comp.querySelector('.verdict-ok')).toBeFalsy();
      expect(textOf(comp, '.verdict-voucher-fail .verdict-head')).toContain('代金券未核销');
      expect(textOf(comp, '.verdict-reason')).toBe(reason);
      expect(fakeWx().calls.filter((c) => c.api === 'vibrateShort')).toHaveLength(1);
    });

    it('a token the server cannot even read is an invalid code, not a form error', async () => {
      scanReturns('v1.x');
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => ({
        statusCode: 400,
        data: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'token: 太短',
            details: [{ field: 'token', message: '太短' }],
          },
        },
      }));
      const comp = await open();
      await chooseAndScan(comp);
      expect(textOf(comp, '.verdict-reason')).toBe('代金券二维码无效或已过期，请持证人刷新二维码后再扫');
    });

    it('a card’s photo arriving after the clerk moved on to a voucher is not shown', async () => {
      let photo: ((r: unknown) => void) | null = null;
      fakeWx().on('downloadFile', (o) => {
        photo = o.success;
      });
      fakeWx().routes.set('POST /api/v1/merchant/redemptions', () => verified());
      fakeWx().routes.set('POST /api/v1/merchant/voucher-redemptions', () => voucherTaken());
      scanReturns('q1.token');
      const comp = await open();
      await chooseAndScan(comp);
      comp.querySelector('.again')!.dispatchEvent('press');
      await flush(1);
      scanReturns(VOUCHER_TOKEN);
      comp.querySelector('.scan')!.dispatchEvent('press');
      await flush();
      expect(comp.querySelector('.verdict-voucher')).toBeTruthy();
      photo!({ statusCode: 200, tempFilePath: 'wxfile://photo-77' });
      await flush();
      expect((comp.instance as any).data.photoState).toBe('');
      expect((comp.instance as any).data.photoPath).toBe('');
    });
  });
});
