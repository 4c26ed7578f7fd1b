import type { Database } from '../../db/database';
import { notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { applyTransition } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import { Person } from '../people/person.entity';
import { Card } from './card.entity';
import { CARD_TRANSITIONS } from './card.states';
import { CardErrors } from './cards.errors';
import type { QrTokens } from './qr-token.service';
import { CARD_PAGES } from './cards.pages';

/** The holder's electronic card: show it, show its QR code, report it lost. */
export class CardService {
  constructor(
    private readonly db: Database,
    private readonly qr: QrTokens,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** The holder's current card, or their latest one (revoked, say) so they see why it stopped. */
  async myCard(principal: Principal): Promise<{ card: Card; person: Person }> {
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
    const { card } = await this.myCard(principal);
    if (card.status !== 'active') throw CardErrors.cannotShow();
    return this.qr.issue(card.id);
  }

  /** Reports the card lost: it stops verifying at once; the holder may then apply for a reissue. */
  async reportLost(principal: Principal): Promise<{ card: Card; person: Person }> {
    const { card, person } = await this.myCard(principal);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      await applyTransition(em, Card, card.id, CARD_TRANSITIONS.report_lost, { reportedLostAt: now, updatedAt: now });
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
      return { card: await em.findOneByOrFail(Card, { id: card.id }), person };
    });
  }
}
