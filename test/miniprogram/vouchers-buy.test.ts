import { asHolder, calls, loadPage, openPage, requests, textOf } from './harness';
import { fakeWx, flush } from './fake';
import { merchantWithVoucher, voucherOrder, voucherPayment } from './fixtures';
import { config } from '../../miniprogram/config';

const pageId = loadPage('packages/vouchers/pages/buy/buy');

/** What `wx.requestPayment` was asked, and how the (fake) payment sheet ends. */
let paySheet: { calls: any[]; outcome: 'ok' | 'cancel' | 'fail' };

function installPaySheet(outcome: 'ok' | 'cancel' | 'fail' = 'ok') {
  paySheet = { calls: [], outcome };
  (globalThis as any).wx.requestPayment = (o: any) => {
    paySheet.calls.push(o);
    setTimeout(() => {
      if (paySheet.outcome === 'ok') o.success?.({ errMsg: 'requestPayment:ok' });
      else o.fail?.({ errMsg: paySheet.outcome === 'cancel' ? 'requestPayment:fail cancel' : 'requestPayment:fail' });
    }, 0);
  };
}

const offerPage = (offer: Record<string, unknown> = {}) =>
  fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchantWithVoucher(offer) }));

/** The server makes order 31 of what was asked (the amount its own), with the payment arguments. */
function serveOrder(devPay: boolean) {
  fakeWx().routes.set('POST /api/v1/voucher-orders', (o) => ({
    statusCode: 201,
    data: {
      order: voucherOrder({ status: 'created', statusText: '待支付', quantity: o.data.quantity, vouchers: undefined }),
      payment: voucherPayment(devPay),
    },
  }));
}

const open = () => openPage(pageId, { offerId: '51', merchantId: '5' });
const press = async (comp: Awaited<ReturnType<typeof open>>, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await flush(10);
};
const tap = async (comp: Awaited<ReturnType<typeof open>>, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('tap');
  await flush(2);
};
const redirects = () => calls('redirectTo').map((c) => c.options.url);

