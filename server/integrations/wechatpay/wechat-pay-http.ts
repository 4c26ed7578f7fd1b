import crypto from 'node:crypto';
import zlib from 'node:zlib';
import WxPay from 'wechatpay-node-v3';
import type { IPayRequest, Output } from 'wechatpay-node-v3/dist/define';
import type { WeChatPayLiveConfig } from '../../config';
import type { Clock } from '../../lib/clock';
import {
  type IncomingNotice,
  type JsapiPrepayInput,
  PaymentError,
  type PaymentPort,
  type PaymentTransaction,
  type RefundInput,
  type RefundState,
  type RequestPaymentParams,
  type TradeBillResult,
  type VerifiedNotice,
} from '../../modules/payments/payment.port';
import { checkBillDate, checkFen, checkOutRefundNo, checkOutTradeNo, toWeChatPayTime } from './pay-input';
import { parseTradeBill } from './trade-bill';
import { readNotice, WeChatPaySignatureVerifier } from './wechat-pay-signature';
import { billRequestWire, errorWire, refundWire, toRefund, toTransaction, transactionWire } from './wechat-pay-wire';

/** The host the library writes into every URL; the transport swaps it for the configured base. */
const WECHATPAY_HOST = 'https://api.mch.weixin.qq.com';
/** A bill larger than this (unpacked) is refused rather than held in memory. */
const MAX_BILL_BYTES = 64 * 1024 * 1024;

/** The library, with its request signing reachable for the bill download it cannot do right. */
class SigningPay extends WxPay {
  authorization(method: 'GET' | 'POST', url: string): string {
    return this.buildAuthorization(method, url);
  }
}

/**
 * The HTTP transport handed to the library: the host rewritten to the configured base URL (the
 * signature covers only the path, so a fake server on loopback checks the same signatures), a
 * timeout, and every successful answer's Wechatpay-Signature verified before the library sees it.
 * Network failures, timeouts and 5xx throw PaymentError UPSTREAM_UNAVAILABLE; 4xx come back as
 * `{ status, error }` as the library expects.
 */
export class RebasedPayTransport implements IPayRequest {
  constructor(
    private readonly base: string,
    private readonly timeoutMs: number,
    private readonly verifier: WeChatPaySignatureVerifier,
  ) {}

  /** The configured base in place of WeChat's host; any other host is refused (nothing signed leaves). */
  rebase(url: string): string {
    if (url.startsWith(`${WECHATPAY_HOST}/`)) return this.base + url.slice(WECHATPAY_HOST.length);
    if (url.startsWith('/')) return this.base + url;
    throw new PaymentError('PAYMENT_INVALID_ARGUMENT', 'WeChat Pay URL on an unexpected host');
  }

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Output> {
    return this.send('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  async upload(): Promise<Output> {
    throw new PaymentError('PAYMENT_INVALID_ARGUMENT', 'uploads are not used');
  }

  private async send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Output> {
    // fetch negotiates and unpacks compression itself.
    const { 'Accept-Encoding': _encoding, ...sent } = headers;
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.rebase(url), {
        method,
        headers: sent,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      if (err instanceof PaymentError) throw err;
      throw new PaymentError('UPSTREAM_UNAVAILABLE', `WeChat Pay unreachable: ${(err as Error).name}`, {
        httpStatus: 0,
      });
    }
    if (res.status >= 500) {
      throw new PaymentError('UPSTREAM_UNAVAILABLE', `WeChat Pay answered ${res.status}`, {
        httpStatus: res.status,
        ...errorFields(text),
      });
    }
    // An answer acted on must be WeChat's: 2xx, and 404 (which reads as "no such order").
    if (res.status < 300 || res.status === 404) {
      try {
        this.verifier.verify(Object.fromEntries(res.headers), text);
      } catch (err) {
        throw new PaymentError(
          'UPSTREAM_SIGNATURE_INVALID',
          `WeChat Pay answer not trusted: ${(err as Error).message}`,
          { httpStatus: res.status },
        );
      }
    }
    if (res.status >= 300) return { status: res.status, error: text };
    try {
      return { status: res.status, data: text ? JSON.parse(text) : {} };
    } catch {
      throw new PaymentError('UPSTREAM_UNAVAILABLE', 'WeChat Pay answered something not JSON', {
        httpStatus: res.status,
      });
    }
  }
}

function errorFields(text: string | undefined): { wechatCode?: string; wechatMessage?: string } {
  try {
    const parsed = errorWire.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? { wechatCode: parsed.data.code, wechatMessage: parsed.data.message } : {};
  } catch {
    return {};
  }
}

/**
 * WeChat Pay APIv3 through wechatpay-node-v3 (the only file importing it), its gaps filled here:
 * serial_no passed explicitly (upper case), answers and notices verified with platform
 * certificates and/or the WeChat Pay public key, timestamps checked, GCM tags checked, and the
 * bill downloaded, hash-checked and unpacked by our own code.
 */
export class HttpWeChatPay implements PaymentPort {
  readonly mode = 'live' as const;
  readonly dev = null;
  readonly mchId: string;
  readonly appId: string;
  private readonly pay: SigningPay;
  private readonly transport: RebasedPayTransport;
  private readonly verifier: WeChatPaySignatureVerifier;

