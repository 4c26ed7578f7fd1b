import crypto from 'node:crypto';
import type { Clock } from '../../lib/clock';
import { PaymentsErrors } from './payments.errors';

/** How long a voucher's QR code shown on the phone stays valid. */
export const VOUCHER_TOKEN_TTL_SECONDS = 60;

/**
 * A voucher's QR token: `v1.<voucher id>.<nonce>.<expiry>.<signature>`, HMAC-SHA256 with a key of
 * its own (derived from the server secret), short enough for a low-density QR code. It is used
 * once because the voucher is: redeeming it is a guarded update from unused to redeemed.
 */
export class VoucherTokens {
  private readonly key: crypto.KeyObject;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(crypto.createHmac('sha256', secret).update('rongyou/voucher-token/v1').digest());
  }

  issue(voucherId: number): { token: string; expiresAt: Date } {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + VOUCHER_TOKEN_TTL_SECONDS;
    const body = `v1.${voucherId.toString(36)}.${crypto.randomBytes(6).toString('base64url')}.${exp.toString(36)}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The voucher a genuine, unexpired token names; VOUCHER_QR_INVALID otherwise. */
  verify(token: string): number {
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw PaymentsErrors.qrInvalid();
    const body = parts.slice(0, 4).join('.');
    const given = Buffer.from(parts[4], 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw PaymentsErrors.qrInvalid();
    const voucherId = parseInt(parts[1], 36);
    const exp = parseInt(parts[3], 36);
    if (!Number.isSafeInteger(voucherId) || !Number.isSafeInteger(exp)) throw PaymentsErrors.qrInvalid();
    if (exp * 1000 <= this.clock.now().getTime()) throw PaymentsErrors.qrInvalid();
    return voucherId;
  }

  private sign(body: string): string {
    return crypto.createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
