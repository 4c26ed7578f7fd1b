import crypto from 'node:crypto';
import type { Clock } from '../../lib/clock';

/**
 * WeChat's message-push security for the customer-service channel (客服消息), on node:crypto.
 *
 * - URL verification and plaintext pushes: `signature` = sha1 of the sorted token, timestamp and nonce.
 * - 安全模式 (safe mode): the body is `{ ToUserName, Encrypt }`, `msg_signature` = sha1 of the sorted
 *   token, timestamp, nonce and Encrypt; Encrypt is AES-256-CBC with the key decoded from the
 *   EncodingAESKey, IV = the key's first 16 bytes, over 16 random bytes ‖ 4-byte big-endian message
 *   length ‖ message ‖ appid, PKCS#7-padded to a multiple of 32 bytes.
 *
 * A plaintext push's signature does not cover its body, so anyone who saw one signed request could
 * replay its query with another body inside the timestamp window: run safe mode in production.
 */

/** Why a request was refused. Callers answer all of them alike; the reason is for logs and tests. */
export type CsRejectReason =
  | 'missing_params'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'not_encrypted'
  | 'bad_body'
  | 'bad_ciphertext'
  | 'bad_padding'
  | 'bad_length'
  | 'bad_encoding'
  | 'wrong_appid';

export class CsCryptoError extends Error {
  constructor(readonly reason: CsRejectReason) {
    super(`customer-service push refused: ${reason}`);
    this.name = 'CsCryptoError';
  }
}

export interface CsCryptoOptions {
  /** The Token set beside the push URL in the mini-program console. */
  token: string;
  /** The mini-program's appid, which every encrypted push carries; needed in safe mode. */
  appId?: string | null;
  /** The 43-character EncodingAESKey; absent means plaintext mode. */
  encodingAesKey?: string | null;
  /** The key before the last change, still accepted for pushes WeChat encrypted before it switched. */
  previousEncodingAesKey?: string | null;
  /** How far a push's timestamp may be from our clock, either way (default 300 s). */
  maxSkewSeconds?: number;
}

/** The query WeChat adds to the push URL; Koa's `ctx.query` fits. */
export type CsQuery = Record<string, string | string[] | undefined>;

/** An encrypted message as WeChat would push (or as a passive reply expects) it. */
export interface CsSealed {
  Encrypt: string;
  MsgSignature: string;
  TimeStamp: string;
  Nonce: string;
}

const BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;

/** Decodes an EncodingAESKey (43 base64 characters without the trailing "=") into the 32-byte AES key. */
export function decodeEncodingAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new Error('EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

/** sha1 (hex) of the parts sorted as strings and joined: WeChat's signature over a push. */
export function wechatSignature(parts: string[]): string {
  return crypto
    .createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Compares a received signature with the expected one without a timing signal beyond the length. */
export function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a sha1 hex digest is public anyway.
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Encrypts a message for `appId` as WeChat does. `random` is only fixed by tests (test vectors);
 * otherwise it is fresh for every message.
 */
export function encryptCsMessage(key: Buffer, message: string, appId: string, random?: Buffer): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random ?? crypto.randomBytes(RANDOM_BYTES), length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/**
 * Decrypts an `Encrypt` value and returns the message and the appid it names. Refuses a ciphertext
 * that is not whole AES blocks, padding that is not PKCS#7 to 32, a length beyond the plaintext,
 * and text that is not UTF-8. The appid is returned for the caller to compare.
 */
export function decryptCsMessage(key: Buffer, encrypted: string): { message: string; appId: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new CsCryptoError('bad_ciphertext');
  const data = Buffer.from(encrypted, 'base64');
  // WeChat pads to 32; AES itself needs whole 16-byte blocks. The padding, length and appid checks
  // below refuse anything a shortened or spliced ciphertext decrypts to.
  if (data.length === 0 || data.length % 16 !== 0) throw new CsCryptoError('bad_ciphertext');
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  // OpenSSL's own PKCS#7 check knows 16-byte blocks only, and WeChat's padding goes up to 32.
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);

  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new CsCryptoError('bad_padding');
  for (let i = padded.length - pad; i < padded.length; i++) {
    if (padded[i] !== pad) throw new CsCryptoError('bad_padding');
  }
  const plain = padded.subarray(0, padded.length - pad);

  if (plain.length < RANDOM_BYTES + LENGTH_BYTES) throw new CsCryptoError('bad_length');
  const length = plain.readUInt32BE(RANDOM_BYTES);
  const start = RANDOM_BYTES + LENGTH_BYTES;
  if (length > plain.length - start) throw new CsCryptoError('bad_length');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return {
      message: utf8.decode(plain.subarray(start, start + length)),
      appId: utf8.decode(plain.subarray(start + length)),
    };
  } catch {
    throw new CsCryptoError('bad_encoding');
  }
}

/**
 * The push endpoint's checks in one place: URL verification, then every push's signature,
 * timestamp window, decryption (current key, then the previous one during a key change) and appid.
 */
export class CustomerServiceCrypto {
  private readonly keys: Buffer[];
  private readonly maxSkewMs: number;

