import { In, type EntityManager } from 'typeorm';
import type { TransitionActor } from '../../lib/state-machine';
import { CardEvent } from './card-event.entity';
import type { CardActor } from './card.states';

/** Where a card's transitions write their history rows. */
export const CARD_HISTORY = { entity: CardEvent, subjectKey: 'cardId' } as const;

/** Who moved a card: an account and the role it acted in. */
export interface CardMover extends TransitionActor {
  role: CardActor;
}

/** The first history row of a card: its issue, which has no `from`. */
export async function recordIssued(em: EntityManager, cardId: number, actor: CardMover, at: Date): Promise<void> {
  await em.insert(CardEvent, {
    cardId,
    action: 'issue',
    fromStatus: null,
    toStatus: 'active',
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
    createdAt: at,
  });
}

/** Each card's history, oldest first. */
export async function cardHistory(em: EntityManager, ids: readonly number[]): Promise<Map<number, CardEvent[]>> {
  const byCard = new Map<number, CardEvent[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byCard;
  const rows = await em.find(CardEvent, { where: { cardId: In([...ids]) }, order: { id: 'ASC' } });
  for (const r of rows) byCard.get(r.cardId)?.push(r);
  return byCard;
}
