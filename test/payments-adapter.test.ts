import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WeChatPayLiveConfig } from '../server/config';
import { yuanToFen } from '../server/integrations/wechatpay/trade-bill';
import { DevWeChatPay } from '../server/integrations/wechatpay/wechat-pay-dev';
import { HttpWeChatPay } from '../server/integrations/wechatpay/wechat-pay-http';
import { DisabledWeChatPay } from '../server/integrations/wechatpay/wechat-pay-off';
import { FakeClock } from '../server/lib/clock';
import { PaymentError, type PaymentFailure } from '../server/modules/payments/payment.port';
import {
  FakeWeChatPayServer,
  makeTestCertificate,
  liveConfigFor,
  makeWeChatPayTestKeys,
  type WeChatPayTestKeys,
} from './fakes/fake-wechat-pay';

const NOTIFY = 'https://pay.example.test/api/v1/payments/wechat/notify';

let keys: WeChatPayTestKeys;
let clock: FakeClock;
let fake: FakeWeChatPayServer;

/** Live config for the test merchant; both verification kinds unless narrowed. */
function liveConfig(over: Partial<WeChatPayLiveConfig> = {}): WeChatPayLiveConfig {
  return liveConfigFor(keys, fake.baseUrl, over);
}

/** Awaits a rejection and returns the PaymentError, checking its code. */
async function failure(promise: Promise<unknown>, code: PaymentFailure): Promise<PaymentError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaymentError);
  expect((err as PaymentError).code).toBe(code);
  return err as PaymentError;
}

let counter = 0;
const tradeNo = () => `T${Date.now()}${++counter}`;

async function prepaid(pay: HttpWeChatPay, amountFen = 1990) {
  const outTradeNo = tradeNo();
  const params = await pay.createJsapiPrepay({
    outTradeNo,
    description: '戎友-代金券',
    amountFen,
    payerOpenid: 'openid-holder-1',
    notifyUrl: NOTIFY,
    expiresAt: new Date(clock.now().getTime() + 15 * 60_000),
  });
  return { outTradeNo, params };
}

beforeAll(async () => {
  keys = makeWeChatPayTestKeys();
  clock = new FakeClock(new Date());
  fake = await new FakeWeChatPayServer(keys, () => clock.now()).start();
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  clock.set(new Date());
  fake.signMode = 'certificate';
});

