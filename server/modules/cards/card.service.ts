import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import { Person } from '../people/person.entity';
import type { HolderCategory } from '../../lib/id-number';
import type { CardEvent } from './card-event.entity';
import { CardApplication } from './card-application.entity';
import { Card } from './card.entity';
import { CARD_HISTORY, cardHistory } from './card.history';
import { CARD_TRANSITIONS, cardActions, type CardAction } from './card.states';
import { CardErrors } from './cards.errors';
import type { QrTokens, VerifiedQrToken } from './qr-token.service';
import { CARD_PAGES } from './cards.pages';

/** The card as its holder reads it: with its history and what they may do with it now. */
export interface HolderCardView {
  card: Card;
  person: Person;
  history: CardEvent[];
  allowedActions: CardAction[];
  /** The photo of the application the card was issued on: shown beside the QR code at the counter. */
  photoFileId: number | null;
}

/** The holder's electronic card: show it, show its QR code, report it lost. */
export class CardService {
  constructor(
    private readonly db: Database,
    private readonly qr: QrTokens,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The holder's current card, or their latest one (revoked, say) so they see why it stopped, with
   * its history and the holder's actions.
   */
  async myCard(principal: Principal): Promise<HolderCardView> {
    return this.holderView(this.db.manager, await this.mine(principal));
  }

  private async mine(principal: Principal): Promise<{ card: Card; person: Person }> {
    const mine = await this.findMine(principal);
    if (!mine) throw notFound('您还没有优待证');
    return mine;
  }

  /** As `myCard`, but null when the holder has no card (the service assistant asks without failing). */
  async findMine(principal: Principal): Promise<{ card: Card; person: Person } | null> {
    const person = await this.db.manager.findOneBy(Person, { accountId: principal.accountId });
    const card = person
      ? ((await this.db.manager.findOneBy(Card, { currentPersonId: person.id })) ??
        (await this.db.manager.findOne(Card, { where: { personId: person.id }, order: { id: 'DESC' } })))
      : null;
    return person && card ? { card, person } : null;
  }

  /** Whether the person's current card is active (not reported lost, replaced or revoked). */
  async hasActiveCard(personId: number): Promise<boolean> {
    return this.db.manager.existsBy(Card, { currentPersonId: personId, status: 'active' });
  }

  /** A fresh QR token (about a minute, single use) for an active card. */
  async qrToken(principal: Principal): Promise<{ token: string; expiresAt: Date }> {
    const { card } = await this.mine(principal);
    if (card.status !== 'active') throw CardErrors.cannotShow();
    return this.qr.issue(card.id);
  }

  /**
   * Reports the card lost: it stops verifying at once; the holder may then apply for a reissue.
   * 1. The guarded move with its history row (409 INVALID_TRANSITION unless the card is active);
   * 2. the holder's notice, in the same transaction.
   */
  async reportLost(principal: Principal): Promise<HolderCardView> {
    const { card, person } = await this.mine(principal);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      await transition(em, {
        entity: Card,
        id: card.id,
        table: CARD_TRANSITIONS,
        action: 'report_lost',
        actor: { accountId: principal.accountId, role: 'holder' },
        at: now,
        set: { reportedLostAt: now, updatedAt: now },
        history: CARD_HISTORY,
      });
      await this.notifications.notify(em, {
        recipient: person.accountId ?? principal.accountId,
        templateKey: 'application_status',
        data: {
          subject: '优待证挂失',
          status: '已挂失',
          time: wechatTime(now),
          remark: '优待证已挂失，立即停止使用；可在小程序中申请补领',
        },
        page: CARD_PAGES.card,
        idempotencyKey: `card:${card.id}:reported-lost`,
      });
      return this.holderView(em, { card: await em.findOneByOrFail(Card, { id: card.id }), person });
    });
  }

  private async holderView(em: EntityManager, mine: { card: Card; person: Person }): Promise<HolderCardView> {
    const history = (await cardHistory(em, [mine.card.id])).get(mine.card.id) ?? [];
    return {
      ...mine,
      history,
      allowedActions: cardActions(mine.card.status, 'holder'),
      photoFileId: await cardPhotoFileId(em, mine.card),
    };
  }
}

/** The photo on a card: the one its application was approved with (null for cards made without one). */
/** The card as a counter needs it: whose it is, their category, and the photo to compare with the person. */
export interface ScannedCard {
  id: number;
  personId: number;
  /** The name the card was issued to (the person's own name on cards older than that column). */
  holderName: string;
  category: HolderCategory;
  /** The photo of the application the card was issued on; null for cards made without one. */
  photoFileId: number | null;
}

/**
 * Spends a QR token at a merchant's counter and reads only what the counter uses, in one
 * statement: the card's status and category, the name it was issued to (the person's own name on
 * cards older than that column) and the photo of the application it was issued on. The refusals
 * and their order are `QrTokens.consume`'s: unknown card, spent token, card not active.
 */
export async function spendAtCounter(em: EntityManager, qr: QrTokens, token: VerifiedQrToken): Promise<ScannedCard> {
  const row = await em
    .createQueryBuilder(Card, 'c')
    .leftJoin(CardApplication, 'a', 'a.id = c.application_id')
    .leftJoin(Person, 'p', 'p.id = c.person_id')
    .select([
      'c.id AS id',
      'c.person_id AS person_id',
      'c.category AS category',
      'c.status AS status',
      'COALESCE(c.holder_name, p.name) AS holder_name',
      'a.photo_file_id AS photo_file_id',
    ])
    .where('c.id = :id', { id: token.cardId })
    .getRawOne<{
      id: number | string;
      person_id: number | string;
      category: HolderCategory;
      status: string;
      holder_name: string | null;
      photo_file_id: number | string | null;
    }>();
  if (!row) throw CardErrors.qrInvalid();
  await qr.spend(em, token);
  if (row.status !== 'active') throw CardErrors.scannedCardInactive();
  return {
    id: Number(row.id),
    personId: Number(row.person_id),
    holderName: row.holder_name ?? '',
    category: row.category,
    photoFileId: row.photo_file_id == null ? null : Number(row.photo_file_id),
  };
}

export async function cardPhotoFileId(em: EntityManager, card: Pick<Card, 'applicationId'>): Promise<number | null> {
  const application = await em.findOne(CardApplication, {
    where: { id: card.applicationId },
    select: { id: true, photoFileId: true },
  });
  return application?.photoFileId ?? null;
}
