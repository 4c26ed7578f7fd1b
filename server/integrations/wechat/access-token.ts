import crypto from 'node:crypto';
import type { Database } from '../../db/database';
import { upsert } from '../../db/upsert';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { WeChatAccessToken } from './wechat-access-token.entity';
import { WeChatHttp, WeChatTransportError } from './wechat-http';

const CONTEXT = 'wechat.access_token';
/** Refresh this long before WeChat's stated expiry (WeChat itself rotates 5 minutes early). */
const EARLY_MS = 5 * 60_000;
const LEASE_MS = 30_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export class AccessTokenError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

/**
 * The access token has one owner: the database row. Tokens come from the stable-token endpoint,
 * which returns the same token to every caller while it is valid, so instances that refresh at
 * the same moment agree. A token WeChat rejects is force-refreshed by one instance only (a lease
 * on the row, taken only while the row still holds the rejected token); the others wait for it.
 */
export class WeChatAccessTokens {
  private cached?: { token: string; hash: string; expiresAt: number };

  constructor(
    private readonly http: WeChatHttp,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly db: Database,
    private readonly fieldCrypto: FieldCrypto,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A token valid for at least a few more minutes. */
  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && this.cached.expiresAt - EARLY_MS > now) return this.cached.token;
    const row = await this.readRow();
    if (row?.tokenCipher && row.expiresAt && row.expiresAt.getTime() - EARLY_MS > now) {
      return this.remember(row);
    }
    return this.fetchAndStore(false);
  }

  /**
   * WeChat said `rejected` is invalid (40001/40014) or expired (42001). Returns a different token:
   * the one another instance already stored, or a new one this instance fetched.
   */
  async replaceRejected(rejected: string, expired: boolean): Promise<string> {
    this.cached = undefined;
    const rejectedHash = sha256(rejected);
    const row = await this.readRow();
    if (
      row?.tokenCipher &&
      row.tokenHash !== rejectedHash &&
      row.expiresAt &&
      row.expiresAt.getTime() > this.clock.now().getTime()
    ) {
      return this.remember(row);
    }
    if (expired) return this.fetchAndStore(false);

    const now = this.clock.now();
    const leased = await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(WeChatAccessToken)
        .set({ refreshLeaseUntil: new Date(now.getTime() + LEASE_MS), updatedAt: now })
        .where(
          'app_id = :appId AND token_hash = :hash AND (refresh_lease_until IS NULL OR refresh_lease_until < :now)',
          {
            appId: this.appId,
            hash: rejectedHash,
            now,
          },
        )
        .execute(),
    );
    if (leased.affected === 1) return this.fetchAndStore(true);

    // Another instance holds the lease: wait briefly for the token it fetches.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const current = await this.readRow();
      if (current?.tokenCipher && current.tokenHash !== rejectedHash) return this.remember(current);
    }
    throw new AccessTokenError('access token refresh by another instance did not complete');
  }

  private remember(row: WeChatAccessToken): string {
    const token = this.fieldCrypto.decrypt(row.tokenCipher!, CONTEXT);
    this.cached = { token, hash: row.tokenHash!, expiresAt: row.expiresAt!.getTime() };
    return token;
  }

  private readRow(): Promise<WeChatAccessToken | null> {
    return this.db.manager.findOneBy(WeChatAccessToken, { appId: this.appId });
  }

  private async fetchAndStore(forceRefresh: boolean): Promise<string> {
    let res: { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    try {
      res = await this.http.postJson(
        '/cgi-bin/stable_token',
        {},
        {
          grant_type: 'client_credential',
          appid: this.appId,
          secret: this.appSecret,
          force_refresh: forceRefresh,
        },
      );
    } catch (err) {
      if (err instanceof WeChatTransportError) throw new AccessTokenError(err.message);
      throw err;
    }
    if (res.errcode || !res.access_token || !res.expires_in) {
      this.logger.error('wechat stable credential call refused', { errcode: res.errcode });
      throw new AccessTokenError('stable_token refused', res.errcode);
    }
    const now = this.clock.now();
    const values = {
      tokenCipher: this.fieldCrypto.encrypt(res.access_token, CONTEXT),
      tokenHash: sha256(res.access_token),
      expiresAt: new Date(now.getTime() + res.expires_in * 1000),
      refreshLeaseUntil: null,
      updatedAt: now,
    };
    // One statement whether or not the row exists yet: "update, else insert" deadlocks on MySQL
    // when two instances store the first token together (gap locks). If another instance stored
    // first, the stable endpoint gave it the same token.
    await this.db.statement((em) =>
      upsert(em, WeChatAccessToken, { appId: this.appId, ...values }, ['appId'], {
        tokenCipher: 'inserted',
        tokenHash: 'inserted',
        expiresAt: 'inserted',
        refreshLeaseUntil: 'inserted',
        updatedAt: 'inserted',
      }),
    );
    this.cached = { token: res.access_token, hash: values.tokenHash, expiresAt: values.expiresAt.getTime() };
    if (forceRefresh) this.logger.info('wechat access credential force-refreshed');
    return res.access_token;
  }
}
