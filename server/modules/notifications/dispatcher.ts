import crypto from 'node:crypto';
import { In } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { Account } from '../auth/account.entity';
import { OutboxMessage } from './outbox-message.entity';
import { backoffMs, CLAIMABLE, MAX_ATTEMPTS, type OutboxStatus } from './outbox.states';
import { SubscribeSendError, type SubscribeMessagePort } from './subscribe-message.port';
import { SubscriptionGrant } from './subscription-grant.entity';
import { wechatData } from '../../lib/notice-template';
import type { TemplateRegistry } from './templates';

export interface DispatchCounts {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
}

export interface DispatcherOptions {
  batchSize: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** How long a claim holds before another dispatcher may take the row over. */
  leaseMs: number;
  /** WeChat template id by template key; a key without one is not sent to WeChat. */
  templateIds: Record<string, string>;
  templates: TemplateRegistry;
}

type Outcome = {
  status: Exclude<OutboxStatus, 'pending' | 'sending'>;
  error?: string;
  refundGrant: boolean;
  clearGrants?: boolean;
};

/**
 * Delivers due outbox rows as WeChat subscribe messages, safely with several dispatchers running:
 * 1. Claim: one guarded UPDATE stamps due rows with this run's claim token and a lease; only rows
 *    still claimable match, so two dispatchers can never both win a row (on MySQL and SQLite alike).
 * 2. For each claimed row, outside any transaction: reserve one subscribe grant (none → skipped),
 *    then send.
 * 3. Record the outcome with an update guarded by the claim token; give the grant back when WeChat
 *    did not use it (transient failures, rejected messages).
 */
export class OutboxDispatcher {
  constructor(
    private readonly db: Database,
    private readonly port: SubscribeMessagePort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  /** Runs batches until nothing due is left (bounded), and returns what was done. */
  async dispatchDue(maxBatches = 20): Promise<DispatchCounts> {
    const total: DispatchCounts = { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const counts = await this.dispatchBatch();
      for (const k of Object.keys(total) as Array<keyof DispatchCounts>) total[k] += counts[k];
      if (counts.claimed < this.options.batchSize) break;
    }
    return total;
  }

  async dispatchBatch(): Promise<DispatchCounts> {
    const counts: DispatchCounts = { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
    const { token, rows } = await this.claim();
    counts.claimed = rows.length;
    if (rows.length === 0) return counts;
    const recipients = await this.db.manager.find(Account, {
      where: { id: In([...new Set(rows.map((r) => r.recipientAccountId))]) },
      select: { id: true, openid: true },
    });
    const openids = new Map(recipients.map((a) => [a.id, a.openid]));
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome = await this.deliver(row, openids.get(row.recipientAccountId) ?? null);
        await this.record(row, token, outcome);
        counts[
          outcome.status === 'sent'
            ? 'sent'
            : outcome.status === 'skipped'
              ? 'skipped'
              : outcome.status === 'retry'
                ? 'retried'
                : 'dead'
        ] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, worker));
    return counts;
  }

