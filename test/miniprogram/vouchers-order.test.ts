import { asHolder, calls, loadPage, requests, type Rendered } from './harness';
import { fakeWx } from './fake';
import { at, unpaidVoucherOrder, voucherOrder } from './fixtures';
import simulate from 'miniprogram-simulate';

const pageId = loadPage('packages/vouchers/pages/order/order');

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

/**
 * Moves the fake clock on by `ms`, then a few milliseconds more so that the fake server answers
 * (its setTimeout 0, scheduled while timers run, falls due a millisecond later) and the page's
 * promises settle.
 */
const tick = async (ms = 0) => {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 8; i++) await jest.advanceTimersByTimeAsync(1);
};
const advanceTo = (at: number) => jest.advanceTimersByTimeAsync(at - Date.now());

/** What `wx.requestPayment` was asked, and how the (fake) payment sheet ends. */
let paySheet: { calls: any[]; outcome: 'ok' | 'cancel' };
function installPaySheet(outcome: 'ok' | 'cancel', onPaid: () => void = () => undefined) {
  paySheet = { calls: [], outcome };
  (globalThis as any).wx.requestPayment = (o: any) => {
    paySheet.calls.push(o);
    setTimeout(() => {
      if (paySheet.outcome === 'ok') {
        onPaid();
        o.success?.({ errMsg: 'requestPayment:ok' });
      } else o.fail?.({ errMsg: 'requestPayment:fail cancel' });
    }, 0);
  };
}

/** The order endpoint answers whatever `current` is at the time. */
let current: ReturnType<typeof voucherOrder>;
function serve(order: ReturnType<typeof voucherOrder>) {
  current = order;
  fakeWx().routes.set('GET /api/v1/voucher-orders/31', () => ({ data: current }));
}

/** A new QR token each time, valid for a minute from now. */
function serveTokens() {
  let n = 0;
  fakeWx().routes.set('GET /api/v1/voucher-orders/31/vouchers/301/qr', () => {
    n += 1;
    return { data: { token: `v1.301.token-${n}.sig`, expiresAt: new Date(Date.now() + 60_000).toISOString() } };
  });
}
const qrCalls = () => requests('GET', '/vouchers/301/qr');

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({ id: '31' });
  await tick();
  return comp;
}
const press = async (comp: Rendered, selector: string) => {
  comp.querySelector(selector)!.dispatchEvent('press');
  await tick();
};

