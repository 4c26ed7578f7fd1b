import { DevWeChatPay } from '../server/integrations/wechatpay/wechat-pay-dev';
import { HttpWeChatPay } from '../server/integrations/wechatpay/wechat-pay-http';
import { runJob } from '../server/jobs/job';
import { type Clock, FakeClock } from '../server/lib/clock';
import { shanghaiDate } from '../server/lib/working-days';
import { PaymentReconciliation } from '../server/modules/payments/payment-reconciliation.entity';
import { PaymentReconciliationItem } from '../server/modules/payments/payment-reconciliation-item.entity';
import { reconcileBillJob } from '../server/modules/payments/reconcile-bill.job';
import { VoucherOrder } from '../server/modules/payments/voucher-order.entity';
import { VoucherRefund } from '../server/modules/payments/voucher-refund.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { type Bureau, createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';
import { type BillLine, FakeWeChatPayServer, liveConfigFor, makeWeChatPayTestKeys } from './fakes/fake-wechat-pay';

/**
 * The daily trade-bill reconciliation with the real WeChat Pay adapter against the fake WeChat Pay
 * on loopback: orders are paid and refunded through the real notices, then moved to the day under
 * test (WeChat's success time is what puts them on a day), and that day's bill is planted.
 */
const keys = makeWeChatPayTestKeys();
const DAY_MS = 86_400_000;
const PRICE_FEN = 3000;
let t: TestContext;
let fake: FakeWeChatPayServer;
let bureau: Bureau;
let buyer: Awaited<ReturnType<typeof readyHolder>>;
let offerId: number;

/** The test clock, read when called (the context makes it after the adapter). */
const clock: Clock = { now: () => t.clock.now() };
/** A day `n` days back in Asia/Shanghai (request signatures carry the real time, so the days are real ones too). */
const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * DAY_MS));

