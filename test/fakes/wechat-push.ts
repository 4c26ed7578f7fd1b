import crypto from 'node:crypto';

/**
 * Pushes to the customer-service endpoint as WeChat builds them, written apart from the server's
 * cs-crypto.ts on purpose (its own padding loop, layout and sort) so a mistake shared by both
 * cannot pass the tests. The fixed vectors in the tests come from the openssl command line.
 */

export interface PushOptions {
  timestamp?: string;
  nonce?: string;
  /** The 16 bytes before the length; random when absent. */
  random?: Buffer;
  /** Overrides for building wrong pushes: another appid or key inside, another token in the signature. */
  appId?: string;
  encodingAesKey?: string;
  token?: string;
}

export interface BuiltPush {
  query: Record<string, string>;
  body: string;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** WeChat's signature: the parts in dictionary order, concatenated, sha1 in lower-case hex. */
export function signParts(...parts: string[]): string {
  const sorted = parts.slice().sort(byCodeUnit);
  let joined = '';
  for (const p of sorted) joined += p;
  return crypto.createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** The AES key inside an EncodingAESKey. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  return Buffer.from(encodingAesKey + '=', 'base64');
}

/** Random ‖ length ‖ message ‖ appid, padded PKCS#7-style to a multiple of 32, AES-256-CBC, base64. */
export function weChatEncrypt(encodingAesKey: string, message: string, appId: string, random?: Buffer): string {
  const key = aesKeyOf(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const head = Buffer.alloc(20);
  (random ?? crypto.randomBytes(16)).copy(head, 0, 0, 16);
  head[16] = (msg.length >>> 24) & 0xff;
  head[17] = (msg.length >>> 16) & 0xff;
  head[18] = (msg.length >>> 8) & 0xff;
  head[19] = msg.length & 0xff;
  const unpadded = Buffer.concat([head, msg, Buffer.from(appId, 'utf8')]);
  let padLength = 32 - (unpadded.length % 32);
  if (padLength === 0) padLength = 32;
  const padding: number[] = [];
  for (let i = 0; i < padLength; i++) padding.push(padLength);
  return rawEncrypt(key, Buffer.concat([unpadded, Buffer.from(padding)]));
}

/** AES-256-CBC with the key's first 16 bytes as IV over bytes already padded by the caller. */
export function rawEncrypt(key: Buffer, padded: Buffer): string {
  const cipher = crypto.createCipheriv('aes-256-cbc', key, Buffer.from(key.subarray(0, 16)));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Undoes weChatEncrypt, for checking what the server seals. */
export function weChatDecrypt(
  encodingAesKey: string,
  encrypted: string,
): { random: Buffer; message: string; appId: string } {
  const key = aesKeyOf(encodingAesKey);
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, Buffer.from(key.subarray(0, 16)));
  decipher.setAutoPadding(false);
  const all = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const padLength = all[all.length - 1];
  const body = all.subarray(0, all.length - padLength);
  const length = body[16] * 2 ** 24 + body[17] * 2 ** 16 + body[18] * 2 ** 8 + body[19];
  return {
    random: body.subarray(0, 16),
    message: body.subarray(20, 20 + length).toString('utf8'),
    appId: body.subarray(20 + length).toString('utf8'),
  };
}

/**
 * Message JSON as WeChat writes it: a bigint is written as a bare integer, the way MsgId
 * arrives (a 64-bit number no JS number can hold).
 */
export function pushJson(fields: Record<string, string | number | bigint>): string {
  const entries = Object.entries(fields).map(
    ([k, v]) => `${JSON.stringify(k)}:${typeof v === 'bigint' ? v.toString() : JSON.stringify(v)}`,
  );
  return `{${entries.join(',')}}`;
}

/** Builds the requests WeChat sends to a push URL configured with this token, appid and key. */
export class WeChatPushBuilder {
  constructor(
    readonly token: string,
    readonly appId: string,
    /** Absent: plaintext mode. */
    readonly encodingAesKey?: string,
  ) {}

  /** The GET WeChat sends when the URL is saved in the console. */
  urlVerification(echostr: string, opts: { timestamp?: string; nonce?: string; token?: string } = {}) {
    const timestamp = opts.timestamp ?? nowSeconds();
    const nonce = opts.nonce ?? randomNonce();
    return { signature: signParts(opts.token ?? this.token, timestamp, nonce), timestamp, nonce, echostr };
  }

  /** A message push: plaintext, or encrypted with `msg_signature` when the builder has a key. */
  push(message: string, opts: PushOptions = {}): BuiltPush {
    const token = opts.token ?? this.token;
    const timestamp = opts.timestamp ?? nowSeconds();
    const nonce = opts.nonce ?? randomNonce();
    const signature = signParts(token, timestamp, nonce);
    const key = opts.encodingAesKey ?? this.encodingAesKey;
    if (!key) return { query: { signature, timestamp, nonce }, body: message };
    const encrypted = weChatEncrypt(key, message, opts.appId ?? this.appId, opts.random);
    return {
      query: {
        signature,
        timestamp,
        nonce,
        encrypt_type: 'aes',
        msg_signature: signParts(token, timestamp, nonce, encrypted),
      },
      body: JSON.stringify({ ToUserName: 'gh_0a1b2c3d4e5f', Encrypt: encrypted }),
    };
  }

  /** A safe-mode push around a ciphertext made by hand (bad padding, truncated, …), correctly signed. */
  pushCiphertext(encrypted: string, opts: { timestamp?: string; nonce?: string } = {}): BuiltPush {
    const timestamp = opts.timestamp ?? nowSeconds();
    const nonce = opts.nonce ?? randomNonce();
    return {
      query: {
        signature: signParts(this.token, timestamp, nonce),
        timestamp,
        nonce,
        encrypt_type: 'aes',
        msg_signature: signParts(this.token, timestamp, nonce, encrypted),
      },
      body: JSON.stringify({ ToUserName: 'gh_0a1b2c3d4e5f', Encrypt: encrypted }),
    };
  }
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const randomNonce = () => String(crypto.randomInt(1e9, 1e10));
