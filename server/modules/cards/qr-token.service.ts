import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { Card } from './card.entity';
import { CardErrors } from './cards.errors';
import { QrTokenUse } from './qr-token-use.entity';

/** How long a QR code shown on the phone stays valid. */
export const QR_TOKEN_TTL_SECONDS = 60;

declare const checked: unique symbol;

/** What a token names, once `verify` has checked its signature and expiry. */
export interface VerifiedQrToken {
  cardId: number;
  jti: string;
  expiresAt: Date;
  /** Only `verify` makes one, so a spend never skips the signature check. */
  readonly [checked]: true;
}

/**
 * The electronic card's QR token: `q1.<card id>.<jti>.<expiry>.<signature>`, HMAC-SHA256 with a
 * key of its own (derived from the server secret), short enough for a low-density QR code.
 * Single use: verifying it at a counter records its jti inside the counter's transaction, so a
 * token is spent only when the redemption it was shown for is recorded.
 */
export class QrTokens {
  private readonly key: crypto.KeyObject;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(crypto.createHmac('sha256', secret).update('rongyou/qr-token/v1').digest());
  }

  issue(cardId: number): { token: string; expiresAt: Date } {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + QR_TOKEN_TTL_SECONDS;
    const body = `q1.${cardId.toString(36)}.${crypto.randomBytes(9).toString('base64url')}.${exp.toString(36)}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** Checks signature and expiry only; throws QR_INVALID. */
  verify(token: string): VerifiedQrToken {
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== 'q1') throw CardErrors.qrInvalid();
    const body = parts.slice(0, 4).join('.');
    const given = Buffer.from(parts[4], 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw CardErrors.qrInvalid();
    const cardId = parseInt(parts[1], 36);
    const exp = parseInt(parts[3], 36);
    if (!Number.isSafeInteger(cardId) || !Number.isSafeInteger(exp)) throw CardErrors.qrInvalid();
    if (exp * 1000 <= this.clock.now().getTime()) throw CardErrors.qrInvalid();
    return { cardId, jti: parts[2], expiresAt: new Date(exp * 1000) } as VerifiedQrToken;
  }

  /**
   * Verifies and spends a token inside the caller's transaction; returns the active card.
   * QR_INVALID (forged, expired), QR_USED (replayed), CARD_INACTIVE (lost, replaced, revoked).
   * If the caller's transaction rolls back, the token was not spent.
   */
  async consume(em: EntityManager, token: string): Promise<Card> {
    const verified = this.verify(token);
    const card = await em.findOneBy(Card, { id: verified.cardId });
    if (!card) throw CardErrors.qrInvalid();
    await this.spend(em, verified);
    if (card.status !== 'active') throw CardErrors.scannedCardInactive();
    return card;
  }

  /**
   * Records the token's jti: the unique key refuses a replay (QR_USED), whichever instance saw
   * the token first. Written before the card's status is judged, so a spent token reads as
   * spent even once its card has stopped. Refuses a token past its expiry: what counts is the
   * moment of the spend, not the moment of `verify`.
   */
  async spend(em: EntityManager, token: VerifiedQrToken): Promise<void> {
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) throw CardErrors.qrInvalid();
    try {
      await em.insert(QrTokenUse, {
        jti: token.jti,
        cardId: token.cardId,
        expiresAt: token.expiresAt,
        createdAt: this.clock.now(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw CardErrors.qrUsed();
      throw err;
    }
  }

  private sign(body: string): string {
    return crypto.createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