beforeAll(async () => {
  fake = await new FakeWeChatPayServer(keys, () => clock.now()).start();
  const config = liveConfigFor(keys, fake.baseUrl);
  t = await createTestContext({ overrides: { wechatPay: new HttpWeChatPay(config, clock) } });
  t.clock.set(new Date());
  bureau = await createBureau(t);
  buyer = await readyHolder(t);
  const id = await submittedApplication(t, buyer, bureau.stationId);
  await issuedCard(t, bureau, id, unique('RYR').replace(/\W/g, '').slice(0, 16).toUpperCase());
  const shop = await approvedMerchant(t);
  offerId = await createOffer(t, shop.owner, {
    title: '50 元代金券',
    kind: 'voucher',
    discountText: '30 元买 50 元',
    priceFen: PRICE_FEN,
    faceValueFen: 5000,
    stockTotal: 200,
  });
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

interface Paid {
  id: number;
  outTradeNo: string;
  transactionId: string;
  amountFen: number;
  day: string;
}
interface Refunded extends Paid {
  outRefundNo: string;
  refundId: string;
}

const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

/** An order paid through WeChat Pay's real notice, its payment then moved to noon of `day`. */
async function paidOn(day: string): Promise<Paid> {
  const res = await t.http.post('/api/v1/voucher-orders').set(buyer.auth).send({ offerId, quantity: 1 }).expect(201);
  const { id, outTradeNo } = res.body.order as { id: number; outTradeNo: string };
  const order = fake.markPaid(outTradeNo);
  const notice = fake.paymentNotice(outTradeNo);
  await t.http
    .post('/api/v1/payments/wechat/notify')
    .set({ 'Content-Type': 'application/json', ...notice.headers })
    .send(notice.rawBody)
    .expect(204);
  await t.container.db.transaction((em) => em.update(VoucherOrder, { id }, { paidAt: noon(day) }));
  return { id, outTradeNo, transactionId: order.transaction_id!, amountFen: PRICE_FEN, day };
}

/** An order paid and then refunded in full through WeChat Pay's refund notice, both on `day`. */
async function refundedOn(day: string): Promise<Refunded> {
  const paid = await paidOn(day);
  await t.http.post(`/api/v1/voucher-orders/${paid.id}/refund`).set(buyer.auth).send({}).expect(200);
  const row = await t.container.db.manager.findOneByOrFail(VoucherRefund, { orderId: paid.id });
  const refund = fake.completeRefund(row.outRefundNo);
  const notice = fake.refundNotice(row.outRefundNo);
  await t.http
    .post('/api/v1/payments/wechat/refund-notify')
    .set({ 'Content-Type': 'application/json', ...notice.headers })
    .send(notice.rawBody)
    .expect(204);
  await t.container.db.transaction((em) =>
    em.update(VoucherRefund, { id: row.id }, { succeededAt: new Date(noon(day).getTime() + 3600_000) }),
  );
  expect((await t.container.db.manager.findOneByOrFail(VoucherOrder, { id: paid.id })).status).toBe('refunded');
  return { ...paid, outRefundNo: row.outRefundNo, refundId: refund.refund_id };
}

const payLine = (o: Paid, amountFen = o.amountFen): BillLine => ({
  tradeTime: `${o.day} 12:00:00`,
  transactionId: o.transactionId,
  outTradeNo: o.outTradeNo,
  openid: 'openid-holder',
  tradeState: 'SUCCESS',
  amountFen,
  feeFen: Math.round(amountFen * 0.006),
  description: '戎友-代金券',
});
const refundLine = (o: Paid, refund: { outRefundNo: string; refundId: string }, refundFen = o.amountFen): BillLine => ({
  ...payLine(o),
  tradeTime: `${o.day} 13:00:00`,
  tradeState: 'REFUND',
  refund: { ...refund, refundFen },
  feeFen: 0,
});

const run = (day: string) =>
  t.http.post(`/api/v1/staff/payment-reconciliations/${day}/run`).set(bureau.districtReviewer.auth);
const itemsOf = async (day: string) => {
  const row = await t.container.db.manager.findOneByOrFail(PaymentReconciliation, { billDate: day });
  return t.container.db.manager.findBy(PaymentReconciliationItem, { reconciliationId: row.id });
};

describe('the daily trade-bill reconciliation', () => {
  it('a day where the bill and our books agree is clean, with both sides’ totals; the run is audited', async () => {
    const day = daysAgo(10);
    const a = await paidOn(day);
    const b = await refundedOn(day);
    fake.plantBill(day, [payLine(a), payLine(b), refundLine(b, b)]);

    const res = await run(day).expect(200);
    expect(res.body).toMatchObject({
      billDate: day,
      status: 'clean',
      theirRows: 3,
      theirPaidFen: 2 * PRICE_FEN,
      theirRefundFen: PRICE_FEN,
      ourRows: 3,
      ourPaidFen: 2 * PRICE_FEN,
      ourRefundFen: PRICE_FEN,
      itemCount: 0,
      error: null,
      attempts: 1,
      runBy: bureau.districtReviewer.userId,
      items: [],
    });
    expect(res.body.reconciledAt).toEqual(expect.any(String));
    const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
      action: 'payment_reconciliation.run',
      targetId: day,
    });
    expect(audit.actorAccountId).toBe(bureau.districtReviewer.userId);

    const detail = await t.http
      .get(`/api/v1/staff/payment-reconciliations/${day}`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    expect(detail.body).toMatchObject({ billDate: day, status: 'clean', items: [] });
  });

  it('each planted difference becomes exactly one item of its kind, linked to our order; a re-run replaces them', async () => {
    const day = daysAgo(11);
    const wrongAmount = await paidOn(day);
    const missingThere = await paidOn(day);
    const refundedThere = await paidOn(day);
    const refundedHere = await refundedOn(day);
    const refundMismatch = await refundedOn(day);
    const stranger: Paid = {
      id: 0,
      outTradeNo: 'RYSTRANGER0000000001',
      transactionId: '4200000009202611010000000001',
      amountFen: 1500,
      day,
    };
    fake.plantBill(day, [
      payLine(wrongAmount, PRICE_FEN - 10),
      payLine(stranger),
      payLine(refundedThere),
      refundLine(refundedThere, { outRefundNo: 'RFELSEWHERE000001', refundId: '50300000012026000000000001' }),
      payLine(refundedHere),
      payLine(refundMismatch),
      refundLine(refundMismatch, refundMismatch, 1000),
    ]);

    const res = await run(day).expect(200);
    expect(res.body.status).toBe('differences');
    expect(res.body.itemCount).toBe(6);
    const byKind = Object.fromEntries(
      (res.body.items as Array<Record<string, unknown>>).map((i) => [i.kind, i]),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(byKind).sort()).toEqual([
      'amount_mismatch',
      'paid_here_only',
      'paid_there_only',
      'refund_amount_mismatch',
      'refunded_here_only',
      'refunded_there_only',
    ]);
    expect(byKind.amount_mismatch).toMatchObject({
      outTradeNo: wrongAmount.outTradeNo,
      orderId: wrongAmount.id,
      theirFen: PRICE_FEN - 10,
      ourFen: PRICE_FEN,
    });
    expect(byKind.paid_there_only).toMatchObject({
      outTradeNo: stranger.outTradeNo,
      transactionId: stranger.transactionId,
      orderId: null,
      theirFen: 1500,
      ourFen: null,
      note: '本系统无此订单',
    });
    expect(byKind.paid_here_only).toMatchObject({
      outTradeNo: missingThere.outTradeNo,
      transactionId: missingThere.transactionId,
      orderId: missingThere.id,
      theirFen: null,
      ourFen: PRICE_FEN,
    });
    expect(byKind.refunded_there_only).toMatchObject({
      outTradeNo: refundedThere.outTradeNo,
      outRefundNo: 'RFELSEWHERE000001',
      orderId: refundedThere.id,
      theirFen: PRICE_FEN,
      ourFen: null,
    });
    expect(byKind.refunded_here_only).toMatchObject({
      outRefundNo: refundedHere.outRefundNo,
      orderId: refundedHere.id,
      theirFen: null,
      ourFen: PRICE_FEN,
    });
    expect(byKind.refund_amount_mismatch).toMatchObject({
      outRefundNo: refundMismatch.outRefundNo,
      orderId: refundMismatch.id,
      theirFen: 1000,
      ourFen: PRICE_FEN,
    });
    expect(res.body).toMatchObject({
      theirRows: 7,
      theirPaidFen: 5 * PRICE_FEN - 10 + 1500 - PRICE_FEN,
      theirRefundFen: PRICE_FEN + 1000,
      ourRows: 7,
      ourPaidFen: 5 * PRICE_FEN,
      ourRefundFen: 2 * PRICE_FEN,
    });
    const firstIds = (await itemsOf(day)).map((i) => i.id);
    expect(firstIds).toHaveLength(6);

    // WeChat Pay's corrected bill leaves one difference: the re-run replaces the day's items.
    fake.plantBill(day, [
      payLine(wrongAmount),
      payLine(missingThere),
      payLine(refundedThere),
      refundLine(refundedThere, { outRefundNo: 'RFELSEWHERE000001', refundId: '50300000012026000000000001' }),
      payLine(refundedHere),
      refundLine(refundedHere, refundedHere),
      payLine(refundMismatch),
      refundLine(refundMismatch, refundMismatch),
    ]);
    const again = await run(day).expect(200);
    expect(again.body).toMatchObject({ status: 'differences', itemCount: 1, attempts: 2 });
    expect(again.body.items).toEqual([
      expect.objectContaining({ kind: 'refunded_there_only', orderId: refundedThere.id }),
    ]);
    const now = await itemsOf(day);
    expect(now).toHaveLength(1);
    expect(firstIds).not.toContain(now[0].id);
    expect(await t.container.db.manager.countBy(PaymentReconciliation, { billDate: day })).toBe(1);
  });

  it('no bill (no trade that day) is clean when we have nothing, a difference when we took a payment', async () => {
    const quiet = daysAgo(12);
    const res = await run(quiet).expect(200);
    expect(res.body).toMatchObject({ status: 'no_bill', itemCount: 0, theirRows: 0, ourRows: 0, items: [] });

    const day = daysAgo(13);
    const o = await paidOn(day);
    const busy = await run(day).expect(200);
    expect(busy.body).toMatchObject({ status: 'differences', itemCount: 1, ourRows: 1 });
    expect(busy.body.items).toEqual([
      expect.objectContaining({ kind: 'paid_here_only', orderId: o.id, note: '本系统已支付，微信支付当日无账单' }),
    ]);
  });

  it('a bill that fails its check, or is not made yet, leaves the day failed; the daily job fixes it later', async () => {
    const day = daysAgo(3);
    const o = await paidOn(day);
    fake.plantBill(day, [payLine(o)]);
    fake.corruptBillHash(day);
    const res = await run(day).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', itemCount: 0, ourRows: 1, reconciledAt: null, items: [] });
    expect(res.body.error).toMatch(/^BILL_INVALID: /);
    expect(res.body.error).not.toContain(o.outTradeNo);

    fake.billPending = true;
    try {
      const pending = await run(day).expect(200);
      expect(pending.body).toMatchObject({ status: 'failed', attempts: 2 });
      expect(pending.body.error).toMatch(/^BILL_NOT_READY: /);
    } finally {
      fake.billPending = false;
    }

    fake.plantBill(day, [payLine(o)]);
    const yesterday = daysAgo(1);
    expect(await t.container.services.reconciliation.dueDates()).toEqual([yesterday, day]);
    const counts = await runJob(reconcileBillJob, t.container);
    expect(counts).toEqual({ clean: 1, differences: 0, no_bill: 1, failed: 0 });
    const fixed = await t.container.db.manager.findOneByOrFail(PaymentReconciliation, { billDate: day });
    expect(fixed).toMatchObject({ status: 'clean', attempts: 3, error: null, runBy: null });
    expect(fixed.reconciledAt).not.toBeNull();
    expect((await t.container.db.manager.findOneByOrFail(PaymentReconciliation, { billDate: yesterday })).status).toBe(
      'no_bill',
    );
    // Nothing left to do until a day fails or a new day ends.
    expect(await t.container.services.reconciliation.dueDates()).toEqual([]);
  });

  it('the job takes yesterday in Beijing time, not in UTC', async () => {
    const svc = t.container.services.reconciliation;
    try {
      // 01:30 on 10 March in Beijing is still 9 March in UTC.
      t.clock.set('2027-03-09T17:30:00Z');
      expect(await svc.dueDates()).toEqual(['2027-03-09']);
      // 23:59 on 9 March in Beijing.
      t.clock.set('2027-03-09T15:59:00Z');
      expect(await svc.dueDates()).toEqual(['2027-03-08']);
    } finally {
      t.clock.set(new Date());
    }
  });

  it('lists days newest first, page by page; refuses today, later days, other roles and unknown days', async () => {
    const staff = bureau.districtReviewer.auth;
    const all = await t.http.get('/api/v1/staff/payment-reconciliations').set(staff).expect(200);
    const dates = (all.body.items as Array<{ billDate: string }>).map((d) => d.billDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toEqual(expect.arrayContaining([daysAgo(10), daysAgo(11), daysAgo(12)]));
    const first = await t.http.get('/api/v1/staff/payment-reconciliations?limit=2').set(staff).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await t.http
      .get('/api/v1/staff/payment-reconciliations')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(staff)
      .expect(200);
    expect(second.body.items[0].billDate < first.body.items[1].billDate).toBe(true);

    for (const day of [daysAgo(0), daysAgo(-1)]) {
      const res = await run(day).expect(409);
      expect(res.body.error.code).toBe('RECONCILIATION_DAY_NOT_OVER');
    }
    expect(await t.container.db.manager.countBy(PaymentReconciliation, { billDate: daysAgo(0) })).toBe(0);
    await t.http.post('/api/v1/staff/payment-reconciliations/2026-02-30/run').set(staff).expect(400);
    await t.http.get('/api/v1/staff/payment-reconciliations/2001-01-01').set(staff).expect(404);
    await t.http.get('/api/v1/staff/payment-reconciliations').set(bureau.stationReviewer.auth).expect(403);
    await t.http
      .post(`/api/v1/staff/payment-reconciliations/${daysAgo(20)}/run`)
      .set(buyer.auth)
      .expect(403);
    await t.http.get('/api/v1/staff/payment-reconciliations').expect(401);
  });
});

describe('the dev adapter’s bill', () => {
  it('lists what it paid and refunded itself that day, and has no bill for another day', async () => {
    const devClock = new FakeClock('2026-11-23T02:00:00Z');
    const pay = new DevWeChatPay('1900000000', 'wx-dev-app', devClock);
    for (const no of ['DEVBILL001', 'DEVBILL002']) {
      await pay.createJsapiPrepay({
        outTradeNo: no,
        description: '戎友-代金券',
        amountFen: 1990,
        payerOpenid: 'dev-holder',
        notifyUrl: 'https://pay.example.test/api/v1/payments/wechat/notify',
        expiresAt: new Date('2026-11-23T02:15:00Z'),
      });
      pay.dev.paidResource({ outTradeNo: no, amountFen: 1990, payerOpenid: 'dev-holder' });
    }
    devClock.set('2026-11-23T18:00:00Z'); // 02:00 on the 24th in Beijing
    await pay.createRefund({
      outTradeNo: 'DEVBILL002',
      outRefundNo: 'RFDEVBILL002',
      refundFen: 1990,
      totalFen: 1990,
      notifyUrl: 'https://pay.example.test/api/v1/payments/wechat/refund-notify',
    });

    const paidDay = await pay.fetchTradeBill('2026-11-23');
    expect(
      paidDay.state === 'ready' && paidDay.bill.rows.map((r) => [r.tradeState, r.outTradeNo, r.orderAmountFen]),
    ).toEqual([
      ['SUCCESS', 'DEVBILL001', 1990],
      ['SUCCESS', 'DEVBILL002', 1990],
    ]);
    const refundDay = await pay.fetchTradeBill('2026-11-24');
    expect(refundDay).toMatchObject({
      state: 'ready',
      bill: {
        rows: [{ tradeState: 'REFUND', outTradeNo: 'DEVBILL002', outRefundNo: 'RFDEVBILL002', refundFen: 1990 }],
        summary: { tradeCount: 1, refundTotalFen: 1990 },
      },
    });
    expect(await pay.fetchTradeBill('2026-11-22')).toEqual({ state: 'none' });
  });
});

describe('in dev mode (the embedded default)', () => {
  let dev: TestContext;
  beforeAll(async () => {
    dev = await createTestContext();
  });
  afterAll(() => dev.close());

  it('the next morning’s job compares what the dev adapter paid and refunded with our books: clean', async () => {
    const b = await createBureau(dev);
    const holder = await readyHolder(dev);
    const applicationId = await submittedApplication(dev, holder, b.stationId);
    await issuedCard(dev, b, applicationId, unique('RYD').replace(/\W/g, '').slice(0, 16).toUpperCase());
    const shop = await approvedMerchant(dev);
    const offer = await createOffer(dev, shop.owner, {
      title: '50 元代金券',
      kind: 'voucher',
      discountText: '30 元买 50 元',
      priceFen: PRICE_FEN,
      faceValueFen: 5000,
      stockTotal: 10,
    });
    const ids: number[] = [];
    for (const quantity of [1, 2]) {
      const made = await dev.http.post('/api/v1/voucher-orders').set(holder.auth).send({ offerId: offer, quantity });
      ids.push(made.body.order.id);
      await dev.http.post(`/api/v1/voucher-orders/${made.body.order.id}/dev-pay`).set(holder.auth).expect(200);
    }
    await dev.http.post(`/api/v1/voucher-orders/${ids[1]}/refund`).set(holder.auth).send({}).expect(200);
    const today = shanghaiDate(dev.clock.now());

    dev.clock.set(new Date(new Date(`${today}T10:30:00+08:00`).getTime() + DAY_MS));
    expect(await runJob(reconcileBillJob, dev.container)).toEqual({ clean: 1, differences: 0, no_bill: 0, failed: 0 });
    // The staff's token has expired overnight: the day is read back from the service.
    const { day, items } = await dev.container.services.reconciliation.day(today);
    expect(items).toEqual([]);
    expect(day).toMatchObject({
      status: 'clean',
      theirRows: 3,
      theirPaidFen: 3 * PRICE_FEN,
      theirRefundFen: 2 * PRICE_FEN,
      ourRows: 3,
      ourPaidFen: 3 * PRICE_FEN,
      ourRefundFen: 2 * PRICE_FEN,
      runBy: null,
    });
  });
});