  constructor(
    private readonly config: WeChatPayLiveConfig,
    clock: Clock,
  ) {
    this.mchId = config.mchId;
    this.appId = config.appId;
    this.verifier = new WeChatPaySignatureVerifier(
      { platformCertificates: config.platformCertificates, publicKey: config.publicKey },
      clock,
    );
    this.pay = new SigningPay({
      appid: config.appId,
      mchid: config.mchId,
      serial_no: config.serialNo,
      // With serial_no given the library never parses this; it only insists on having one.
      publicKey: Buffer.from(
        config.certificate ?? crypto.createPublicKey(config.privateKey).export({ type: 'spki', format: 'pem' }),
      ),
      privateKey: Buffer.from(config.privateKey),
      key: config.apiV3Key.toString('utf8'),
      userAgent: 'rongyou-server',
    });
    this.transport = new RebasedPayTransport(config.apiBase.replace(/\/+$/, ''), config.timeoutMs, this.verifier);
    this.pay.createHttp(this.transport);
  }

  async createJsapiPrepay(input: JsapiPrepayInput): Promise<RequestPaymentParams> {
    const res = await this.pay.transactions_jsapi({
      description: input.description,
      out_trade_no: checkOutTradeNo(input.outTradeNo),
      time_expire: toWeChatPayTime(input.expiresAt),
      notify_url: input.notifyUrl,
      ...(input.attach ? { attach: input.attach } : {}),
      amount: { total: checkFen(input.amountFen, 'amount'), currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    });
    if (res.status !== 200 || typeof res.data?.paySign !== 'string') throw upstream(res, 'prepay');
    const d = res.data as RequestPaymentParams;
    return {
      appId: d.appId,
      timeStamp: d.timeStamp,
      nonceStr: d.nonceStr,
      package: d.package,
      signType: 'RSA',
      paySign: d.paySign,
    };
  }

  async queryOrder(outTradeNo: string): Promise<PaymentTransaction | null> {
    const res = await this.pay.query({ out_trade_no: checkOutTradeNo(outTradeNo) });
    if (res.status === 404 && errorFields(res.error).wechatCode === 'ORDER_NOT_EXIST') return null;
    if (res.status !== 200) throw upstream(res, 'order query');
    return toTransaction(parseAnswer(transactionWire, res.data, 'order query'));
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    const res = await this.pay.close(checkOutTradeNo(outTradeNo));
    if (res.status !== 204 && res.status !== 200) throw upstream(res, 'close');
  }

  async createRefund(input: RefundInput): Promise<RefundState> {
    checkFen(input.totalFen, 'total');
    if (checkFen(input.refundFen, 'refund') > input.totalFen) {
      throw new PaymentError('PAYMENT_INVALID_ARGUMENT', 'refund exceeds the order total');
    }
    const res = await this.pay.refunds({
      out_trade_no: checkOutTradeNo(input.outTradeNo),
      out_refund_no: checkOutRefundNo(input.outRefundNo),
      ...(input.reason ? { reason: input.reason } : {}),
      notify_url: input.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    if (res.status !== 200) throw upstream(res, 'refund');
    return toRefund(parseAnswer(refundWire, res.data, 'refund'));
  }

  async queryRefund(outRefundNo: string): Promise<RefundState | null> {
    const res = await this.pay.find_refunds(checkOutRefundNo(outRefundNo));
    if (res.status === 404 && errorFields(res.error).wechatCode === 'RESOURCE_NOT_EXISTS') return null;
    if (res.status !== 200) throw upstream(res, 'refund query');
    return toRefund(parseAnswer(refundWire, res.data, 'refund query'));
  }

  /**
   * 1. Ask for the bill (`/v3/bill/tradebill`); 2. download it from the URL given, signed like any
   * request; 3. unpack GZIP when asked for it; 4. check the SHA-1 of the unpacked bill; 5. parse.
   */
  async fetchTradeBill(billDate: string, options: { gzip?: boolean } = {}): Promise<TradeBillResult> {
    const res = await this.pay.tradebill({
      bill_date: checkBillDate(billDate),
      bill_type: 'ALL',
      ...(options.gzip ? { tar_type: 'GZIP' } : {}),
    });
    if (res.status === 400) {
      const code = errorFields(res.error).wechatCode;
      if (code === 'NO_STATEMENT_EXIST') return { state: 'none' };
      if (code === 'STATEMENT_CREATING') return { state: 'pending' };
    }
    if (res.status !== 200) throw upstream(res, 'trade bill');
    const meta = parseAnswer(billRequestWire, res.data, 'trade bill');
    if (!meta.download_url.startsWith(`${WECHATPAY_HOST}/`)) {
      throw new PaymentError('BILL_INVALID', 'WeChat Pay trade bill: download URL on an unexpected host');
    }
    let bytes = await this.download(meta.download_url);
    if (options.gzip) {
      try {
        bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_BILL_BYTES });
      } catch {
        throw new PaymentError('BILL_INVALID', 'WeChat Pay trade bill: not a readable GZIP file');
      }
    }
    const hash = crypto.createHash('sha1').update(bytes).digest('hex');
    if (hash !== meta.hash_value.toLowerCase()) {
      throw new PaymentError('BILL_INVALID', 'WeChat Pay trade bill: SHA-1 does not match');
    }
    return { state: 'ready', bill: parseTradeBill(bytes.toString('utf8'), billDate) };
  }

  verifyNotice(notice: IncomingNotice): Promise<VerifiedNotice> {
    return Promise.resolve().then(() => readNotice(this.verifier, this.config.apiV3Key, notice));
  }

  /** The bill file: a signed GET whose answer (bytes, not JSON, not signed) is read with a size cap. */
  private async download(downloadUrl: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(this.transport.rebase(downloadUrl), {
        headers: {
          Accept: 'application/json',
          'User-Agent': 'rongyou-server',
          Authorization: this.pay.authorization('GET', downloadUrl),
        },
        signal: AbortSignal.timeout(this.config.timeoutMs * 6),
      });
      if (res.status >= 500) throw new Error(`http ${res.status}`);
      if (Number(res.headers.get('content-length') ?? 0) > MAX_BILL_BYTES) {
        await res.body?.cancel();
        throw new PaymentError('BILL_INVALID', 'WeChat Pay trade bill: too large');
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) {
        throw new PaymentError('UPSTREAM_ERROR', `WeChat Pay bill download answered ${res.status}`, {
          httpStatus: res.status,
          ...errorFields(bytes.toString('utf8')),
        });
      }
      if (bytes.length > MAX_BILL_BYTES) throw new PaymentError('BILL_INVALID', 'WeChat Pay trade bill: too large');
      return bytes;
    } catch (err) {
      if (err instanceof PaymentError) throw err;
      throw new PaymentError('UPSTREAM_UNAVAILABLE', `WeChat Pay bill download failed: ${(err as Error).message}`, {
        httpStatus: 0,
      });
    }
  }
}

function upstream(res: Output, what: string): PaymentError {
  const fields = errorFields(typeof res.error === 'string' ? res.error : undefined);
  return new PaymentError(
    'UPSTREAM_ERROR',
    `WeChat Pay ${what} failed: http ${res.status}${fields.wechatCode ? ` ${fields.wechatCode}` : ''}`,
    { httpStatus: res.status, ...fields },
  );
}

function parseAnswer<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  data: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new PaymentError('UPSTREAM_UNAVAILABLE', `WeChat Pay ${what}: answer of an unexpected shape`, {
      httpStatus: 200,
    });
  }
  return parsed.data;
}
