import type { EntityManager } from 'typeorm';
import { LessThan, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { firstInsertedId } from '../../db/inserted-id';
import { upsert } from '../../db/upsert';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { recordAudit } from '../staff/audit.service';
import { NotificationErrors } from './notifications.errors';
import { OutboxMessage } from './outbox-message.entity';
import type { OutboxStatus } from './outbox.states';
import { SubscriptionGrant } from './subscription-grant.entity';
import type { TemplateData, TemplateKey, TemplateRegistry } from './templates';

/**
 * A notice of one template, its data typed by that template's fields: a wrong key, a missing or
 * an unknown data field does not compile. `Notice` alone is any template's.
 */
export type Notice<K extends TemplateKey = TemplateKey> = K extends TemplateKey
  ? {
      /** Account that receives it. */
      recipient: number;
      templateKey: K;
      /** Values by the template's data keys. */
      data: TemplateData[K];
      /** Mini-program page a tap opens (defaults to the template's). */
      page?: string;
      /** Unique per notice, e.g. `card-application:42:approved`: a second notify with it is a no-op. */
      idempotencyKey: string;
    }
  : never;

/** A notice as other modules see it when it is written (the conversation shows it in its stream). */
export interface WrittenNotice {
  /** The outbox row's id: unique per notice, so a listener can make its own copy idempotent. */
  outboxId: number;
  recipient: number;
  templateKey: string;
  title: string;
  body: string;
  page: string;
  at: Date;
}

/** Called inside the transaction that writes a notice: what it writes commits or rolls back with the notice. */
export type NoticeListener = (em: EntityManager, notice: WrittenNotice) => Promise<void>;

/** Most one-time grants a person can bank for one template. */
const MAX_GRANTS = 50;

/** The outbox and the holder's timeline, subscribe-message grants, and staff's view of failed deliveries. */
export class NotificationsService {
  private readonly listeners: NoticeListener[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly templates: TemplateRegistry,
  ) {}

  /**
   * Registers a listener for every notice written from now on. It runs in the notice's transaction,
   * so a notice and what the listener records of it are never one without the other.
   */
  onNotice(listener: NoticeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Queues a notice inside the caller's transaction: it is sent only if that transaction commits.
   * A repeated idempotency key is a no-op (returns false). The types rule out a wrong template or
   * data; the same is checked at run time for a notice that got past them (a cast, plain JS).
   */
  async notify<K extends TemplateKey>(em: EntityManager, notice: Notice<K>): Promise<boolean> {
    const template = this.templates.find(notice.templateKey);
    if (!template) throw new Error(`Unknown notification template "${notice.templateKey}"`);
    const data = notice.data as Record<string, string | undefined>;
    const required = Object.values(template.fields).map((spec) => spec.from);
    for (const key of required) {
      if (typeof data[key] !== 'string') throw new Error(`Notice ${notice.templateKey} lacks "${key}"`);
    }
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined || required.includes(key)) continue;
      if (!template.extras.includes(key)) throw new Error(`Notice ${notice.templateKey} has no field "${key}"`);
      if (typeof value !== 'string') throw new Error(`Notice ${notice.templateKey}: "${key}" is not text`);
    }
    const { title, body } = template.render(notice.data as Record<string, string>);
    const now = this.clock.now();
    const row = {
      recipientAccountId: notice.recipient,
      templateKey: notice.templateKey,
      title: Array.from(title).slice(0, 64).join(''),
      body: Array.from(body).slice(0, 500).join(''),
      data: JSON.stringify(notice.data),
      page: notice.page ?? template.page,
      idempotencyKey: notice.idempotencyKey,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      claimToken: null,
      claimedUntil: null,
      lastError: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
    };
    // The unique key alone says whether the notice is new: no look first, which would cost a
    // statement on every new notice to spare one on a repeat. A failed insert rolls back only
    // itself on both databases, so the caller's transaction goes on. Every column is given, so
    // nothing is read back after the insert.
    let outboxId: number;
    try {
      const result = await em
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values(row)
        .updateEntity(false)
        .execute();
      outboxId = firstInsertedId(result.raw);
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
    const written: WrittenNotice = {
      outboxId,
      recipient: row.recipientAccountId,
      templateKey: row.templateKey,
      title: row.title,
      body: row.body,
      page: row.page,
      at: now,
    };
    for (const listener of this.listeners) await listener(em, written);
    return true;
  }

  /** The caller's notices, newest first; `after` keeps only those newer than an id the phone already has. */
  async timeline(
    principal: Principal,
    opts: { after?: number; beforeId?: number; limit: number },
  ): Promise<OutboxMessage[]> {
    const q = this.db.manager
      .createQueryBuilder(OutboxMessage, 'm')
      .where('m.recipient_account_id = :r', { r: principal.accountId });
    if (opts.after !== undefined) q.andWhere('m.id > :after', { after: opts.after });
    if (opts.beforeId !== undefined) q.andWhere('m.id < :before', { before: opts.beforeId });
    return q.orderBy('m.id', 'DESC').limit(opts.limit).getMany();
  }

  /**
   * Records what `wx.requestSubscribeMessage` returned: each `accept` banks one send of that
   * template. Returns the grants now held for every template.
   */
  async recordSubscriptions(principal: Principal, results: Record<string, string>): Promise<Record<string, number>> {
    for (const key of Object.keys(results)) {
      if (!this.templates.find(key)) throw validationFailed(`results.${key}`, '未知的消息模板');
    }
    // Sorted, so two requests of one person take their rows' locks in the same order.
    const accepted = Object.entries(results)
      .filter(([, v]) => v === 'accept')
      .map(([k]) => k)
      .sort();
    if (accepted.length > 0) {
      await this.db.transaction(async (em) => {
        const now = this.clock.now();
        for (const templateKey of accepted) {
          // One statement, not "update, else insert": on MySQL the update of a row not there yet
          // takes a gap lock, and first grants made together deadlocked on their inserts.
          await upsert(
            em,
            SubscriptionGrant,
            { accountId: principal.accountId, templateKey, remaining: 1, createdAt: now, updatedAt: now },
            ['accountId', 'templateKey'],
            {
              remaining: { sql: 'CASE WHEN remaining < ? THEN remaining + 1 ELSE remaining END', params: [MAX_GRANTS] },
              updatedAt: 'inserted',
            },
          );
        }
      });
    }
    return this.grantsOf(principal.accountId);
  }

  async grantsOf(accountId: number): Promise<Record<string, number>> {
    const rows = await this.db.manager.find(SubscriptionGrant, { where: { accountId } });
    const out: Record<string, number> = Object.fromEntries(this.templates.keys().map((k) => [k, 0]));
    for (const r of rows) out[r.templateKey] = r.remaining;
    return out;
  }

  /** Outbox rows for staff, newest first, by status. */
  async findOutbox(opts: { status?: OutboxStatus; beforeId?: number; limit: number }): Promise<OutboxMessage[]> {
    const where: FindOptionsWhere<OutboxMessage> = {};
    if (opts.status) where.status = opts.status;
    if (opts.beforeId) where.id = LessThan(opts.beforeId);
    return this.db.manager.find(OutboxMessage, { where, order: { id: 'DESC' }, take: opts.limit });
  }

  /** Puts a dead notice back in the queue (staff), audited. */
  async retryDead(actor: Principal, id: number, requestId: string): Promise<OutboxMessage> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const moved = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          claimToken: null,
          claimedUntil: null,
          updatedAt: now,
        })
        .where('id = :id AND status = :dead', { id, dead: 'dead' })
        .execute();
      if (moved.affected !== 1) {
        if (!(await em.exists(OutboxMessage, { where: { id } }))) throw notFound('消息不存在');
        throw NotificationErrors.notDead();
      }
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'outbox.retry',
          targetType: 'outbox_message',
          targetId: id,
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(OutboxMessage, { id });
    });
  }
}