describe('the real adapter against the fake WeChat Pay', () => {
  describe('JSAPI prepay', () => {
    it('answers requestPayment parameters whose paySign verifies with the merchant key', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo, params } = await prepaid(pay);
      const order = fake.orders.get(outTradeNo)!;
      expect(params).toEqual({
        appId: keys.appId,
        timeStamp: expect.stringMatching(/^\d{10}$/),
        nonceStr: expect.any(String),
        package: `prepay_id=${order.prepay_id}`,
        signType: 'RSA',
        paySign: expect.any(String),
      });
      const signed = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
      const merchantKey = new crypto.X509Certificate(keys.merchant.certificatePem).publicKey;
      expect(crypto.verify('RSA-SHA256', Buffer.from(signed), merchantKey, Buffer.from(params.paySign, 'base64'))).toBe(
        true,
      );
      // What WeChat Pay received: the order as the port described it.
      expect(order).toMatchObject({
        appid: keys.appId,
        mchid: keys.mchId,
        description: '戎友-代金券',
        notify_url: NOTIFY,
        amount: { total: 1990, currency: 'CNY' },
        payer: { openid: 'openid-holder-1' },
        time_expire: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      });
      expect(fake.requests.at(-1)).toMatchObject({ path: '/v3/pay/transactions/jsapi', authorized: true });
    });

    it('is refused by WeChat Pay when the request signature is wrong, and says so', async () => {
      // Another key under the merchant's serial: the fake checks against the merchant certificate.
      const impostor = makeTestCertificate('impostor');
      const pay = new HttpWeChatPay(liveConfig({ privateKey: impostor.privateKeyPem, certificate: null }), clock);
      const err = await failure(
        pay.createJsapiPrepay({
          outTradeNo: tradeNo(),
          description: 'x',
          amountFen: 1,
          payerOpenid: 'o',
          notifyUrl: NOTIFY,
          expiresAt: new Date(),
        }),
        'UPSTREAM_ERROR',
      );
      expect(err.upstream).toMatchObject({ httpStatus: 401, wechatCode: 'SIGN_ERROR' });
      expect(err.status).toBe(502);
      expect(fake.requests.at(-1)).toMatchObject({ authorized: false });
    });

    it('refuses a malformed out_trade_no before calling', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const before = fake.requests.length;
      await failure(
        pay.createJsapiPrepay({
          outTradeNo: '../close',
          description: 'x',
          amountFen: 1,
          payerOpenid: 'o',
          notifyUrl: NOTIFY,
          expiresAt: new Date(),
        }),
        'PAYMENT_INVALID_ARGUMENT',
      );
      expect(fake.requests.length).toBe(before);
    });
  });

  describe('answers WeChat Pay signs', () => {
    it('are verified with the WeChat Pay public key as well as the platform certificate', async () => {
      fake.signMode = 'publicKey';
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo } = await prepaid(pay);
      expect((await pay.queryOrder(outTradeNo))?.tradeState).toBe('NOTPAY');
    });

    it('are not trusted when signed by a key the merchant does not hold', async () => {
      fake.signMode = 'publicKey';
      const pay = new HttpWeChatPay(liveConfig({ publicKey: null }), clock);
      const err = await failure(pay.queryOrder(tradeNo()), 'UPSTREAM_SIGNATURE_INVALID');
      expect(err.message).toContain('no key for serial');
    });

    it('are not trusted when their timestamp is out of the window', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo } = await prepaid(pay);
      // The fake stamps answers with the shared clock; the adapter reads a clock 10 minutes on.
      const later = new FakeClock(new Date(clock.now().getTime() + 10 * 60_000));
      await failure(new HttpWeChatPay(liveConfig(), later).queryOrder(outTradeNo), 'UPSTREAM_SIGNATURE_INVALID');
    });
  });

  describe('order query and close', () => {
    it('queries: unknown is null, then NOTPAY, then SUCCESS with the transaction', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      expect(await pay.queryOrder(tradeNo())).toBeNull();
      const { outTradeNo } = await prepaid(pay, 2500);
      expect(await pay.queryOrder(outTradeNo)).toMatchObject({
        tradeState: 'NOTPAY',
        transactionId: null,
        amountFen: 2500,
        payerAmountFen: null,
      });
      const paid = fake.markPaid(outTradeNo);
      expect(await pay.queryOrder(outTradeNo)).toEqual({
        appId: keys.appId,
        mchId: keys.mchId,
        outTradeNo,
        transactionId: paid.transaction_id,
        tradeState: 'SUCCESS',
        tradeStateDesc: '支付成功',
        successTime: paid.success_time,
        payerOpenid: 'openid-holder-1',
        amountFen: 2500,
        payerAmountFen: 2500,
        currency: 'CNY',
        attach: null,
      });
    });

    it('closes an unpaid order, and reports ORDERPAID for a paid one', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const unpaid = await prepaid(pay);
      await pay.closeOrder(unpaid.outTradeNo);
      expect((await pay.queryOrder(unpaid.outTradeNo))?.tradeState).toBe('CLOSED');
      // WeChat answers 204 for an order it never saw.
      await expect(pay.closeOrder(tradeNo())).resolves.toBeUndefined();

      const paid = await prepaid(pay);
      fake.markPaid(paid.outTradeNo);
      const err = await failure(pay.closeOrder(paid.outTradeNo), 'UPSTREAM_ERROR');
      expect(err.upstream).toMatchObject({ httpStatus: 400, wechatCode: 'ORDERPAID' });
      expect((await pay.queryOrder(paid.outTradeNo))?.tradeState).toBe('SUCCESS');
    });

    it('reports an unreachable WeChat Pay as UPSTREAM_UNAVAILABLE', async () => {
      const pay = new HttpWeChatPay(liveConfig({ apiBase: 'http://127.0.0.1:9' }), clock);
      const err = await failure(pay.queryOrder(tradeNo()), 'UPSTREAM_UNAVAILABLE');
      expect(err.status).toBe(503);
    });

    it('gives up on a WeChat Pay that does not answer within the timeout', async () => {
      const silent = http.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const pay = new HttpWeChatPay(liveConfig({ apiBase: `http://127.0.0.1:${port}`, timeoutMs: 200 }), clock);
        const started = Date.now();
        await failure(pay.queryOrder(tradeNo()), 'UPSTREAM_UNAVAILABLE');
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('reports a 5xx as UPSTREAM_UNAVAILABLE', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      fake.script.push({ status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } });
      const err = await failure(pay.queryOrder(tradeNo()), 'UPSTREAM_UNAVAILABLE');
      expect(err.upstream).toMatchObject({ httpStatus: 500, wechatCode: 'SYSTEM_ERROR' });
    });
  });

  describe('refunds', () => {
    it('refunds once however often the same out_refund_no is retried, then queries it', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo } = await prepaid(pay, 3000);
      fake.markPaid(outTradeNo);
      const created = fake.refundsCreated;
      const input = {
        outTradeNo,
        outRefundNo: `R${outTradeNo}`,
        refundFen: 3000,
        totalFen: 3000,
        reason: '持卡人申请退款',
        notifyUrl: 'https://pay.example.test/api/v1/payments/wechat/refund-notify',
      };
      const first = await pay.createRefund(input);
      expect(first).toMatchObject({
        outRefundNo: input.outRefundNo,
        outTradeNo,
        status: 'PROCESSING',
        refundFen: 3000,
        totalFen: 3000,
      });
      for (let i = 0; i < 3; i++) expect((await pay.createRefund(input)).refundId).toBe(first.refundId);
      expect(fake.refundsCreated).toBe(created + 1);

      expect(await pay.queryRefund(input.outRefundNo)).toMatchObject({ status: 'PROCESSING' });
      fake.completeRefund(input.outRefundNo);
      expect(await pay.queryRefund(input.outRefundNo)).toMatchObject({
        status: 'SUCCESS',
        successTime: expect.any(String),
        receivedAccount: '支付用户零钱',
      });
      expect(await pay.queryRefund('R-never-made')).toBeNull();
    });

    it('passes WeChat refusals on with their code (the same number for another amount)', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo } = await prepaid(pay, 3000);
      fake.markPaid(outTradeNo);
      const base = { outTradeNo, outRefundNo: `R${outTradeNo}`, totalFen: 3000, notifyUrl: NOTIFY };
      await pay.createRefund({ ...base, refundFen: 1000 });
      const err = await failure(pay.createRefund({ ...base, refundFen: 2000 }), 'UPSTREAM_ERROR');
      expect(err.upstream?.wechatCode).toBe('INVALID_REQUEST');
      await failure(pay.createRefund({ ...base, outRefundNo: 'R2', refundFen: 4000 }), 'PAYMENT_INVALID_ARGUMENT');
    });
  });

  describe('notices', () => {
    async function paidOrder() {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      const { outTradeNo } = await prepaid(pay, 1990);
      fake.markPaid(outTradeNo);
      return { pay, outTradeNo };
    }

    it('verifies and decrypts a payment notice signed with the platform certificate', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const notice = fake.paymentNotice(outTradeNo, { signWith: 'certificate' });
      const verified = await pay.verifyNotice(notice);
      expect(verified).toMatchObject({
        kind: 'payment',
        eventType: 'TRANSACTION.SUCCESS',
        serial: keys.platform.serialNo,
        payment: {
          outTradeNo,
          mchId: keys.mchId,
          appId: keys.appId,
          tradeState: 'SUCCESS',
          amountFen: 1990,
          transactionId: fake.orders.get(outTradeNo)!.transaction_id,
        },
      });
    });

    it('verifies a notice signed with the WeChat Pay public key, both kinds configured at once', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const verified = await pay.verifyNotice(fake.paymentNotice(outTradeNo, { signWith: 'publicKey' }));
      expect(verified).toMatchObject({ kind: 'payment', serial: keys.publicKey.id });
    });

    it('verifies in public-key mode alone (no platform certificate)', async () => {
      const { outTradeNo } = await paidOrder();
      const pay = new HttpWeChatPay(liveConfig({ platformCertificates: [] }), clock);
      fake.signMode = 'publicKey';
      expect((await pay.verifyNotice(fake.paymentNotice(outTradeNo))).kind).toBe('payment');
      await failure(
        pay.verifyNotice(fake.paymentNotice(outTradeNo, { signWith: 'certificate' })),
        'NOTICE_UNKNOWN_SERIAL',
      );
    });

    it('verifies and decrypts a refund notice', async () => {
      const { pay, outTradeNo } = await paidOrder();
      await pay.createRefund({
        outTradeNo,
        outRefundNo: `R${outTradeNo}`,
        refundFen: 990,
        totalFen: 1990,
        notifyUrl: NOTIFY,
      });
      fake.completeRefund(`R${outTradeNo}`);
      const verified = await pay.verifyNotice(fake.refundNotice(`R${outTradeNo}`));
      expect(verified).toMatchObject({
        kind: 'refund',
        eventType: 'REFUND.SUCCESS',
        refund: {
          mchId: keys.mchId,
          outTradeNo,
          outRefundNo: `R${outTradeNo}`,
          status: 'SUCCESS',
          refundFen: 990,
          totalFen: 1990,
        },
      });
    });

    it('accepts the headers in any case', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const notice = fake.paymentNotice(outTradeNo);
      const lower = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toLowerCase(), v]));
      expect((await pay.verifyNotice({ headers: lower, rawBody: notice.rawBody })).kind).toBe('payment');
    });

    it.each([
      ['a forged signature', { wrongSignature: true }, 'NOTICE_SIGNATURE_INVALID'],
      ['a bad GCM tag', { badTag: true }, 'NOTICE_DECRYPT_FAILED'],
      ['another APIv3 key', { wrongKey: true }, 'NOTICE_DECRYPT_FAILED'],
      ['a probe serial', { serial: 'WECHATPAY/SIGNTEST/7C4F2B1A5E', wrongSignature: true }, 'NOTICE_PROBE_SERIAL'],
      ['an unknown serial', { serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }, 'NOTICE_UNKNOWN_SERIAL'],
      [
        'an unknown public key id',
        { signWith: 'publicKey', serial: 'PUB_KEY_ID_0000000000000000000000000001' },
        'NOTICE_UNKNOWN_SERIAL',
      ],
    ] as const)('refuses %s', async (_what, forge, code) => {
      const { pay, outTradeNo } = await paidOrder();
      const err = await failure(pay.verifyNotice(fake.paymentNotice(outTradeNo, forge)), code);
      expect(err.status).toBeGreaterThanOrEqual(400);
      expect(err.status).toBeLessThan(500);
    });

    it('refuses a body changed after signing', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const notice = fake.paymentNotice(outTradeNo);
      const rawBody = notice.rawBody.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ');
      await failure(pay.verifyNotice({ headers: notice.headers, rawBody }), 'NOTICE_SIGNATURE_INVALID');
    });

    it('refuses a timestamp outside ±5 minutes of the clock, either way', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const notice = fake.paymentNotice(outTradeNo);
      clock.advance(5 * 60_000 - 2_000);
      expect((await pay.verifyNotice(notice)).kind).toBe('payment');
      clock.advance(4_000);
      await failure(pay.verifyNotice(notice), 'NOTICE_TIMESTAMP_OUT_OF_WINDOW');
      clock.set(new Date());
      const early = fake.paymentNotice(outTradeNo, { timestamp: Math.floor(clock.now().getTime() / 1000) + 301 });
      await failure(pay.verifyNotice(early), 'NOTICE_TIMESTAMP_OUT_OF_WINDOW');
    });

    it('refuses a notice missing its signature headers, or not JSON', async () => {
      const { pay, outTradeNo } = await paidOrder();
      const notice = fake.paymentNotice(outTradeNo);
      const { 'Wechatpay-Signature': _s, ...unsigned } = notice.headers;
      await failure(pay.verifyNotice({ headers: unsigned, rawBody: notice.rawBody }), 'NOTICE_MALFORMED');
      const text = 'not json';
      await failure(pay.verifyNotice({ headers: fake.signatureHeaders(text), rawBody: text }), 'NOTICE_MALFORMED');
    });
  });

  describe('the trade bill', () => {
    const lines = (outTradeNo: string) => [
      {
        tradeTime: '2026-11-22 10:15:02',
        transactionId: '4200000001202611220000000001',
        outTradeNo,
        openid: 'openid-holder-1',
        tradeState: 'SUCCESS' as const,
        amountFen: 1234,
        feeFen: 7,
        description: '戎友-代金券, 满100减20',
      },
      {
        tradeTime: '2026-11-22 11:00:00',
        transactionId: '4200000001202611220000000002',
        outTradeNo: `${outTradeNo}b`,
        openid: 'openid-holder-2',
        tradeState: 'REFUND' as const,
        amountFen: 5000,
        refund: { refundId: '50300000012026112200000001', outRefundNo: `R${outTradeNo}b`, refundFen: 5000 },
        feeFen: 0,
        description: '戎友-代金券',
      },
    ];

    it('downloads a planted bill, checks its hash and parses amounts to fen', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      fake.plantBill('2026-11-22', lines('B0001'));
      const result = await pay.fetchTradeBill('2026-11-22');
      expect(result.state).toBe('ready');
      if (result.state !== 'ready') return;
      expect(result.bill.rows).toHaveLength(2);
      expect(result.bill.rows[0]).toMatchObject({
        tradeTime: '2026-11-22 10:15:02',
        appId: keys.appId,
        mchId: keys.mchId,
        outTradeNo: 'B0001',
        tradeState: 'SUCCESS',
        settlementFen: 1234,
        refundFen: 0,
        refundId: null,
        feeFen: 7,
        rate: '0.60%',
        orderAmountFen: 1234,
        description: '戎友-代金券, 满100减20',
      });
      expect(result.bill.rows[1]).toMatchObject({
        tradeState: 'REFUND',
        outRefundNo: 'RB0001b',
        refundFen: 5000,
        settlementFen: 0,
      });
      expect(result.bill.summary).toEqual({
        tradeCount: 2,
        settlementTotalFen: 1234,
        refundTotalFen: 5000,
        feeTotalFen: 7,
        orderTotalFen: 6234,
        requestedRefundTotalFen: 5000,
      });
      // The download was signed like any request.
      expect(fake.requests.at(-1)).toMatchObject({ path: '/v3/billdownload/file', authorized: true });
    });

    it('unpacks a GZIP bill', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      fake.plantBill('2026-11-21', lines('B0002'));
      const result = await pay.fetchTradeBill('2026-11-21', { gzip: true });
      expect(result.state === 'ready' && result.bill.rows.map((r) => r.outTradeNo)).toEqual(['B0002', 'B0002b']);
    });

    it('refuses a bill whose SHA-1 does not match', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      fake.plantBill('2026-11-20', lines('B0003'));
      fake.corruptBillHash('2026-11-20');
      await failure(pay.fetchTradeBill('2026-11-20'), 'BILL_INVALID');
      await failure(pay.fetchTradeBill('2026-11-20', { gzip: true }), 'BILL_INVALID');
    });

    it('downloads from WeChat Pay only, never from a host the answer names', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      fake.script.push({
        status: 200,
        body: {
          hash_type: 'SHA1',
          hash_value: '0'.repeat(40),
          download_url: 'https://evil.example/v3/billdownload/file?token=x',
        },
      });
      const before = fake.requests.length;
      await failure(pay.fetchTradeBill('2026-11-19'), 'BILL_INVALID');
      expect(fake.requests.length).toBe(before + 1);
    });

    it('tells a day without a bill from a bill not made yet', async () => {
      const pay = new HttpWeChatPay(liveConfig(), clock);
      expect(await pay.fetchTradeBill('2026-01-01')).toEqual({ state: 'none' });
      fake.billPending = true;
      try {
        expect(await pay.fetchTradeBill('2026-01-01')).toEqual({ state: 'pending' });
      } finally {
        fake.billPending = false;
      }
    });

    it('turns yuan into fen without floating point', () => {
      expect(yuanToFen('0.01')).toBe(1);
      expect(yuanToFen('12.3')).toBe(1230);
      expect(yuanToFen('100')).toBe(10000);
      expect(yuanToFen('0.29')).toBe(29);
      expect(yuanToFen('-5.00')).toBe(-500);
      expect(() => yuanToFen('1.005')).toThrow(PaymentError);
      expect(() => yuanToFen('`1.00')).toThrow(PaymentError);
    });
  });
});

