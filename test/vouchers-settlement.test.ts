import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import type { RefundInput, RefundState } from '../server/modules/payments/payment.port';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { type Bureau, createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginStaff, type Session, signInWithPassword, unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';

/**
 * Settlement per merchant and Beijing month, from orders paid, vouchers used and refunds made
 * through the real routes, with the clock moved across the end of February 2027 (Beijing):
 *
 *   Feb 27 10:00  h1 buys 2 × A1 (30 元) at shop A; h2 buys 1 × B1 (20 元) at shop B;
 *                 h1 orders 1 × A2 and never pays
 *   Feb 28 23:30  h2 buys 3 × A2 (15 元); shop A takes one of h1's A1; h1 buys 2 × B1 and asks for
 *                 their refund, which WeChat Pay has not finished
 *   Mar  1 00:10  (still February in UTC) shop A takes h1's other A1; h2 refunds the 3 × A2;
 *                 h1 buys 1 × A1
 *   Mar 10 09:30  shop B takes h2's B1; h1 buys 2 × A2 and shop A takes one; h1's refund at shop B
 *                 succeeds
 */
let t: TestContext;
let b: Bureau;
let shopA: Awaited<ReturnType<typeof approvedMerchant>>;
let shopB: Awaited<ReturnType<typeof approvedMerchant>>;
let h1: Session;
let h2: Session;
let staff: Session;
let clerk: Session;
const offers = { A1: 0, A2: 0, B1: 0 };

/** While set, WeChat Pay answers a new refund "processing" and keeps no record of it. */
let refundsHeld = false;

const FEB_27 = '2027-02-27T02:00:00Z';
const FEB_28_2330 = '2027-02-28T15:30:00Z';
const MAR_1_0010 = '2027-02-28T16:10:00Z';
const MAR_10 = '2027-03-10T01:30:00Z';

function expectError(res: Response, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
}

/** Moves the clock and renews every session (access tokens last 15 minutes of it). */
async function at(iso: string): Promise<void> {
  t.clock.set(iso);
  for (const s of [h1, h2, shopA.owner, shopB.owner, staff, clerk, b.stationReviewer]) {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    s.accessToken = res.body.accessToken;
    s.refreshToken = res.body.refreshToken;
    s.auth.Authorization = `Bearer ${res.body.accessToken}`;
  }
}

async function holderWithCard(): Promise<Session> {
  const h = await readyHolder(t);
  const id = await submittedApplication(t, h, b.stationId);
  await issuedCard(t, b, id, unique('RYS').replace(/\W/g, '').slice(0, 16).toUpperCase());
  return h;
}

const voucherOffer = (owner: Session, title: string, priceFen: number, faceValueFen: number) =>
  createOffer(t, owner, {
    title,
    kind: 'voucher',
    discountText: `${priceFen / 100} 元买 ${faceValueFen / 100} 元`,
    priceFen,
    faceValueFen,
  });

async function buy(who: Session, offerId: number, quantity: number, pay = true) {
  const made = await t.http.post('/api/v1/voucher-orders').set(who.auth).send({ offerId, quantity }).expect(201);
  const id = made.body.order.id as number;
  if (!pay) return { id, vouchers: [] as Array<{ id: number }> };
  const paid = await t.http.post(`/api/v1/voucher-orders/${id}/dev-pay`).set(who.auth).expect(200);
  return { id, vouchers: paid.body.vouchers as Array<{ id: number }> };
}

async function take(owner: Session, holder: Session, orderId: number, voucherId: number) {
  const qr = await t.http
    .get(`/api/v1/voucher-orders/${orderId}/vouchers/${voucherId}/qr`)
    .set(holder.auth)
    .expect(200);
  await t.http.post('/api/v1/merchant/voucher-redemptions').set(owner.auth).send({ token: qr.body.token }).expect(200);
}

const refund = (who: Session, orderId: number) =>
  t.http.post(`/api/v1/voucher-orders/${orderId}/refund`).set(who.auth).send({}).expect(200);

const staffList = (month?: string) =>
  t.http
    .get('/api/v1/staff/voucher-settlements')
    .query(month ? { month } : {})
    .set(staff.auth);

const binary = (res: { on: Function }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const flows = (sold: [number, number], redeemed: [number, number], refunded: [number, number]) => ({
  soldCount: sold[0],
  soldFen: sold[1],
  redeemedCount: redeemed[0],
  redeemedFen: redeemed[1],
  refundedCount: refunded[0],
  refundedFen: refunded[1],
});
const tally = (count: number, amountFen: number) => ({ count, amountFen });

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(FEB_27);
  const pay = t.container.ports.wechatPay;
  const createRefund = pay.createRefund.bind(pay);
  pay.createRefund = async (input: RefundInput): Promise<RefundState> => {
    if (!refundsHeld) return createRefund(input);
    return {
      mchId: null,
      outRefundNo: input.outRefundNo,
      refundId: 'held',
      outTradeNo: input.outTradeNo,
      transactionId: 'held',
      status: 'PROCESSING',
      refundFen: input.refundFen,
      totalFen: input.totalFen,
      payerRefundFen: null,
      successTime: null,
      receivedAccount: null,
    };
  };

  b = await createBureau(t);
  shopA = await approvedMerchant(t, { name: '拥军饭店' });
  shopB = await approvedMerchant(t, { name: '老兵书店' });
  staff = await loginStaff(t, ['district_staff'], { districtId: b.districtId });
  const username = unique('clerk');
  await t.http
    .post('/api/v1/merchant/clerks')
    .set(shopA.owner.auth)
    .send({ username, password: 'clerk-password-1', displayName: '收银员' })
    .expect(201);
  const signedIn = await signInWithPassword(t, { username, password: 'clerk-password-1' });
  clerk = {
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken,
    userId: signedIn.user.id,
    auth: { Authorization: `Bearer ${signedIn.accessToken}` },
  };
  h1 = await holderWithCard();
  h2 = await holderWithCard();
  offers.A1 = await voucherOffer(shopA.owner, '50 元代金券', 3000, 5000);
  offers.A2 = await voucherOffer(shopA.owner, '20 元代金券', 1500, 2000);
  offers.B1 = await voucherOffer(shopB.owner, '图书代金券', 2000, 3000);

  // Feb 27, 10:00 Beijing
  const o1 = await buy(h1, offers.A1, 2);
  const o2 = await buy(h2, offers.B1, 1);
  await buy(h1, offers.A2, 1, false);

  // Feb 28, 23:30 Beijing: the month's last half hour
  await at(FEB_28_2330);
  const o4 = await buy(h2, offers.A2, 3);
  await take(shopA.owner, h1, o1.id, o1.vouchers[0].id);
  const o7 = await buy(h1, offers.B1, 2);
  refundsHeld = true;
  const held = await refund(h1, o7.id);
  expect(held.body.refund.status).toBe('processing');
  refundsHeld = false;

  // Mar 1, 00:10 Beijing (Feb 28, 16:10 UTC)
  await at(MAR_1_0010);
  await take(shopA.owner, h1, o1.id, o1.vouchers[1].id);
  await refund(h2, o4.id);
  await buy(h1, offers.A1, 1);

  // Mar 10, 09:30 Beijing
  await at(MAR_10);
  await take(shopB.owner, h2, o2.id, o2.vouchers[0].id);
  const o6 = await buy(h1, offers.A2, 2);
  await take(shopA.owner, h1, o6.id, o6.vouchers[0].id);
  await t.container.services.refunds.retryDue();
  const settled = await t.http.get(`/api/v1/voucher-orders/${o7.id}`).set(h1.auth).expect(200);
  expect(settled.body.refund).toMatchObject({ status: 'success', succeededAt: '2027-03-10T09:30:00.000+08:00' });
}, 120_000);
afterAll(() => t.close());