describe('购买代金券', () => {
  beforeEach(() => {
    asHolder();
    installPaySheet();
  });

  it('shows the offer, its price and face value, what is left and the validity', async () => {
    offerPage();
    const comp = await open();
    expect(textOf(comp, '.merchant-name')).toBe('老兵面馆');
    expect(textOf(comp, '.offer-title')).toBe('50 元代金券');
    expect(textOf(comp, '.price-line')).toBe('价格 ¥40 买 面值 ¥50');
    expect(textOf(comp, '.stock')).toBe('剩余 12 张');
    expect(textOf(comp, '.limit')).toBe('每人每天限购 2 张');
    expect(textOf(comp, '.validity')).toBe('2030年12月31日 前有效');
    expect(textOf(comp, '.total')).toBe('¥40');
  });

  it('steps the quantity from 1 up to the daily allowance, and the total follows', async () => {
    offerPage();
    const comp = await open();
    await tap(comp, '.less');
    expect(textOf(comp, '.quantity')).toBe('1');
    await tap(comp, '.more');
    expect(textOf(comp, '.quantity')).toBe('2');
    expect(textOf(comp, '.total')).toBe('¥80');
    await tap(comp, '.more');
    expect(textOf(comp, '.quantity')).toBe('2');
    expect(textOf(comp, '.max-hint')).toBe('本次最多 2 张');
    expect(comp.querySelector('.more')!.dom!.className).toContain('step-off');
  });

  it('never steps above what is left', async () => {
    offerPage({ stockLeft: 1, perPersonDailyLimit: null });
    const comp = await open();
    await tap(comp, '.more');
    expect(textOf(comp, '.quantity')).toBe('1');
    expect(textOf(comp, '.max-hint')).toBe('本次最多 1 张');
  });

  it('dev mode: makes the order without a price, pays it through dev-pay and opens the order', async () => {
    offerPage();
    serveOrder(true);
    fakeWx().routes.set('POST /api/v1/voucher-orders/31/dev-pay', () => ({ data: voucherOrder() }));
    const comp = await open();
    await tap(comp, '.more');
    await press(comp, '.submit');

    expect(requests('POST', '/api/v1/voucher-orders')[0].options.data).toEqual({ offerId: 51, quantity: 2 });
    expect(requests('POST', '/voucher-orders/31/dev-pay')).toHaveLength(1);
    expect(paySheet.calls).toHaveLength(0);
    expect(redirects()).toEqual(['/packages/vouchers/pages/order/order?id=31']);
  });

  it('asks to subscribe to the order’s notices from the tap, before the order is made and the sheet shown', async () => {
    config.templateIds.voucher_paid = 'tpl-paid';
    config.templateIds.voucher_refunded = 'tpl-refunded';
    try {
      offerPage();
      serveOrder(false);
      installPaySheet('ok');
      fakeWx().routes.set('GET /api/v1/voucher-orders/31', () => ({ data: voucherOrder() }));
      const comp = await open();
      await press(comp, '.submit');

      expect(calls('requestSubscribeMessage').map((c) => c.options.tmplIds)).toEqual([['tpl-paid', 'tpl-refunded']]);
      const order = fakeWx().calls.map((c) => c.api);
      const made = fakeWx().calls.findIndex((c) => c.api === 'request' && c.options.method === 'POST');
      expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(made);
      expect(paySheet.calls).toHaveLength(1);
    } finally {
      config.templateIds.voucher_paid = '';
      config.templateIds.voucher_refunded = '';
    }
  });

  it('live: pays with wx.requestPayment and the server’s arguments, never dev-pay', async () => {
    offerPage();
    serveOrder(false);
    const comp = await open();
    await press(comp, '.submit');

    expect(paySheet.calls).toHaveLength(1);
    expect(paySheet.calls[0]).toMatchObject({
      timeStamp: '1764410400',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx2911',
      signType: 'RSA',
      paySign: 'c2lnbmF0dXJl',
    });
    expect(requests('POST', '/dev-pay')).toHaveLength(0);
    expect(redirects()).toEqual(['/packages/vouchers/pages/order/order?id=31']);
  });

  it('a closed payment sheet says 未支付 and until when; paying again uses the same order', async () => {
    offerPage();
    serveOrder(false);
    installPaySheet('cancel');
    const comp = await open();
    await press(comp, '.submit');

    expect(redirects()).toEqual([]);
    expect(textOf(comp, '.unpaid-title')).toBe('未支付');
    expect(textOf(comp, '.unpaid-text')).toContain('前支付，逾期订单自动关闭');
    expect(comp.querySelector('.buy-error')).toBeFalsy();
    expect(comp.querySelector('.submit')).toBeFalsy();

    paySheet.outcome = 'ok';
    await press(comp, '.pay-again');
    expect(paySheet.calls).toHaveLength(2);
    expect(requests('POST', '/api/v1/voucher-orders')).toHaveLength(1);
    expect(redirects()).toEqual(['/packages/vouchers/pages/order/order?id=31']);
  });

  it('after a closed sheet the order can be opened to pay there', async () => {
    offerPage();
    serveOrder(false);
    installPaySheet('cancel');
    const comp = await open();
    await press(comp, '.submit');
    await press(comp, '.open-order');
    expect(redirects()).toEqual(['/packages/vouchers/pages/order/order?id=31']);
  });

  it('a failed payment (not a cancel) says so and keeps the order to pay', async () => {
    offerPage();
    serveOrder(false);
    installPaySheet('fail');
    const comp = await open();
    await press(comp, '.submit');
    expect(textOf(comp, '.error-message')).toContain('支付没有完成');
    expect(comp.querySelector('.pay-again')).toBeTruthy();
  });

  const refusals: Array<[string, number, string, string]> = [
    ['SOLD_OUT', 409, '代金券已售完', '其他优待项目'],
    ['LIMIT_REACHED', 409, '该代金券每人每天限购 2 张', '明天再买'],
    ['CARD_INACTIVE', 409, '持有正常使用中的优待证才能购买代金券', '正常使用中才能购买'],
    ['CATEGORY_NOT_ELIGIBLE', 409, '该代金券不适用于持证人的优抚类别', '其他优待项目'],
    ['OFFER_UNAVAILABLE', 409, '该代金券已下架或不在有效期内', '其他优待项目'],
    ['PAYMENT_UNAVAILABLE', 503, '微信支付暂时不可用，请稍后再试', '没有扣款'],
  ];

  it.each(refusals)('%s: the server’s reason and what to do, and nothing paid', async (code, status, message, hint) => {
    offerPage();
    fakeWx().routes.set('POST /api/v1/voucher-orders', () => ({
      statusCode: status,
      data: { error: { code, message } },
    }));
    const comp = await open();
    await press(comp, '.submit');
    expect(comp.querySelector(`.buy-error-${code}`)).toBeTruthy();
    expect(textOf(comp, '.error-message')).toBe(message);
    expect(textOf(comp, '.error-hint')).toContain(hint);
    expect(!!comp.querySelector('.open-card')).toBe(code === 'CARD_INACTIVE');
    expect(paySheet.calls).toHaveLength(0);
    expect(redirects()).toEqual([]);
  });

  it('SOLD_OUT shows the offer as it now stands: 已售罄, nothing to press', async () => {
    let left = 12;
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchantWithVoucher({ stockLeft: left }) }));
    fakeWx().routes.set('POST /api/v1/voucher-orders', () => {
      left = 0;
      return { statusCode: 409, data: { error: { code: 'SOLD_OUT', message: '代金券已售完' } } };
    });
    const comp = await open();
    await press(comp, '.submit');
    expect(textOf(comp, '.stock')).toBe('已售罄');
    expect(comp.querySelector('.submit')).toBeFalsy();
    const soldOut = comp.querySelector('.sold-out') as any;
    expect(soldOut.instance.data.disabled).toBe(true);
    expect(textOf(comp, '.error-message')).toBe('代金券已售完');
  });

  it('CARD_INACTIVE leads to the card page', async () => {
    offerPage();
    fakeWx().routes.set('POST /api/v1/voucher-orders', () => ({
      statusCode: 409,
      data: { error: { code: 'CARD_INACTIVE', message: '持有正常使用中的优待证才能购买代金券' } },
    }));
    const comp = await open();
    await press(comp, '.submit');
    await press(comp, '.open-card');
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/card/pages/card/card']);
  });

  it('a sold-out offer opens with 已售罄 disabled and no quantity to choose', async () => {
    offerPage({ stockLeft: 0 });
    const comp = await open();
    expect(comp.querySelector('.stepper')).toBeFalsy();
    const soldOut = comp.querySelector('.sold-out') as any;
    expect(soldOut.instance.data.disabled).toBe(true);
    soldOut.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/voucher-orders')).toHaveLength(0);
  });

  it('an offer no longer on the merchant’s page is said to be withdrawn', async () => {
    offerPage({ id: 99 });
    const comp = await open();
    expect(textOf(comp, '.unavailable .title')).toBe('这张代金券已下架');
    expect(comp.querySelector('.submit')).toBeFalsy();
  });
});