describe('the dev adapter', () => {
  const devClock = new FakeClock('2026-11-23T02:00:00Z');
  const input = (outTradeNo: string) => ({
    outTradeNo,
    description: '戎友-代金券',
    amountFen: 1990,
    payerOpenid: 'dev-holder',
    notifyUrl: 'http://127.0.0.1:3000/api/v1/payments/wechat/notify',
    expiresAt: new Date('2026-11-23T02:15:00Z'),
  });

  it('prepays with well-formed requestPayment parameters', async () => {
    const pay = new DevWeChatPay('1900000000', 'wx-dev-app', devClock);
    const params = await pay.createJsapiPrepay(input('DEV000001'));
    expect(params).toEqual({
      appId: 'wx-dev-app',
      timeStamp: String(Date.parse('2026-11-23T02:00:00Z') / 1000),
      nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/),
      package: expect.stringMatching(/^prepay_id=dev[0-9a-f]+$/),
      signType: 'RSA',
      paySign: expect.any(String),
    });
  });

  it('answers queries from what it knows: a dev payment makes the order SUCCESS', async () => {
    const pay = new DevWeChatPay('1900000000', 'wx-dev-app', devClock);
    expect(await pay.queryOrder('DEV000002')).toBeNull();
    await pay.createJsapiPrepay(input('DEV000002'));
    expect((await pay.queryOrder('DEV000002'))?.tradeState).toBe('NOTPAY');
    const resource = pay.dev.paidResource({ outTradeNo: 'DEV000002', amountFen: 1990, payerOpenid: 'dev-holder' });
    expect(resource).toMatchObject({
      appId: 'wx-dev-app',
      mchId: '1900000000',
      outTradeNo: 'DEV000002',
      tradeState: 'SUCCESS',
      amountFen: 1990,
      payerOpenid: 'dev-holder',
      transactionId: expect.stringMatching(/^dev/),
      successTime: '2026-11-23T10:00:00+08:00',
    });
    expect(await pay.queryOrder('DEV000002')).toEqual(resource);
    // Paying again changes nothing (the same transaction).
    expect(pay.dev.paidResource({ outTradeNo: 'DEV000002', amountFen: 1990, payerOpenid: 'dev-holder' })).toEqual(
      resource,
    );
    await failure(pay.closeOrder('DEV000002'), 'UPSTREAM_ERROR');
  });

  it('refunds at once, once per out_refund_no; has no bill for a day without trades; verifies no notice', async () => {
    const pay = new DevWeChatPay('1900000000', 'wx-dev-app', devClock);
    await pay.createJsapiPrepay(input('DEV000003'));
    pay.dev.paidResource({ outTradeNo: 'DEV000003', amountFen: 1990, payerOpenid: 'dev-holder' });
    const refund = {
      outTradeNo: 'DEV000003',
      outRefundNo: 'RDEV000003',
      refundFen: 1990,
      totalFen: 1990,
      notifyUrl: NOTIFY,
    };
    const first = await pay.createRefund(refund);
    expect(first.status).toBe('SUCCESS');
    expect((await pay.createRefund(refund)).refundId).toBe(first.refundId);
    expect(await pay.queryRefund('RDEV000003')).toEqual(first);
    expect((await pay.queryOrder('DEV000003'))?.tradeState).toBe('REFUND');
    expect(await pay.fetchTradeBill('2020-01-01')).toEqual({ state: 'none' });
    await failure(pay.verifyNotice(), 'NOTICE_UNKNOWN_SERIAL');
  });

  it('is the only adapter with dev payments', () => {
    keys ??= makeWeChatPayTestKeys();
    expect(new HttpWeChatPay(liveConfig({ apiBase: 'http://127.0.0.1:9' }), clock).dev).toBeNull();
    expect(new DisabledWeChatPay().dev).toBeNull();
  });
});

describe('payments switched off', () => {
  it('refuses every call with PAYMENTS_DISABLED (503)', async () => {
    const pay = new DisabledWeChatPay();
    const err = await failure(pay.queryOrder(), 'PAYMENTS_DISABLED');
    expect(err.status).toBe(503);
    await failure(pay.createJsapiPrepay(), 'PAYMENTS_DISABLED');
    await failure(pay.verifyNotice(), 'PAYMENTS_DISABLED');
  });
});
