import type { EntityManager } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { transition as transitionTo } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import { Person } from '../people/person.entity';
import { CardApplicationEvent } from './card-application-event.entity';
import { CardApplication } from './card-application.entity';
import {
  APPLICATION_TRANSITIONS,
  OPEN_STATUSES,
  STATUS_WORDS,
  type ApplicationAction,
  type ApplicationActor,
} from './card-application.states';
import { CARD_PAGES } from './cards.pages';

const KIND_WORDS = { new: '优待证申领', reissue: '优待证补领', exchange: '优待证换领' } as const;

export interface Move {
  action: ApplicationAction;
  actor: { accountId: number | null; role: ApplicationActor };
  reason?: string | null;
  /** Extra columns written with the status (timestamps, batch, card…). */
  set?: Partial<CardApplication>;
  /** Replaces the default remark of the holder's notice (WeChat shows 20 characters of it). */
  remark?: string;
  /** The whole text for the holder's timeline, when the remark had to be short. */
  detail?: string;
}

/**
 * Every change of an application's status goes through here, inside the caller's transaction:
 * 1. the guarded UPDATE of the transition table (409 if the status moved meanwhile);
 * 2. a history row (who in role terms, from, to, reason);
 * 3. a notice to the holder, idempotent by the history row.
 */
export class ApplicationWorkflow {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async move(em: EntityManager, app: CardApplication, move: Move): Promise<CardApplication> {
    const transition = APPLICATION_TRANSITIONS[move.action];
    if (!(transition.actors as readonly string[]).includes(move.actor.role)) {
      throw new Error(`${move.actor.role} may not ${move.action}`);
    }
    const now = this.clock.now();
    const { eventId } = await transitionTo(em, {
      entity: CardApplication,
      id: app.id,
      table: APPLICATION_TRANSITIONS,
      action: move.action,
      actor: move.actor,
      at: now,
      reason: move.reason,
      set: {
        ...move.set,
        reason: move.reason ?? null,
        openPersonId: OPEN_STATUSES.includes(transition.to) ? app.personId : null,
        statusChangedAt: now,
        updatedAt: now,
      },
      history: { entity: CardApplicationEvent, subjectKey: 'applicationId' },
    });
    const updated = await em.findOneByOrFail(CardApplication, { id: app.id });
    await this.tellHolder(em, updated, eventId, move);
    return updated;
  }

  private async tellHolder(em: EntityManager, app: CardApplication, eventId: number, move: Move): Promise<void> {
    const person = await em.findOneByOrFail(Person, { id: app.personId });
    const words = STATUS_WORDS[app.status];
    const remark = move.remark ?? (move.reason ? `${words.remark}：${move.reason}` : words.remark);
    await this.notifications.notify(em, {
      recipient: person.accountId ?? app.applicantAccountId,
      templateKey: 'application_status',
      data: {
        subject: KIND_WORDS[app.kind],
        status: words.phrase,
        time: wechatTime(this.clock.now()),
        remark,
        ...(move.detail ? { detail: move.detail } : {}),
      },
      page: CARD_PAGES.application(app.id),
      idempotencyKey: `card-application:${app.id}:event:${eventId}`,
    });
  }
}