  constructor(
    private readonly options: CsCryptoOptions,
    private readonly clock: Clock,
  ) {
    if (!options.token) throw new Error('customer-service token missing');
    if (options.previousEncodingAesKey && !options.encodingAesKey) {
      throw new Error('a previous EncodingAESKey needs the current one');
    }
    this.keys = [options.encodingAesKey, options.previousEncodingAesKey]
      .filter((k): k is string => Boolean(k))
      .map(decodeEncodingAesKey);
    if (this.keys.length > 0 && !options.appId) throw new Error('safe mode needs the appid');
    this.maxSkewMs = (options.maxSkewSeconds ?? 300) * 1000;
  }

  /** `aes` when an EncodingAESKey is configured: every push must then be encrypted. */
  get mode(): 'plaintext' | 'aes' {
    return this.keys.length > 0 ? 'aes' : 'plaintext';
  }

  /**
   * GET on the push URL: WeChat checks that we know the token. Returns the `echostr` to answer
   * with, as it came. Throws CsCryptoError.
   */
  verifyUrl(query: CsQuery): string {
    const { timestamp, nonce } = this.stamp(query);
    const signature = single(query.signature);
    const echostr = single(query.echostr);
    if (!signature || echostr === undefined) throw new CsCryptoError('missing_params');
    this.checkSignature(signature, [this.options.token, timestamp, nonce]);
    this.checkFresh(timestamp);
    return echostr;
  }

  /**
   * POST on the push URL: returns the message's JSON text once the request is proven to come from
   * WeChat (and, in safe mode, decrypted for our appid). `rawBody` is the body exactly as received.
   * Throws CsCryptoError.
   */
  openPush(query: CsQuery, rawBody: string): string {
    const { timestamp, nonce } = this.stamp(query);
    if (this.mode === 'plaintext') {
      const signature = single(query.signature);
      if (!signature) throw new CsCryptoError('missing_params');
      this.checkSignature(signature, [this.options.token, timestamp, nonce]);
      this.checkFresh(timestamp);
      return rawBody;
    }

    const encrypted = encryptedField(rawBody);
    const msgSignature = single(query.msg_signature);
    if (!msgSignature) throw new CsCryptoError('missing_params');
    this.checkSignature(msgSignature, [this.options.token, timestamp, nonce, encrypted]);
    this.checkFresh(timestamp);

    let firstError: CsCryptoError | undefined;
    for (const key of this.keys) {
      try {
        const { message, appId } = decryptCsMessage(key, encrypted);
        if (appId !== this.options.appId) throw new CsCryptoError('wrong_appid');
        return message;
      } catch (err) {
        if (!(err instanceof CsCryptoError)) throw err;
        // A wrong key yields garbage that fails one of the checks: try the previous key, and
        // report what the current key found if neither works.
        firstError ??= err;
      }
    }
    throw firstError ?? new CsCryptoError('bad_ciphertext');
  }

  /**
   * Encrypts and signs a message with the current key as WeChat would push it (passive replies in
   * safe mode use the same shape). `random` is only fixed by tests.
   */
  seal(message: string, opts: { timestamp?: string; nonce?: string; random?: Buffer } = {}): CsSealed {
    if (this.mode !== 'aes') throw new Error('sealing needs an EncodingAESKey');
    const timestamp = opts.timestamp ?? String(Math.floor(this.clock.now().getTime() / 1000));
    const nonce = opts.nonce ?? crypto.randomBytes(8).toString('hex');
    const encrypted = encryptCsMessage(this.keys[0], message, this.options.appId!, opts.random);
    return {
      Encrypt: encrypted,
      MsgSignature: wechatSignature([this.options.token, timestamp, nonce, encrypted]),
      TimeStamp: timestamp,
      Nonce: nonce,
    };
  }

  private stamp(query: CsQuery): { timestamp: string; nonce: string } {
    const timestamp = single(query.timestamp);
    const nonce = single(query.nonce);
    if (!timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) throw new CsCryptoError('missing_params');
    return { timestamp, nonce };
  }

  private checkSignature(received: string, parts: string[]): void {
    if (!signatureMatches(received, wechatSignature(parts))) throw new CsCryptoError('bad_signature');
  }

  private checkFresh(timestamp: string): void {
    const skew = Math.abs(this.clock.now().getTime() - Number(timestamp) * 1000);
    if (skew > this.maxSkewMs) throw new CsCryptoError('stale_timestamp');
  }
}

/** A repeated query parameter is refused rather than guessed at. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The `Encrypt` field of a safe-mode body (`{ ToUserName, Encrypt }`, JSON format). */
function encryptedField(rawBody: string): string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new CsCryptoError('bad_body');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new CsCryptoError('bad_body');
  const encrypted = (body as Record<string, unknown>).Encrypt;
  // A plaintext body on a safe-mode endpoint carries no proof of its content: refuse it.
  if (encrypted === undefined) throw new CsCryptoError('not_encrypted');
  if (typeof encrypted !== 'string' || encrypted === '') throw new CsCryptoError('bad_body');
  return encrypted;
}
