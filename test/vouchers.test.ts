import type { Response } from 'supertest';
import { MerchantOffer } from '../server/modules/merchants/merchant-offer.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { Voucher } from '../server/modules/payments/voucher.entity';
import { VoucherOrderEvent } from '../server/modules/payments/voucher-order-event.entity';
import { VoucherOrder } from '../server/modules/payments/voucher-order.entity';
import { type Bureau, createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, TEST_CLOCK_START, type TestContext } from './helpers/context';
import { loginHolder, type Session, unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';

let t: TestContext;
let b: Bureau;
let shop: Awaited<ReturnType<typeof approvedMerchant>>;
let buyer: Session;

beforeAll(async () => {
  t = await createTestContext();
  b = await createBureau(t);
  shop = await approvedMerchant(t);
  buyer = await holderWithCard();
});
afterAll(() => t.close());

function expectError(res: Response, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
}

/** A holder whose card the station has issued. */
async function holderWithCard(): Promise<Session> {
  const h = await readyHolder(t);
  const id = await submittedApplication(t, h, b.stationId);
  await issuedCard(t, b, id, unique('RYV').replace(/\W/g, '').slice(0, 16).toUpperCase());
  return h;
}

/** A voucher offer of the shop: 30 元 for a 50 元 voucher unless told otherwise. */
const voucherOffer = (extra: Record<string, unknown> = {}) =>
  createOffer(t, shop.owner, {
    title: '50 元代金券',
    kind: 'voucher',
    discountText: '30 元买 50 元',
    priceFen: 3000,
    faceValueFen: 5000,
    ...extra,
  });

const order = (who: Session, body: Record<string, unknown>) =>
  t.http.post('/api/v1/voucher-orders').set(who.auth).send(body);

describe('buying vouchers', () => {
  it('orders at the offer’s price (the client sends none), holds the stock, and answers what wx.requestPayment takes', async () => {
    const offerId = await voucherOffer({ stockTotal: 10 });
    const res = await order(buyer, { offerId, quantity: 2 }).expect(201);
    expect(res.body.order).toMatchObject({
      offerId,
      quantity: 2,
      unitPriceFen: 3000,
      faceValueFen: 5000,
      amountFen: 6000,
      status: 'created',
      statusText: '待支付',
    });
    expect(res.body.order.outTradeNo).toMatch(/^RY\d{14}[A-Z0-9]{8}$/);
    expect(res.body.payment).toMatchObject({
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=/),
      // No WeChat Pay behind the embedded default: the mini-program pays through dev-pay.
      devPay: true,
    });
    const offer = await t.container.db.manager.findOneByOrFail(MerchantOffer, { id: offerId });
    expect(offer.stockTaken).toBe(2);
    const page = await t.http.get(`/api/v1/merchants/${shop.merchantId}`).set(buyer.auth).expect(200);
    expect(page.body.offers.find((o: { id: number }) => o.id === offerId)).toMatchObject({
      stockTotal: 10,
      stockLeft: 8,
    });

    // A price in the body is not part of the contract.
    expectError(await order(buyer, { offerId, quantity: 1, amountFen: 1 }), 400, 'VALIDATION_FAILED');
  });

  it('pays through the dev adapter once: the vouchers are issued, a second payment changes nothing', async () => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity: 3 }).expect(201);
    const id = made.body.order.id;
    const paid = await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(buyer.auth).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', statusText: '已支付', payment: null });
    expect(paid.body.paidAt).toEqual(expect.any(String));
    expect(paid.body.vouchers.map((v: { seq: number; status: string }) => [v.seq, v.status])).toEqual([
      [1, 'unused'],
      [2, 'unused'],
      [3, 'unused'],
    ]);
    expect(paid.body.history.map((h: { action: string; by: string }) => [h.action, h.by])).toEqual([
      ['create', 'holder'],
      ['pay', 'wechat'],
    ]);

    await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(buyer.auth).expect(200);
    const em = t.container.db.manager;
    expect(await em.countBy(Voucher, { orderId: id })).toBe(3);
    expect(await em.countBy(VoucherOrderEvent, { orderId: id, action: 'pay' })).toBe(1);

    const mine = await t.http.get('/api/v1/voucher-orders/mine').set(buyer.auth).expect(200);
    expect(mine.body.items[0]).toMatchObject({ id, status: 'paid', unused: 3 });
  });

  it('reads back only the caller’s own orders', async () => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity: 1 }).expect(201);
    const other = await loginHolder(t);
    await t.http.get(`/api/v1/voucher-orders/${made.body.order.id}`).set(other.auth).expect(404);
    await t.http.post(`/api/v1/voucher-orders/${made.body.order.id}/dev-pay`).set(other.auth).expect(404);
    const detail = await t.http.get(`/api/v1/voucher-orders/${made.body.order.id}`).set(buyer.auth).expect(200);
    // Waiting for payment: the same arguments to pay again with.
    expect(detail.body.payment).toEqual(made.body.payment);
  });

  it('needs an active card, a voucher on sale and an eligible category', async () => {
    const noCard = await loginHolder(t);
    const offerId = await voucherOffer();
    expectError(await order(noCard, { offerId, quantity: 1 }), 409, 'CARD_INACTIVE');

    const discount = await createOffer(t, shop.owner);
    expectError(await order(buyer, { offerId: discount, quantity: 1 }), 404, 'NOT_FOUND');
    expectError(await order(buyer, { offerId: 999_999, quantity: 1 }), 404, 'NOT_FOUND');

    const withdrawn = await voucherOffer();
    await t.http.post(`/api/v1/merchant/offers/${withdrawn}/withdraw`).set(shop.owner.auth).expect(200);
    expectError(await order(buyer, { offerId: withdrawn, quantity: 1 }), 409, 'OFFER_UNAVAILABLE');

    const ended = await voucherOffer({ validTo: '2027-01-01T00:00:00+08:00' });
    expectError(await order(buyer, { offerId: ended, quantity: 1 }), 409, 'OFFER_UNAVAILABLE');

    const forOthers = await voucherOffer({ eligibleCategories: ['martyr_family'] });
    expectError(await order(buyer, { offerId: forOthers, quantity: 1 }), 409, 'CATEGORY_NOT_ELIGIBLE');

    expectError(await order(buyer, { offerId, quantity: 0 }), 400, 'VALIDATION_FAILED');
    expectError(await order(buyer, { offerId, quantity: 11 }), 400, 'VALIDATION_FAILED');
    expect(await t.container.db.manager.countBy(VoucherOrder, { offerId: forOthers })).toBe(0);
  });

  it('never sells more than the stock: 20 buyers at once for the last 5 get exactly 5 orders', async () => {
    const offerId = await voucherOffer({ stockTotal: 5 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => order(buyer, { offerId, quantity: 1 })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    for (const r of answers.filter((a) => a.status !== 201)) expectError(r, 409, 'SOLD_OUT');
    const em = t.container.db.manager;
    expect(await em.countBy(VoucherOrder, { offerId })).toBe(5);
    expect((await em.findOneByOrFail(MerchantOffer, { id: offerId })).stockTaken).toBe(5);
  });

  it('holds the per-person daily limit under concurrency, and counts vouchers, not orders', async () => {
    const offerId = await voucherOffer({ perPersonDailyLimit: 3 });
    const h = await holderWithCard();
    const answers = await Promise.all(Array.from({ length: 6 }, () => order(h, { offerId, quantity: 1 })));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of answers.filter((a) => a.status !== 201)) expectError(r, 409, 'LIMIT_REACHED');
    expectError(await order(h, { offerId, quantity: 1 }), 409, 'LIMIT_REACHED');

    // Another holder has an allowance of their own; two at once is two of it.
    await order(buyer, { offerId, quantity: 2 }).expect(201);
    expectError(await order(buyer, { offerId, quantity: 2 }), 409, 'LIMIT_REACHED');
    await order(buyer, { offerId, quantity: 1 }).expect(201);
  });

  it('a shop cannot cut the stock below what orders hold, and a discount has no stock', async () => {
    const offerId = await voucherOffer({ stockTotal: 3 });
    await order(buyer, { offerId, quantity: 2 }).expect(201);
    const cut = await t.http.patch(`/api/v1/merchant/offers/${offerId}`).set(shop.owner.auth).send({ stockTotal: 1 });
    expectError(cut, 400, 'VALIDATION_FAILED');
    await t.http.patch(`/api/v1/merchant/offers/${offerId}`).set(shop.owner.auth).send({ stockTotal: 2 }).expect(200);
    expectError(await order(buyer, { offerId, quantity: 1 }), 409, 'SOLD_OUT');
    const discount = await t.http
      .post('/api/v1/merchant/offers')
      .set(shop.owner.auth)
      .send({ title: '9 折', kind: 'discount', discountText: '9 折', stockTotal: 5 });
    expectError(discount, 400, 'VALIDATION_FAILED');
  });

  it('a payment whose notice never came is settled when the holder reads the order back (WeChat Pay is asked)', async () => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity: 1 }).expect(201);
    // WeChat Pay took the money; no notice has arrived.
    const dev = t.container.ports.wechatPay.dev!;
    dev.paidResource({ outTradeNo: made.body.order.outTradeNo, amountFen: 3000, payerOpenid: 'x' });
    const back = await t.http.get(`/api/v1/voucher-orders/${made.body.order.id}`).set(buyer.auth).expect(200);
    expect(back.body).toMatchObject({ status: 'paid', payment: null });
    expect(back.body.vouchers).toHaveLength(1);
  });

  it('a payment result that does not fit the order (amount, merchant, app) changes nothing', async () => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity: 1 }).expect(201);
    const orders = t.container.services.orders;
    const pay = t.container.ports.wechatPay;
    const good = pay.dev!.paidResource({ outTradeNo: made.body.order.outTradeNo, amountFen: 3000, payerOpenid: 'x' });
    for (const bad of [{ amountFen: 2999 }, { mchId: `${pay.mchId}9` }, { appId: `${pay.appId}x` }]) {
      await expect(orders.settle({ ...good, ...bad })).rejects.toMatchObject({ code: 'PAYMENT_MISMATCH' });
    }
    await expect(orders.settle({ ...good, outTradeNo: 'RY00000000000000NOSUCH00' })).rejects.toMatchObject({
      status: 404,
    });
    const em = t.container.db.manager;
    expect(await em.findOneByOrFail(VoucherOrder, { id: made.body.order.id })).toMatchObject({ status: 'created' });
    expect(await em.countBy(Voucher, { orderId: made.body.order.id })).toBe(0);
    await orders.settle(good);
    expect(await em.findOneByOrFail(VoucherOrder, { id: made.body.order.id })).toMatchObject({ status: 'paid' });
  });

  it('unused paid vouchers stop the holder deleting the account', async () => {
    const h = await holderWithCard();
    const offerId = await voucherOffer();
    const made = await order(h, { offerId, quantity: 1 }).expect(201);
    await t.http.post(`/api/v1/voucher-orders/${made.body.order.id}/dev-pay`).set(h.auth).expect(200);
    const plan = await t.http.get('/api/v1/me/deletion').set(h.auth).expect(200);
    expect(plan.body.blockers.map((x: { what: string }) => x.what)).toContain('您有已付款、还没使用的代金券');
    const data = await t.http.get('/api/v1/me/data').set(h.auth).expect(200);
    expect(data.body.voucherOrders).toEqual([expect.objectContaining({ id: made.body.order.id, status: 'paid' })]);
  });
});

