import crypto from 'node:crypto';
import type { Config } from '../config';

/**
 * Encryption of personal data at rest: AES-256-GCM with a random 96-bit IV per value, the key id
 * stored in the value so keys can rotate (old values stay readable while new ones use the active
 * key), and the column's name bound in as associated data so a value cannot be moved to another
 * column. Lookups and uniqueness use a keyed HMAC blind index instead of the plaintext.
 *
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export class FieldCrypto {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;
  private readonly blindKey: crypto.KeyObject;

  constructor(config: Config['encryption']) {
    this.keys = new Map(config.keys.map((k) => [k.id, k.key]));
    this.activeKeyId = config.activeKeyId;
    this.blindKey = crypto.createSecretKey(config.blindIndexKey);
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.keys.get(this.activeKeyId)!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.activeKeyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(
      '.',
    );
  }

  decrypt(stored: string, context: string): string {
    const [version, keyId, iv, tag, ct] = stored.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined)
      throw new Error('Unrecognised ciphertext format');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Encryption key "${keyId}" is not configured`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The id of the key a stored value was written with (for re-encryption after rotation). */
  keyIdOf(stored: string): string | undefined {
    return stored.split('.')[1];
  }

  /** Deterministic keyed hash for equality lookups; the context keeps indexes of different fields apart. */
  blindIndex(normalized: string, context: string): string {
    return crypto.createHmac('sha256', this.blindKey).update(`${context}\u0000${normalized}`).digest('hex');
  }
}
