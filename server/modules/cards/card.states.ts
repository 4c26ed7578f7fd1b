import { allowedActions, type TransitionTable } from '../../lib/state-machine';

/**
 * A card: active → reported_lost (the holder, at once) → replaced (when the reissued card is
 * issued); active → replaced (exchange); active | reported_lost → revoked (staff, with a reason).
 */
export const CARD_STATUSES = ['active', 'reported_lost', 'replaced', 'revoked'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Who moves a card, in role terms: its holder, or staff at the level they acted at. */
export const CARD_ACTORS = ['holder', 'station', 'district'] as const;
export type CardActor = (typeof CARD_ACTORS)[number];

export const CARD_TRANSITIONS = {
  report_lost: { from: ['active'], to: 'reported_lost', actors: ['holder'] },
  replace: { from: ['active', 'reported_lost'], to: 'replaced', actors: ['district', 'station'] },
  revoke: { from: ['active', 'reported_lost'], to: 'revoked', actors: ['district'] },
} as const satisfies TransitionTable<string, CardStatus, CardActor>;

export type CardAction = keyof typeof CARD_TRANSITIONS;

/** What a card's history calls its steps: the first row is its issue, which has no `from`. */
export const CARD_HISTORY_ACTIONS = ['issue', 'report_lost', 'replace', 'revoke'] as const satisfies readonly (
  | 'issue'
  | CardAction
)[];
export type CardHistoryAction = (typeof CARD_HISTORY_ACTIONS)[number];

/**
 * The moves someone takes on the card itself, and so the actions a view offers. `replace` is not
 * one: it happens only inside the issue of the reissued or exchanged card that succeeds it.
 */
const DIRECT_ACTIONS: readonly CardAction[] = ['report_lost', 'revoke'];

/** The actions `actor` may take on a card in `status` now, from the transition table. */
export const cardActions = (status: CardStatus, actor: CardActor): CardAction[] =>
  allowedActions(CARD_TRANSITIONS, status, actor).filter((a) => DIRECT_ACTIONS.includes(a));
