import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { CardActor, CardHistoryAction, CardStatus } from './card.states';

/**
 * One step of a card's history: its issue, then each status change (reported lost, replaced,
 * revoked), which the holder and staff read back with the card.
 */
@Entity({ name: 'card_event' })
export class CardEvent extends StatusEvent<CardStatus, CardActor> {
  @Column({ name: 'card_id', type: 'integer' })
  cardId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: CardHistoryAction;
}