  private async claim(): Promise<{ token: string; rows: OutboxMessage[] }> {
    const token = crypto.randomUUID();
    const now = this.clock.now();
    const due =
      '((status IN (:...claimable) AND next_attempt_at <= :now) OR (status = :sending AND claimed_until < :now))';
    const params = { claimable: CLAIMABLE, sending: 'sending', now };
    const candidates = await this.db.manager
      .createQueryBuilder(OutboxMessage, 'm')
      .select('m.id', 'id')
      .where(due, params)
      .orderBy('m.id', 'ASC')
      .limit(this.options.batchSize)
      .getRawMany<{ id: number }>();
    if (candidates.length === 0) return { token, rows: [] };
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          status: 'sending',
          claimToken: token,
          claimedUntil: new Date(now.getTime() + this.options.leaseMs),
          updatedAt: now,
        })
        .where(`id IN (:...ids) AND ${due}`, { ...params, ids: candidates.map((c) => Number(c.id)) })
        .execute(),
    );
    const rows = await this.db.manager.find(OutboxMessage, { where: { claimToken: token }, order: { id: 'ASC' } });
    return { token, rows };
  }

  private async deliver(row: OutboxMessage, openid: string | null): Promise<Outcome> {
    const template = this.options.templates.find(row.templateKey);
    const templateId = this.options.templateIds[row.templateKey];
    if (!template || !templateId) return { status: 'skipped', error: 'template not configured', refundGrant: false };
    if (!openid) return { status: 'skipped', error: 'recipient has no WeChat login', refundGrant: false };
    if (!(await this.reserveGrant(row.recipientAccountId, row.templateKey))) {
      return { status: 'skipped', error: 'no subscription grant', refundGrant: false };
    }

    try {
      await this.port.send({
        openid,
        templateId,
        page: row.page ?? undefined,
        data: wechatData(template, JSON.parse(row.data) as Record<string, string>),
      });
      return { status: 'sent', refundGrant: false };
    } catch (err) {
      if (!(err instanceof SubscribeSendError)) {
        this.logger.error('subscribe message failed unexpectedly', { outboxId: row.id, err });
        return this.retryOrDead(row, 'unexpected error');
      }
      if (err.kind === 'refused')
        return { status: 'skipped', error: `refused (${err.errcode})`, refundGrant: false, clearGrants: true };
      if (err.kind === 'rejected') {
        this.logger.warn('subscribe message rejected', {
          outboxId: row.id,
          errcode: err.errcode,
          templateKey: row.templateKey,
        });
        return { status: 'dead', error: `rejected (${err.errcode})`, refundGrant: true };
      }
      return this.retryOrDead(row, err.errcode !== undefined ? `transient (${err.errcode})` : 'transient (network)');
    }
  }

  private retryOrDead(row: OutboxMessage, error: string): Outcome {
    const attempts = row.attempts + 1;
    return { status: attempts >= MAX_ATTEMPTS ? 'dead' : 'retry', error, refundGrant: true };
  }

  /** Takes one grant if any is left: a guarded decrement that concurrent dispatchers cannot overdraw. */
  private async reserveGrant(accountId: number, templateKey: string): Promise<boolean> {
    const result = await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(SubscriptionGrant)
        .set({ remaining: () => 'remaining - 1', updatedAt: this.clock.now() })
        .where('account_id = :a AND template_key = :t AND remaining > 0', { a: accountId, t: templateKey })
        .execute(),
    );
    return result.affected === 1;
  }

  private async record(row: OutboxMessage, token: string, outcome: Outcome): Promise<void> {
    const now = this.clock.now();
    const attempts = outcome.status === 'retry' || outcome.status === 'dead' ? row.attempts + 1 : row.attempts;
    const grantChanges = outcome.clearGrants || outcome.refundGrant;
    // A plain send is one statement; a grant change must land with the status, in one transaction.
    await (grantChanges ? this.db.transaction.bind(this.db) : this.db.statement.bind(this.db))(async (em) => {
      // Guarded by the claim: if the lease ran out and another dispatcher took the row, its result stands.
      const updated = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          status: outcome.status,
          attempts,
          nextAttemptAt: outcome.status === 'retry' ? new Date(now.getTime() + backoffMs(attempts)) : row.nextAttemptAt,
          claimToken: null,
          claimedUntil: null,
          lastError: outcome.error ?? null,
          sentAt: outcome.status === 'sent' ? now : null,
          updatedAt: now,
        })
        .where('id = :id AND claim_token = :token', { id: row.id, token })
        .execute();
      if (updated.affected !== 1) {
        this.logger.warn('outbox claim lost before its result was recorded', { outboxId: row.id });
        return;
      }
      const grant = { accountId: row.recipientAccountId, templateKey: row.templateKey };
      if (outcome.clearGrants) {
        await em.update(SubscriptionGrant, grant, { remaining: 0, updatedAt: now });
      } else if (outcome.refundGrant) {
        await em
          .createQueryBuilder()
          .update(SubscriptionGrant)
          .set({ remaining: () => 'remaining + 1', updatedAt: now })
          .where('account_id = :a AND template_key = :t', { a: grant.accountId, t: grant.templateKey })
          .execute();
      }
    });
  }
}