describe('代金券订单', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick'] });
    asHolder();
  });
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('unpaid: says until when, and 去支付 pays with wx.requestPayment; the order then shows paid', async () => {
    serve({ ...unpaidVoucherOrder(false), payBy: at(0, 23) });
    installPaySheet('ok', () => (current = voucherOrder()));
    const comp = await open();
    expect(textOf(comp, '.status')).toBe('待支付');
    expect(textOf(comp, '.pay-by-time')).toBe('今天 23:00');
    expect(comp.querySelector('.vouchers')).toBeFalsy();

    await press(comp, '.pay');
    expect(paySheet.calls).toHaveLength(1);
    expect(paySheet.calls[0]).toMatchObject({ package: 'prepay_id=wx2911', signType: 'RSA', paySign: 'c2lnbmF0dXJl' });
    expect(requests('POST', '/dev-pay')).toHaveLength(0);
    expect(textOf(comp, '.status')).toBe('已支付');
    expect(comp.querySelectorAll('.voucher')).toHaveLength(2);
    expect(comp.querySelector('.pay')).toBeFalsy();
  });

  it('unpaid on a development server: 去支付 goes through dev-pay, not the payment sheet', async () => {
    serve(unpaidVoucherOrder(true));
    installPaySheet('ok');
    fakeWx().routes.set('POST /api/v1/voucher-orders/31/dev-pay', () => {
      current = voucherOrder();
      return { data: current };
    });
    const comp = await open();
    await press(comp, '.pay');
    expect(requests('POST', '/voucher-orders/31/dev-pay')).toHaveLength(1);
    expect(paySheet.calls).toHaveLength(0);
    expect(textOf(comp, '.status')).toBe('已支付');
  });

  it('unpaid, sheet closed: 未支付, the order still waits and can be paid again', async () => {
    serve(unpaidVoucherOrder(false));
    installPaySheet('cancel');
    const comp = await open();
    await press(comp, '.pay');
    expect(textOf(comp, '.pay-note')).toContain('未支付');
    expect(textOf(comp, '.status')).toBe('待支付');
    expect(comp.querySelector('.action-error')).toBeFalsy();
    expect(comp.querySelector('.pay')).toBeTruthy();
  });

  it('paid: each voucher with its state; a used one has no 出示', async () => {
    serve(
      voucherOrder({
        vouchers: [
          { id: 301, seq: 1, status: 'unused', redeemedAt: null },
          { id: 302, seq: 2, status: 'redeemed', redeemedAt: '2026-11-29T12:30:00.000+08:00' },
        ],
      }),
    );
    const comp = await open();
    const states = comp.querySelectorAll('.voucher-status').map((n) => n.dom!.textContent);
    expect(states).toEqual(['未使用', '已使用']);
    expect(textOf(comp, '.redeemed-at')).toBe('使用时间：2026年11月29日 12:30');
    expect(comp.querySelectorAll('.show-qr')).toHaveLength(1);
    expect(textOf(comp, '.amount')).toBe('¥80');
  });

  it('出示 draws the voucher’s QR large with the screen bright, a new one 10 s before expiry, none once put away', async () => {
    serve(voucherOrder());
    serveTokens();
    fakeWx().on('getScreenBrightness', (o) => setTimeout(() => o.success({ value: 0.3 }), 0));
    const comp = await open();
    await press(comp, '.show-qr');

    expect(qrCalls()).toHaveLength(1);
    expect(comp.querySelectorAll('.qr-dark').length).toBeGreaterThan(0);
    expect(textOf(comp, '.qr-title')).toBe('请商户扫码核销第 1 张');
    expect(calls('setScreenBrightness').map((c) => c.options.value)).toEqual([1]);
    expect(calls('setKeepScreenOn')[0].options.keepScreenOn).toBe(true);
    const first = (comp.instance as any).data.qrRows;
    const expiresAt = Date.parse((comp.instance as any).data.qrExpiresAt);

    await advanceTo(expiresAt - 10_001);
    expect(qrCalls()).toHaveLength(1);
    await advanceTo(expiresAt - 10_000);
    await tick();
    expect(qrCalls()).toHaveLength(2);
    expect((comp.instance as any).data.qrRows).not.toEqual(first);

    await press(comp, '.close-qr');
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(calls('setScreenBrightness').map((c) => c.options.value)).toEqual([1, 0.3]);
    await tick(300_000);
    expect(qrCalls()).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('no code is fetched while the page is hidden; back on screen, a fresh one', async () => {
    serve(voucherOrder());
    serveTokens();
    const comp = await open();
    await press(comp, '.show-qr');
    expect(qrCalls()).toHaveLength(1);
    (comp.instance as any).onHide();
    await tick(300_000);
    expect(qrCalls()).toHaveLength(1);
    (comp.instance as any).onShow();
    await tick();
    expect(qrCalls()).toHaveLength(2);
    (comp.instance as any).onUnload();
    await tick(300_000);
    expect(qrCalls()).toHaveLength(2);
  });

  it('a voucher used at the counter: the next code is refused, and the voucher shows 已使用', async () => {
    serve(voucherOrder());
    serveTokens();
    const comp = await open();
    await press(comp, '.show-qr');
    const expiresAt = Date.parse((comp.instance as any).data.qrExpiresAt);

    // The clerk scans it; the refresh finds it used.
    current = voucherOrder({
      vouchers: [
        { id: 301, seq: 1, status: 'redeemed', redeemedAt: '2026-11-29T12:30:00.000+08:00' },
        { id: 302, seq: 2, status: 'unused', redeemedAt: null },
      ],
    });
    fakeWx().routes.set('GET /api/v1/voucher-orders/31/vouchers/301/qr', () => ({
      statusCode: 409,
      data: { error: { code: 'VOUCHER_USED', message: '这张代金券已使用或已退款' } },
    }));
    await advanceTo(expiresAt - 10_000);
    await tick();
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(textOf(comp, '.action-error')).toBe('这张代金券已使用或已退款');
    expect(comp.querySelectorAll('.voucher-status').map((n) => n.dom!.textContent)).toEqual(['已使用', '未使用']);
  });

  it('退款 asks first; confirmed with a reason, it posts it and shows the refund as it stands', async () => {
    serve(voucherOrder());
    let modal: any = null;
    fakeWx().on('showModal', (o) => {
      modal = o;
      setTimeout(() => o.success({ confirm: true, content: '  计划有变  ' }), 0);
    });
    let sent: unknown = null;
    const refund = {
      outRefundNo: 'RF20261129100000ABCD1234',
      status: 'processing',
      voucherCount: 2,
      amountFen: 8000,
      reason: '计划有变',
      succeededAt: null,
    };
    fakeWx().routes.set('POST /api/v1/voucher-orders/31/refund', (o) => {
      sent = o.data;
      current = voucherOrder({
        status: 'refunding',
        statusText: '退款中',
        vouchers: [
          { id: 301, seq: 1, status: 'refunded', redeemedAt: null },
          { id: 302, seq: 2, status: 'refunded', redeemedAt: null },
        ],
        refund,
      });
      return { data: { orderId: 31, refund } };
    });
    const comp = await open();
    expect(textOf(comp, '.refund-button')).toBe('退款（未使用的 2 张）');
    await press(comp, '.refund-button');

    expect(modal.editable).toBe(true);
    expect(modal.content).toContain('2 张');
    expect(modal.content).toContain('¥80');
    expect(sent).toEqual({ reason: '计划有变' });
    expect(textOf(comp, '.status')).toBe('退款中');
    expect(textOf(comp, '.refund-status')).toBe('微信支付正在退款，一般 1 至 3 个工作日到账');
    expect(textOf(comp, '.refund-money')).toBe('¥80');
    expect(comp.querySelector('.refund-button')).toBeFalsy();
    expect(comp.querySelector('.show-qr')).toBeFalsy();
  });

  it('退款 declined in the confirm posts nothing; confirmed without a reason posts none', async () => {
    serve(voucherOrder());
    let confirm = false;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm, content: '' }), 0));
    const bodies: unknown[] = [];
    fakeWx().routes.set('POST /api/v1/voucher-orders/31/refund', (o) => {
      bodies.push(o.data);
      return {
        data: {
          orderId: 31,
          refund: {
            outRefundNo: 'RF1',
            status: 'success',
            voucherCount: 2,
            amountFen: 8000,
            reason: '持证人申请退款',
            succeededAt: '2026-11-29T12:00:00.000+08:00',
          },
        },
      };
    });
    const comp = await open();
    await press(comp, '.refund-button');
    expect(bodies).toEqual([]);
    confirm = true;
    await press(comp, '.refund-button');
    expect(bodies).toEqual([{}]);
  });

  it('a refused refund shows the server’s reason', async () => {
    serve(voucherOrder());
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm: true, content: '' }), 0));
    fakeWx().routes.set('POST /api/v1/voucher-orders/31/refund', () => ({
      statusCode: 409,
      data: { error: { code: 'NOTHING_TO_REFUND', message: '没有可退款的代金券（已使用的不能退款）' } },
    }));
    const comp = await open();
    await press(comp, '.refund-button');
    expect(textOf(comp, '.action-error')).toBe('没有可退款的代金券（已使用的不能退款）');
  });

  it('expired vouchers: no 出示 and no 退款', async () => {
    serve(voucherOrder({ validTo: '2020-01-01T00:00:00.000+08:00' }));
    const comp = await open();
    expect(comp.querySelector('.show-qr')).toBeFalsy();
    expect(comp.querySelector('.refund-button')).toBeFalsy();
    expect(textOf(comp, '.expired-note')).toContain('已过有效期');
    expect(comp.querySelectorAll('.voucher-status').map((n) => n.dom!.textContent)).toEqual(['已过期', '已过期']);
  });

  it('the history reads newest first, in words, with who took each step', async () => {
    serve(voucherOrder());
    const comp = await open();
    const steps = comp.querySelectorAll('.history-step').map((n) => n.dom!.textContent!.replace(/\s+/g, ' ').trim());
    expect(steps).toEqual(['支付成功 · 已支付', '下单 · 待支付']);
    expect(textOf(comp, '.history-item .muted')).toBe('2026年11月29日 10:01 · 微信支付');
  });

  it('an order that cannot be loaded says why and loads again on request', async () => {
    fakeWx().routes.set('GET /api/v1/voucher-orders/31', () => ({
      statusCode: 404,
      data: { error: { code: 'NOT_FOUND', message: '订单不存在' } },
    }));
    const comp = await open();
    expect(textOf(comp, '.load-error')).toContain('订单不存在');
    serve(voucherOrder());
    comp.querySelector('.load-error')!.dispatchEvent('action');
    await tick();
    expect(textOf(comp, '.status')).toBe('已支付');
  });
});