describe('voucher settlement per merchant and month', () => {
  it('gives the merchant its February: sold by payment time, used by counter time, unused at the month’s end', async () => {
    const res = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-02' })
      .set(shopA.owner.auth)
      .expect(200);
    expect(res.body).toEqual({
      merchantId: shopA.merchantId,
      merchantName: '拥军饭店',
      month: '2027-02',
      from: '2027-02-01',
      to: '2027-02-28',
      // 2 × 30 元 on the 27th; 3 × 15 元 at 23:30 on the 28th. The unpaid order is not sold.
      sold: tally(5, 10500),
      redeemed: tally(1, 3000),
      refunded: tally(0, 0),
      // One A1 used only on March 1st, three A2 refunded on March 1st.
      unusedCount: 4,
      payableFen: 3000,
      offers: [
        { offerId: offers.A1, title: '50 元代金券', ...flows([2, 6000], [1, 3000], [0, 0]) },
        { offerId: offers.A2, title: '20 元代金券', ...flows([3, 4500], [0, 0], [0, 0]) },
      ],
      days: [
        { day: '2027-02-27', ...flows([2, 6000], [0, 0], [0, 0]) },
        { day: '2027-02-28', ...flows([3, 4500], [1, 3000], [0, 0]) },
      ],
    });
  });

  it('places what happened after midnight Beijing time (still February in UTC) in March', async () => {
    const res = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-03' })
      .set(shopA.owner.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      month: '2027-03',
      from: '2027-03-01',
      to: '2027-03-31',
      sold: tally(3, 6000),
      redeemed: tally(2, 4500),
      refunded: tally(3, 4500),
      unusedCount: 2,
      payableFen: 4500,
      offers: [
        { offerId: offers.A1, title: '50 元代金券', ...flows([1, 3000], [1, 3000], [0, 0]) },
        { offerId: offers.A2, title: '20 元代金券', ...flows([2, 3000], [1, 1500], [3, 4500]) },
      ],
      days: [
        { day: '2027-03-01', ...flows([1, 3000], [1, 3000], [3, 4500]) },
        { day: '2027-03-10', ...flows([2, 3000], [1, 1500], [0, 0]) },
      ],
    });
    // Without a month: the current one (the clock is on March 10th).
    const current = await t.http.get('/api/v1/merchant/voucher-settlement').set(shopA.owner.auth).expect(200);
    expect(current.body).toEqual(res.body);
  });

  it('counts a refund in the month it succeeded, not when it was asked for', async () => {
    const feb = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-02' })
      .set(shopB.owner.auth)
      .expect(200);
    expect(feb.body).toMatchObject({
      merchantId: shopB.merchantId,
      merchantName: '老兵书店',
      sold: tally(3, 6000),
      redeemed: tally(0, 0),
      refunded: tally(0, 0),
      // Voided for the refund on the 28th, but the money was still here at the month's end.
      unusedCount: 3,
      payableFen: 0,
      offers: [{ offerId: offers.B1, title: '图书代金券', ...flows([3, 6000], [0, 0], [0, 0]) }],
      days: [
        { day: '2027-02-27', ...flows([1, 2000], [0, 0], [0, 0]) },
        { day: '2027-02-28', ...flows([2, 4000], [0, 0], [0, 0]) },
      ],
    });
    const mar = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-03' })
      .set(shopB.owner.auth)
      .expect(200);
    expect(mar.body).toMatchObject({
      sold: tally(0, 0),
      redeemed: tally(1, 2000),
      refunded: tally(2, 4000),
      unusedCount: 0,
      payableFen: 2000,
      days: [{ day: '2027-03-10', ...flows([0, 0], [1, 2000], [2, 4000]) }],
    });
  });

  it('lists every merchant for the desk with totals, and the same per merchant', async () => {
    const feb = await staffList('2027-02').expect(200);
    expect(feb.body).toEqual({
      month: '2027-02',
      from: '2027-02-01',
      to: '2027-02-28',
      rows: [
        {
          merchantId: shopA.merchantId,
          merchantName: '拥军饭店',
          sold: tally(5, 10500),
          redeemed: tally(1, 3000),
          refunded: tally(0, 0),
          unusedCount: 4,
          payableFen: 3000,
        },
        {
          merchantId: shopB.merchantId,
          merchantName: '老兵书店',
          sold: tally(3, 6000),
          redeemed: tally(0, 0),
          refunded: tally(0, 0),
          unusedCount: 3,
          payableFen: 0,
        },
      ],
      totals: {
        sold: tally(8, 16500),
        redeemed: tally(1, 3000),
        refunded: tally(0, 0),
        unusedCount: 7,
        payableFen: 3000,
      },
    });
    const mar = await staffList().expect(200);
    expect(mar.body.month).toBe('2027-03');
    expect(mar.body.totals).toEqual({
      sold: tally(3, 6000),
      redeemed: tally(3, 6500),
      refunded: tally(5, 8500),
      unusedCount: 2,
      payableFen: 6500,
    });
    expect(mar.body.rows.map((r: { merchantId: number; payableFen: number }) => [r.merchantId, r.payableFen])).toEqual([
      [shopA.merchantId, 4500],
      [shopB.merchantId, 2000],
    ]);

    const one = await t.http
      .get(`/api/v1/staff/voucher-settlements/${shopA.merchantId}`)
      .query({ month: '2027-02' })
      .set(staff.auth)
      .expect(200);
    const own = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-02' })
      .set(shopA.owner.auth)
      .expect(200);
    expect(one.body).toEqual(own.body);
    expectError(await t.http.get('/api/v1/staff/voucher-settlements/999999').set(staff.auth), 404, 'NOT_FOUND');
  });

  it('keeps a month with no activity out, a shop with unused vouchers in, and the future empty', async () => {
    expect((await staffList('2027-01').expect(200)).body).toMatchObject({
      rows: [],
      totals: { sold: tally(0, 0), unusedCount: 0, payableFen: 0 },
    });
    // A month after the last sale: shop A still owes its holders two vouchers; shop B none.
    await at('2027-04-02T02:00:00Z');
    try {
      const april = await staffList('2027-04').expect(200);
      expect(april.body.rows).toEqual([
        {
          merchantId: shopA.merchantId,
          merchantName: '拥军饭店',
          sold: tally(0, 0),
          redeemed: tally(0, 0),
          refunded: tally(0, 0),
          unusedCount: 2,
          payableFen: 0,
        },
      ]);
      const may = await staffList('2027-05').expect(200);
      expect(may.body).toMatchObject({ month: '2027-05', from: '2027-05-01', to: '2027-05-31', rows: [] });
      expect(may.body.totals.unusedCount).toBe(0);
    } finally {
      await at(MAR_10);
    }
  });

  it('shows a merchant only its own shop, to its owner only', async () => {
    const own = await t.http
      .get('/api/v1/merchant/voucher-settlement')
      .query({ month: '2027-03' })
      .set(shopB.owner.auth)
      .expect(200);
    expect(own.body.merchantId).toBe(shopB.merchantId);
    expect(own.body.offers.map((o: { offerId: number }) => o.offerId)).toEqual([offers.B1]);
    expectError(await t.http.get('/api/v1/merchant/voucher-settlement').set(clerk.auth), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/v1/merchant/voucher-settlement').set(h1.auth), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/v1/merchant/voucher-settlement').set(staff.auth), 403, 'FORBIDDEN');
    for (const who of [shopA.owner, clerk, b.stationReviewer]) {
      expectError(await t.http.get('/api/v1/staff/voucher-settlements').set(who.auth), 403, 'FORBIDDEN');
    }
    await t.http.get('/api/v1/staff/voucher-settlements').expect(401);
  });

  it('takes only YYYY-MM months', async () => {
    for (const month of ['2027-13', '2027-2', '202702', '2027-02-01', '1999-12']) {
      expectError(await staffList(month), 400, 'VALIDATION_FAILED');
    }
    expectError(
      await t.http.get('/api/v1/merchant/voucher-settlement').query({ month: '2027-00' }).set(shopA.owner.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http.get('/api/v1/staff/voucher-settlements/export').query({ format: 'pdf' }).set(staff.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('exports the month as CSV in 元 with a totals row, audit-logged', async () => {
    const res = await t.http
      .get('/api/v1/staff/voucher-settlements/export')
      .query({ month: '2027-02' })
      .set(staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="voucher-settlement-2027-02.csv"');
    expect((res.body as Buffer).toString('utf8')).toBe(
      '\uFEFF商户编号,商户名称,售出张数,售出金额（元）,核销张数,核销金额（元）,退款张数,退款金额（元）,月末未使用张数,应结算金额（元）\r\n' +
        `${shopA.merchantId},拥军饭店,5,105.00,1,30.00,0,0.00,4,30.00\r\n` +
        `${shopB.merchantId},老兵书店,3,60.00,0,0.00,0,0.00,3,0.00\r\n` +
        ',合计,8,165.00,1,30.00,0,0.00,7,30.00\r\n',
    );
    const audit = await t.container.db.manager.findBy(AuditLog, { action: 'voucher_settlement.export' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorAccountId: staff.userId, targetId: '2027-02' });
    expect(JSON.parse(audit[0].detail ?? '{}')).toEqual({ format: 'csv', merchants: 2 });
  });

  it('exports the month as an Excel workbook that reads back', async () => {
    const res = await t.http
      .get('/api/v1/staff/voucher-settlements/export')
      .query({ month: '2027-03', format: 'xlsx' })
      .set(staff.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('voucher-settlement-2027-03.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      [
        '商户编号',
        '商户名称',
        '售出张数',
        '售出金额（元）',
        '核销张数',
        '核销金额（元）',
        '退款张数',
        '退款金额（元）',
        '月末未使用张数',
        '应结算金额（元）',
      ],
      [shopA.merchantId, '拥军饭店', 3, 60, 2, 45, 3, 45, 2, 45],
      [shopB.merchantId, '老兵书店', 0, 0, 1, 20, 2, 40, 0, 20],
      ['', '合计', 3, 60, 3, 65, 5, 85, 2, 65],
    ]);
    expect(sheet.getColumn(4).numFmt).toBe('0.00');
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'voucher_settlement.export', targetId: '2027-03' }),
    ).toBe(1);
    expectError(await t.http.get('/api/v1/staff/voucher-settlements/export').set(shopA.owner.auth), 403, 'FORBIDDEN');
  });
});
