import crypto from 'node:crypto';
import type { Clock } from '../../lib/clock';
import {
  type IncomingNotice,
  PaymentError,
  type PaymentFailure,
  type VerifiedNotice,
} from '../../modules/payments/payment.port';
import {
  noticeEnvelopeWire,
  refundNoticeWire,
  toRefundFromNotice,
  toTransaction,
  transactionWire,
} from './wechat-pay-wire';

/** The keys WeChat Pay signs with: platform certificates (by serial) and/or the WeChat Pay public key. */
export interface WeChatPayVerifyKeys {
  platformCertificates: Array<{ serialNo: string; pem: string }>;
  publicKey: { id: string; pem: string } | null;
}

/** WeChat's signature probes carry this serial prefix and must be refused. */
export const PROBE_SERIAL_PREFIX = 'WECHATPAY/SIGNTEST/';
/** How far a signed timestamp may be from our clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

function header(headers: IncomingNotice['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Checks the Wechatpay-* signature headers of a notice or an answer: the serial names a key we
 * hold (a platform certificate serial or the public key's PUB_KEY_ID_…; both kinds may be
 * configured at once during WeChat's switch-over), the timestamp is within ±5 minutes of our
 * clock, and the RSA-SHA256 signature covers `timestamp\nnonce\nbody\n` of the raw body.
 */
export class WeChatPaySignatureVerifier {
  private readonly keys = new Map<string, crypto.KeyObject>();

  constructor(
    keys: WeChatPayVerifyKeys,
    private readonly clock: Clock,
    private readonly windowSeconds = SIGNATURE_WINDOW_SECONDS,
  ) {
    for (const cert of keys.platformCertificates) {
      this.keys.set(cert.serialNo.toUpperCase(), new crypto.X509Certificate(cert.pem).publicKey);
    }
    if (keys.publicKey) this.keys.set(keys.publicKey.id, crypto.createPublicKey(keys.publicKey.pem));
  }

  /** Returns the serial that verified; throws PaymentError NOTICE_* otherwise. */
  verify(headers: IncomingNotice['headers'], rawBody: string): string {
    const serial = header(headers, 'wechatpay-serial');
    const signature = header(headers, 'wechatpay-signature');
    const timestamp = header(headers, 'wechatpay-timestamp');
    const nonce = header(headers, 'wechatpay-nonce');
    if (!serial || !signature || !timestamp || !nonce) {
      throw fail('NOTICE_MALFORMED', 'Wechatpay-Serial, -Signature, -Timestamp and -Nonce are required');
    }
    if (serial.toUpperCase().startsWith(PROBE_SERIAL_PREFIX)) {
      throw fail('NOTICE_PROBE_SERIAL', 'signature probe refused');
    }
    const signatureType = header(headers, 'wechatpay-signature-type');
    if (signatureType && signatureType !== 'WECHATPAY2-SHA256-RSA2048') {
      throw fail('NOTICE_SIGNATURE_INVALID', `unsupported signature type ${signatureType}`);
    }
    if (!/^\d{1,12}$/.test(timestamp)) throw fail('NOTICE_MALFORMED', 'Wechatpay-Timestamp is not a number');
    const skew = Math.abs(this.clock.now().getTime() / 1000 - Number(timestamp));
    if (skew > this.windowSeconds) {
      throw fail('NOTICE_TIMESTAMP_OUT_OF_WINDOW', `timestamp ${Math.round(skew)} s away from now`);
    }
    const key = this.keys.get(serial.startsWith('PUB_KEY_ID_') ? serial : serial.toUpperCase());
    if (!key) throw fail('NOTICE_UNKNOWN_SERIAL', `no key for serial ${serial.slice(0, 64)}`);
    const ok = crypto.verify(
      'RSA-SHA256',
      Buffer.from(`${timestamp}\n${nonce}\n${rawBody}\n`, 'utf8'),
      key,
      Buffer.from(signature, 'base64'),
    );
    if (!ok) throw fail('NOTICE_SIGNATURE_INVALID', 'signature does not verify');
    return serial;
  }
}

function fail(code: PaymentFailure, message: string): PaymentError {
  return new PaymentError(code, `WeChat Pay notice: ${message}`);
}

/**
 * AEAD_AES_256_GCM with the APIv3 key, the tag checked (`final()` throws on a tampered text).
 * The ciphertext is base64 of the encrypted bytes followed by the 16-byte tag.
 */
export function decryptResource(
  apiV3Key: Buffer,
  resource: { ciphertext: string; associated_data: string; nonce: string },
): string {
  try {
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    if (bytes.length <= 16) throw new Error('ciphertext too short');
    const decipher = crypto.createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw fail('NOTICE_DECRYPT_FAILED', 'resource does not decrypt (wrong key or tampered)');
  }
}

/**
 * Reads an incoming notice: 1. the signature and timestamp over the raw body; 2. the envelope;
 * 3. the resource decrypted with its tag checked; 4. the resource parsed as a payment
 * (original_type `transaction`) or a refund (`refund`).
 */
export function readNotice(
  verifier: WeChatPaySignatureVerifier,
  apiV3Key: Buffer,
  notice: IncomingNotice,
): VerifiedNotice {
  const serial = verifier.verify(notice.headers, notice.rawBody);
  let envelopeJson: unknown;
  try {
    envelopeJson = JSON.parse(notice.rawBody);
  } catch {
    throw fail('NOTICE_MALFORMED', 'body is not JSON');
  }
  const envelope = noticeEnvelopeWire.safeParse(envelopeJson);
  if (!envelope.success) throw fail('NOTICE_MALFORMED', 'not a WeChat Pay notice envelope');
  const e = envelope.data;
  const plain = decryptResource(apiV3Key, e.resource);
  let resource: unknown;
  try {
    resource = JSON.parse(plain);
  } catch {
    throw fail('NOTICE_MALFORMED', 'decrypted resource is not JSON');
  }
  const base = { id: e.id, eventType: e.event_type, createTime: e.create_time, serial };
  if (e.resource.original_type === 'transaction') {
    const parsed = transactionWire.safeParse(resource);
    if (!parsed.success) throw fail('NOTICE_MALFORMED', 'payment resource of an unexpected shape');
    return { ...base, kind: 'payment', payment: toTransaction(parsed.data) };
  }
  if (e.resource.original_type === 'refund') {
    const parsed = refundNoticeWire.safeParse(resource);
    if (!parsed.success) throw fail('NOTICE_MALFORMED', 'refund resource of an unexpected shape');
    return { ...base, kind: 'refund', refund: toRefundFromNotice(parsed.data) };
  }
  throw fail('NOTICE_MALFORMED', `unknown resource type ${e.resource.original_type.slice(0, 32)}`);
}