describe('refunding vouchers', () => {
  const paidOrder = async (who: Session, extra: Record<string, unknown> = {}, quantity = 2) => {
    const offerId = await voucherOffer({ stockTotal: 10, ...extra });
    const made = await order(who, { offerId, quantity }).expect(201);
    await t.http.post(`/api/v1/voucher-orders/${made.body.order.id}/dev-pay`).set(who.auth).expect(200);
    return { id: made.body.order.id as number, offerId };
  };
  const refund = (who: Session, id: number, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/voucher-orders/${id}/refund`).set(who.auth).send(body);

  it('the holder refunds the unused vouchers: void at once, the money back, the stock back', async () => {
    const { id, offerId } = await paidOrder(buyer);
    const res = await refund(buyer, id, { reason: '不去了' }).expect(200);
    expect(res.body.refund).toMatchObject({ status: 'success', voucherCount: 2, amountFen: 6000, reason: '不去了' });
    const detail = await t.http.get(`/api/v1/voucher-orders/${id}`).set(buyer.auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'refunded', refund: { status: 'success' } });
    expect(detail.body.vouchers.map((v: { status: string }) => v.status)).toEqual(['refunded', 'refunded']);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'pay',
      'refund',
      'refunded',
    ]);
    expect((await t.container.db.manager.findOneByOrFail(MerchantOffer, { id: offerId })).stockTaken).toBe(0);
    expectError(await refund(buyer, id), 409, 'INVALID_TRANSITION');
  });

  it('an unpaid order, another holder’s order, and nothing left unused are refused', async () => {
    const offerId = await voucherOffer();
    const unpaid = await order(buyer, { offerId, quantity: 1 }).expect(201);
    expectError(await refund(buyer, unpaid.body.order.id), 409, 'INVALID_TRANSITION');
    const { id } = await paidOrder(buyer);
    const other = await loginHolder(t);
    expectError(await refund(other, id), 404, 'NOT_FOUND');
    await t.container.db.transaction((em) => em.update(Voucher, { orderId: id }, { status: 'redeemed' }));
    expectError(await refund(buyer, id), 409, 'NOTHING_TO_REFUND');
  });

  it('after the vouchers expire only district staff refund, and only with a reason', async () => {
    // Within the access token's 15 minutes of the test clock's start.
    const { id } = await paidOrder(buyer, { validTo: '2027-03-10T09:40:00+08:00' });
    t.clock.set('2027-03-10T01:42:00Z');
    try {
      expectError(await refund(buyer, id), 409, 'VOUCHER_EXPIRED');
      const staff = b.districtReviewer;
      expectError(await refund(staff, id), 400, 'VALIDATION_FAILED');
      const res = await refund(staff, id, { reason: '商户停业，统一退款' }).expect(200);
      expect(res.body.refund).toMatchObject({ status: 'success', reason: '商户停业，统一退款' });
      const events = await t.container.db.manager.findBy(VoucherOrderEvent, { orderId: id, action: 'refund' });
      expect(events.map((e) => [e.actorRole, e.reason])).toEqual([['staff', '商户停业，统一退款']]);
      expectError(await refund(b.stationReviewer, id, { reason: '试试看' }), 403, 'FORBIDDEN');
    } finally {
      t.clock.set(TEST_CLOCK_START);
    }
  });
});

describe('vouchers at the counter', () => {
  const paidVouchers = async (quantity: number) => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity }).expect(201);
    const paid = await t.http.post(`/api/v1/voucher-orders/${made.body.order.id}/dev-pay`).set(buyer.auth).expect(200);
    return { orderId: made.body.order.id as number, vouchers: paid.body.vouchers as Array<{ id: number }> };
  };
  const qr = (orderId: number, voucherId: number) =>
    t.http.get(`/api/v1/voucher-orders/${orderId}/vouchers/${voucherId}/qr`).set(buyer.auth);
  const scan = (who: Session, token: string) =>
    t.http.post('/api/v1/merchant/voucher-redemptions').set(who.auth).send({ token });

  it('the shop that sold it takes a voucher once; the last one used makes the order redeemed', async () => {
    const { orderId, vouchers } = await paidVouchers(2);
    const first = (await qr(orderId, vouchers[0].id).expect(200)).body.token;
    const taken = await scan(shop.owner, first).expect(200);
    expect(taken.body).toMatchObject({ voucherId: vouchers[0].id, orderId, faceValueFen: 5000, remaining: 1 });
    expectError(await scan(shop.owner, first), 409, 'VOUCHER_USED');
    expectError(await qr(orderId, vouchers[0].id), 409, 'VOUCHER_USED');

    const elsewhere = await approvedMerchant(t);
    const second = (await qr(orderId, vouchers[1].id).expect(200)).body.token;
    expectError(await scan(elsewhere.owner, second), 409, 'VOUCHER_OTHER_SHOP');
    await scan(shop.owner, second).expect(200);
    const detail = await t.http.get(`/api/v1/voucher-orders/${orderId}`).set(buyer.auth).expect(200);
    expect(detail.body.status).toBe('redeemed');
    expect(detail.body.history.at(-1)).toMatchObject({ action: 'redeem', by: 'merchant' });
    // Nothing left to refund.
    expectError(
      await t.http.post(`/api/v1/voucher-orders/${orderId}/refund`).set(buyer.auth).send({}),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('two clerks scanning the same code at once take it once', async () => {
    const { orderId, vouchers } = await paidVouchers(1);
    const token = (await qr(orderId, vouchers[0].id).expect(200)).body.token;
    const answers = await Promise.all([scan(shop.owner, token), scan(shop.owner, token), scan(shop.owner, token)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.container.db.manager.countBy(Voucher, { id: vouchers[0].id, status: 'redeemed' })).toBe(1);
  });

  it('a forged or expired code is refused; a refunded voucher cannot be taken; a holder cannot scan', async () => {
    const { orderId, vouchers } = await paidVouchers(2);
    const token = (await qr(orderId, vouchers[0].id).expect(200)).body.token as string;
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expectError(await scan(shop.owner, forged), 400, 'VOUCHER_QR_INVALID');
    expectError(await scan(shop.owner, token.replace(/^v1/, 'q1')), 400, 'VOUCHER_QR_INVALID');
    t.clock.advance(61_000);
    try {
      expectError(await scan(shop.owner, token), 400, 'VOUCHER_QR_INVALID');
    } finally {
      t.clock.set(TEST_CLOCK_START);
    }
    expectError(await scan(buyer, token), 403, 'FORBIDDEN');
    await t.http.post(`/api/v1/voucher-orders/${orderId}/refund`).set(buyer.auth).send({}).expect(200);
    expectError(await qr(orderId, vouchers[1].id), 409, 'VOUCHER_USED');
    const again = await t.http.get(`/api/v1/voucher-orders/${orderId}`).set(buyer.auth).expect(200);
    expect(again.body.vouchers.map((v: { status: string }) => v.status)).toEqual(['refunded', 'refunded']);
  });
});

describe('what the holder is told', () => {
  it('a paid order, each voucher used and a refund arrived are each one notice in the outbox, opening the order', async () => {
    const holder = await holderWithCard();
    const offerId = await voucherOffer();
    const made = await order(holder, { offerId, quantity: 3 }).expect(201);
    const id = made.body.order.id as number;
    const paid = await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(holder.auth).expect(200);
    await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(holder.auth).expect(200);
    const token = (
      await t.http
        .get(`/api/v1/voucher-orders/${id}/vouchers/${paid.body.vouchers[0].id}/qr`)
        .set(holder.auth)
        .expect(200)
    ).body.token;
    await t.http.post('/api/v1/merchant/voucher-redemptions').set(shop.owner.auth).send({ token }).expect(200);
    await t.http.post(`/api/v1/voucher-orders/${id}/refund`).set(holder.auth).send({}).expect(200);

    const rows = await t.container.db.manager.find(OutboxMessage, {
      where: { recipientAccountId: holder.userId },
      order: { id: 'ASC' },
    });
    const mine = rows.filter((r) => r.templateKey.startsWith('voucher_'));
    expect(mine.map((r) => [r.templateKey, r.page])).toEqual([
      ['voucher_paid', `packages/vouchers/pages/order/order?id=${id}`],
      ['voucher_redeemed', `packages/vouchers/pages/order/order?id=${id}`],
      ['voucher_refunded', `packages/vouchers/pages/order/order?id=${id}`],
    ]);
    expect(JSON.parse(mine[0].data)).toMatchObject({ title: made.body.order.title, amount: '90.00' });
    expect(JSON.parse(mine[1].data)).toMatchObject({ remark: '还剩 2 张未使用' });
    expect(JSON.parse(mine[2].data)).toMatchObject({ amount: '60.00', remark: '2 张未使用的代金券已退款' });
  });

  it('a refused payment tells nobody', async () => {
    const holder = await holderWithCard();
    const offerId = await voucherOffer();
    const made = await order(holder, { offerId, quantity: 1 }).expect(201);
    const pay = t.container.ports.wechatPay;
    const good = pay.dev!.paidResource({ outTradeNo: made.body.order.outTradeNo, amountFen: 3000, payerOpenid: 'x' });
    await expect(t.container.services.orders.settle({ ...good, amountFen: 1 })).rejects.toMatchObject({
      code: 'PAYMENT_MISMATCH',
    });
    expect(
      await t.container.db.manager.countBy(OutboxMessage, {
        recipientAccountId: holder.userId,
        templateKey: 'voucher_paid',
      }),
    ).toBe(0);
  });
});

describe('the desk’s list of orders', () => {
  it('lists every order for district staff by status and number, with unused vouchers and the refund', async () => {
    const offerId = await voucherOffer();
    const made = await order(buyer, { offerId, quantity: 2 }).expect(201);
    const id = made.body.order.id;
    await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(buyer.auth).expect(200);
    const staff = b.districtReviewer;
    const list = (query: Record<string, string>) =>
      t.http.get('/api/v1/staff/voucher-orders').query(query).set(staff.auth).expect(200);
    const byNumber = await list({ q: made.body.order.outTradeNo });
    expect(byNumber.body.items).toEqual([expect.objectContaining({ id, status: 'paid', unused: 2, refund: null })]);
    const paid = await list({ status: 'paid', limit: '100' });
    expect(paid.body.items.every((o: { status: string }) => o.status === 'paid')).toBe(true);
    expect(paid.body.items.some((o: { id: number }) => o.id === id)).toBe(true);
    await t.http.post(`/api/v1/voucher-orders/${id}/refund`).set(staff.auth).send({ reason: '商户停业，统一退款' });
    const after = await list({ q: made.body.order.outTradeNo });
    expect(after.body.items[0]).toMatchObject({
      status: 'refunded',
      unused: 0,
      refund: { status: 'success', amountFen: 6000 },
    });
    await order(buyer, { offerId, quantity: 1 }).expect(201);
    const first = await list({ limit: '1' });
    expect(first.body.items).toHaveLength(1);
    const second = await list({ limit: '1', cursor: first.body.nextCursor });
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
    await t.http.get('/api/v1/staff/voucher-orders').set(b.stationReviewer.auth).expect(403);
    await t.http.get('/api/v1/staff/voucher-orders').set(buyer.auth).expect(403);
  });
});

describe('buying vouchers while WeChat Pay is switched off', () => {
  let off: TestContext;
  beforeAll(async () => {
    off = await createTestContext({ env: { WECHATPAY_MODE: 'off' } });
  });
  afterAll(() => off.close());

  it('answers 503 and keeps nothing: the order closes and its stock comes back; there is no dev payment', async () => {
    const bureau = await createBureau(off);
    const h = await readyHolder(off);
    const id = await submittedApplication(off, h, bureau.stationId);
    await issuedCard(off, bureau, id, unique('RYO').replace(/\W/g, '').slice(0, 16).toUpperCase());
    const s = await approvedMerchant(off);
    const offerId = await createOffer(off, s.owner, {
      title: '50 元代金券',
      kind: 'voucher',
      discountText: '30 元买 50 元',
      priceFen: 3000,
      faceValueFen: 5000,
      stockTotal: 1,
    });
    const res = await off.http.post('/api/v1/voucher-orders').set(h.auth).send({ offerId, quantity: 1 });
    expectError(res, 503, 'PAYMENT_UNAVAILABLE');
    const em = off.container.db.manager;
    const [closed] = await em.findBy(VoucherOrder, { offerId });
    expect(closed.status).toBe('closed');
    expect((await em.findOneByOrFail(MerchantOffer, { id: offerId })).stockTaken).toBe(0);
    await off.http.post(`/api/v1/voucher-orders/${closed.id}/dev-pay`).set(h.auth).expect(404);
  });
});
