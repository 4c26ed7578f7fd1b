import { asHolder, calls, loadPage, openPage, textOf } from './harness';
import { fakeWx, flush } from './fake';
import { at, voucherOrder } from './fixtures';

const pageId = loadPage('packages/vouchers/pages/orders/orders');

/** An order as the list shows it: the order without its vouchers, refund and history. */
function row(over: Record<string, unknown>) {
  const order: Record<string, unknown> = voucherOrder(over);
  for (const part of ['vouchers', 'payment', 'refund', 'history']) delete order[part];
  return order;
}

describe('我的代金券', () => {
  beforeEach(() => asHolder());

  it('lists the orders newest first with the status in words, the amount and what is left to use, a page at a time', async () => {
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', (o) =>
      String(o.url).indexOf('cursor=c2') >= 0
        ? { data: { items: [row({ id: 29, status: 'refunded', statusText: '已退款', unused: 0 })], nextCursor: null } }
        : {
            data: {
              items: [
                row({ id: 32, status: 'created', statusText: '待支付', payBy: at(0, 23), paidAt: null, unused: 0 }),
                row({ id: 31, unused: 1 }),
                row({ id: 30, status: 'redeemed', statusText: '已使用', unused: 0 }),
              ],
              nextCursor: 'c2',
            },
          },
    );
    const comp = await openPage(pageId);
    expect(comp.querySelectorAll('.status').map((n) => n.dom!.textContent)).toEqual(['待支付', '已支付', '已使用']);
    expect(comp.querySelectorAll('.count').map((n) => n.dom!.textContent)).toEqual([
      '共 2 张',
      '共 2 张，1 张未使用',
      '共 2 张，已全部使用',
    ]);
    expect(textOf(comp, '.amount')).toBe('¥80');
    expect(textOf(comp, '.pay-by')).toBe('请在 今天 23:00 前支付');
    expect(comp.querySelectorAll('.pay-by')).toHaveLength(1);
    const chip = comp.querySelector('.order-created .status') as any;
    expect(chip.instance.data.tone).toBe('warn');

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelectorAll('.order')).toHaveLength(4);
    expect(textOf(comp, '.order-refunded .status')).toBe('已退款');
    expect(textOf(comp, '.end')).toBe('没有更早的订单了');
  });

  it('opens an order’s page from the list', async () => {
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', () => ({
      data: { items: [row({ id: 31, unused: 2 })], nextCursor: null },
    }));
    const comp = await openPage(pageId);
    comp.querySelector('.order')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/vouchers/pages/order/order?id=31']);
  });

  it('pull down loads the list again, as it now stands', async () => {
    let status = 'created';
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', () => ({
      data: {
        items: [row({ id: 31, status, statusText: status === 'created' ? '待支付' : '已支付', unused: 2 })],
        nextCursor: null,
      },
    }));
    const comp = await openPage(pageId);
    expect(textOf(comp, '.status')).toBe('待支付');
    status = 'paid';
    await (comp.instance as any).onPullDownRefresh();
    await flush();
    expect(textOf(comp, '.status')).toBe('已支付');
    expect(calls('stopPullDownRefresh')).toHaveLength(1);
  });

  it('back from an order, the list is read again', async () => {
    let n = 0;
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', () => {
      n += 1;
      return { data: { items: [row({ id: 31, unused: 2 })], nextCursor: null } };
    });
    const comp = await openPage(pageId);
    expect(n).toBe(1);
    (comp.instance as any).onShow();
    await flush();
    expect(n).toBe(2);
  });

  it('with no orders, says how to get vouchers and leads to the merchants', async () => {
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('还没有代金券');
    comp.querySelector('.list-state')!.dispatchEvent('action');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/merchants/pages/list/list']);
  });

  it('a failed load says why and loads again on request', async () => {
    let fail = true;
    fakeWx().routes.set('GET /api/v1/voucher-orders/mine', () =>
      fail ? 'fail' : { data: { items: [row({ id: 31, unused: 2 })], nextCursor: null } },
    );
    const comp = await openPage(pageId);
    expect(comp.dom!.innerHTML).toContain('网络不可用');
    fail = false;
    comp.querySelector('.list-state')!.dispatchEvent('action');
    await flush();
    expect(comp.querySelectorAll('.order')).toHaveLength(1);
  });
});
