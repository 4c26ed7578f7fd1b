import { HttpWeChatPay } from '../server/integrations/wechatpay/wechat-pay-http';
import type { Clock } from '../server/lib/clock';
import { MerchantOffer } from '../server/modules/merchants/merchant-offer.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { Voucher } from '../server/modules/payments/voucher.entity';
import { VoucherOrderEvent } from '../server/modules/payments/voucher-order-event.entity';
import { VoucherOrder } from '../server/modules/payments/voucher-order.entity';
import { VoucherRefund } from '../server/modules/payments/voucher-refund.entity';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';
import { FakeWeChatPayServer, liveConfigFor, makeWeChatPayTestKeys, type Forgery } from './fakes/fake-wechat-pay';

/**
 * The real WeChat Pay adapter against a fake WeChat Pay on loopback that checks every request's
 * signature: orders are prepaid there, notices come signed and encrypted from it, and the
 * reconcile job asks it.
 */
const keys = makeWeChatPayTestKeys();
let t: TestContext;
let fake: FakeWeChatPayServer;
let buyer: Awaited<ReturnType<typeof readyHolder>>;
let offerId: number;

/** The test clock, read when called (the context makes it after the adapter). */
const clock: Clock = { now: () => t.clock.now() };

beforeAll(async () => {
  fake = await new FakeWeChatPayServer(keys, () => clock.now()).start();
  const config = liveConfigFor(keys, fake.baseUrl);
  t = await createTestContext({ overrides: { wechatPay: new HttpWeChatPay(config, clock) } });
  // Request signatures carry the real time; keep the test clock beside it.
  t.clock.set(new Date());
  const b = await createBureau(t);
  buyer = await readyHolder(t);
  const id = await submittedApplication(t, buyer, b.stationId);
  await issuedCard(t, b, id, unique('RYW').replace(/\W/g, '').slice(0, 16).toUpperCase());
  const shop = await approvedMerchant(t);
  offerId = await createOffer(t, shop.owner, {
    title: '50 元代金券',
    kind: 'voucher',
    discountText: '30 元买 50 元',
    priceFen: 3000,
    faceValueFen: 5000,
    stockTotal: 100,
  });
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

async function newOrder(quantity = 1): Promise<{ id: number; outTradeNo: string }> {
  const res = await t.http.post('/api/v1/voucher-orders').set(buyer.auth).send({ offerId, quantity }).expect(201);
  // Live: the mini-program pays with wx.requestPayment.
  expect(res.body.payment.devPay).toBe(false);
  return { id: res.body.order.id, outTradeNo: res.body.order.outTradeNo };
}

const notify = (n: { headers: Record<string, string>; rawBody: string }) =>
  t.http
    .post('/api/v1/payments/wechat/notify')
    .set({ 'Content-Type': 'application/json', ...n.headers })
    .send(n.rawBody);

const statusOf = async (id: number) => (await t.container.db.manager.findOneByOrFail(VoucherOrder, { id })).status;

describe('WeChat Pay notices and the reconcile job, with the real adapter', () => {
  it('a paid order’s notice is applied once: 204, the vouchers issued; the same notice again changes nothing', async () => {
    const o = await newOrder(2);
    fake.markPaid(o.outTradeNo);
    const notice = fake.paymentNotice(o.outTradeNo);
    await notify(notice).expect(204);
    expect(await statusOf(o.id)).toBe('paid');
    await notify(notice).expect(204);
    await notify(fake.paymentNotice(o.outTradeNo)).expect(204);
    const em = t.container.db.manager;
    expect(await em.countBy(Voucher, { orderId: o.id })).toBe(2);
    expect(await em.countBy(VoucherOrderEvent, { orderId: o.id, action: 'pay' })).toBe(1);
    // The holder is told once, whatever number of notices came.
    expect(await em.countBy(OutboxMessage, { idempotencyKey: `voucher-order:${o.id}:paid` })).toBe(1);
  });

  it('in public-key mode too', async () => {
    const o = await newOrder();
    fake.markPaid(o.outTradeNo);
    await notify(fake.paymentNotice(o.outTradeNo, { signWith: 'publicKey' })).expect(204);
    expect(await statusOf(o.id)).toBe('paid');
  });

  const refusals: Array<[string, Forgery, number, string]> = [
    ['a forged signature', { wrongSignature: true }, 401, 'NOTICE_SIGNATURE_INVALID'],
    ['a bad GCM tag', { badTag: true }, 400, 'NOTICE_DECRYPT_FAILED'],
    [
      'a timestamp 10 minutes old',
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
      401,
      'NOTICE_TIMESTAMP_OUT_OF_WINDOW',
    ],
    ['a signature probe', { serial: 'WECHATPAY/SIGNTEST/1234567890' }, 401, 'NOTICE_PROBE_SERIAL'],
    ['an unknown serial', { serial: 'ABCDEF0123456789' }, 401, 'NOTICE_UNKNOWN_SERIAL'],
    [
      'an amount that is not the order’s',
      { resource: { amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' } } },
      400,
      'PAYMENT_MISMATCH',
    ],
    ['another merchant', { resource: { mchid: '1999999999' } }, 400, 'PAYMENT_MISMATCH'],
  ];
  it.each(refusals)('refuses %s with {code, message} and changes nothing', async (_what, forge, status, code) => {
    const o = await newOrder();
    fake.markPaid(o.outTradeNo);
    const res = await notify(fake.paymentNotice(o.outTradeNo, forge));
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message).toEqual(expect.any(String));
    expect(await statusOf(o.id)).toBe('created');
    expect(await t.container.db.manager.countBy(Voucher, { orderId: o.id })).toBe(0);
    // The genuine notice still works afterwards.
    await notify(fake.paymentNotice(o.outTradeNo)).expect(204);
    expect(await statusOf(o.id)).toBe('paid');
  });

  it('a notice that arrives before the holder is back, or never: the order is paid either way', async () => {
    const early = await newOrder();
    fake.markPaid(early.outTradeNo);
    // The holder comes back first: the order is asked of WeChat Pay.
    const back = await t.http.get(`/api/v1/voucher-orders/${early.id}`).set(buyer.auth).expect(200);
    expect(back.body.status).toBe('paid');
    await notify(fake.paymentNotice(early.outTradeNo)).expect(204);

    const lost = await newOrder();
    fake.markPaid(lost.outTradeNo);
    t.clock.advance(16 * 60_000);
    const run = await t.container.services.orders.closeOverdue();
    expect(run.paid).toBeGreaterThanOrEqual(1);
    expect(await statusOf(lost.id)).toBe('paid');
    t.clock.set(new Date());
  });

  it('an order not paid in time is closed with WeChat Pay, then here, and its stock comes back', async () => {
    const before = (await t.container.db.manager.findOneByOrFail(MerchantOffer, { id: offerId })).stockTaken;
    const o = await newOrder(3);
    t.clock.advance(16 * 60_000);
    await t.container.services.orders.closeOverdue();
    t.clock.set(new Date());
    expect(await statusOf(o.id)).toBe('closed');
    expect((await t.container.db.manager.findOneByOrFail(MerchantOffer, { id: offerId })).stockTaken).toBe(before);
    const events = await t.container.db.manager.findBy(VoucherOrderEvent, { orderId: o.id });
    expect(events.map((e) => [e.action, e.actorRole])).toEqual([
      ['create', 'holder'],
      ['close', 'system'],
    ]);
    // WeChat Pay no longer takes the payment for it.
    const asked = await t.container.ports.wechatPay.queryOrder(o.outTradeNo);
    expect(asked?.tradeState).toBe('CLOSED');
  });

  it('a refund asked for three times (answers lost) is one refund at WeChat Pay; its notice refunds the order once', async () => {
    const o = await newOrder(2);
    fake.markPaid(o.outTradeNo);
    await notify(fake.paymentNotice(o.outTradeNo)).expect(204);
    const createdBefore = fake.refundsCreated;
    const res = await t.http
      .post(`/api/v1/voucher-orders/${o.id}/refund`)
      .set(buyer.auth)
      .send({ reason: '计划有变' })
      .expect(200);
    expect(res.body.refund).toMatchObject({ status: 'processing', voucherCount: 2, amountFen: 6000 });
    const em = t.container.db.manager;
    const row = await em.findOneByOrFail(VoucherRefund, { orderId: o.id });
    // As if WeChat Pay's answers had been lost: asked again, twice, with the same number.
    for (let i = 0; i < 2; i++) {
      await t.container.db.transaction((tx) => tx.update(VoucherRefund, { id: row.id }, { status: 'pending' }));
      await t.container.services.refunds.attempt(row.id);
    }
    expect(fake.refundsCreated - createdBefore).toBe(1);
    expect(await statusOf(o.id)).toBe('refunding');

    fake.completeRefund(row.outRefundNo);
    const refundNotice = fake.refundNotice(row.outRefundNo);
    const post = (n: { headers: Record<string, string>; rawBody: string }) =>
      t.http
        .post('/api/v1/payments/wechat/refund-notify')
        .set({ 'Content-Type': 'application/json', ...n.headers })
        .send(n.rawBody);
    const forged = await post(fake.refundNotice(row.outRefundNo, { wrongSignature: true }));
    expect({ status: forged.status, code: forged.body.code }).toEqual({
      status: 401,
      code: 'NOTICE_SIGNATURE_INVALID',
    });
    expect(await statusOf(o.id)).toBe('refunding');
    await post(refundNotice).expect(204);
    await post(refundNotice).expect(204);
    expect(await statusOf(o.id)).toBe('refunded');
    expect(await em.countBy(VoucherOrderEvent, { orderId: o.id, action: 'refunded' })).toBe(1);
    // A payment notice is not a refund notice.
    const wrong = await post(fake.paymentNotice(o.outTradeNo));
    expect(wrong.status).toBe(400);
  });

  it('a refund WeChat Pay cannot take now is asked again by the job, a minute or more later, with the same number', async () => {
    const o = await newOrder();
    fake.markPaid(o.outTradeNo);
    await notify(fake.paymentNotice(o.outTradeNo)).expect(204);
    fake.script.push({ status: 500, body: { code: 'SYSTEM_ERROR', message: '系统繁忙' } });
    const res = await t.http.post(`/api/v1/voucher-orders/${o.id}/refund`).set(buyer.auth).send({}).expect(200);
    expect(res.body.refund.status).toBe('pending');
    const refunds = t.container.services.refunds;
    const rowNow = () => t.container.db.manager.findOneByOrFail(VoucherRefund, { orderId: o.id });
    expect(await rowNow()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'UPSTREAM_UNAVAILABLE' });
    await refunds.retryDue();
    expect(await rowNow()).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(61_000);
    await refunds.retryDue();
    t.clock.set(new Date());
    expect(await rowNow()).toMatchObject({ status: 'processing', lastError: null });
  });
});
