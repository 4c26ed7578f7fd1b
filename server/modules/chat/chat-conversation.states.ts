import type { TransitionTable } from '../../lib/state-machine';

/**
 * A holder's conversation: the assistant answers in `bot`; asking for a person (or the assistant
 * failing twice in a row) hands it over to staff (`waiting_staff`), a staff member takes it
 * (`with_staff`) and closes it (`resolved`); the holder's next message reopens it with the
 * assistant. While staff have it, the assistant stays quiet.
 */
export const CONVERSATION_STATES = ['bot', 'waiting_staff', 'with_staff', 'resolved'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** Who moves a conversation: the holder, a staff member, or the assistant itself (`system`). */
export type ConversationActor = 'holder' | 'staff' | 'system';

export const CONVERSATION_TRANSITIONS = {
  hand_over: { from: ['bot'], to: 'waiting_staff', actors: ['holder', 'system'] },
  claim: { from: ['waiting_staff'], to: 'with_staff', actors: ['staff'] },
  // To another staff member: the status stays, the agent changes (the history row names both).
  transfer: { from: ['with_staff'], to: 'with_staff', actors: ['staff'] },
  release: { from: ['with_staff'], to: 'waiting_staff', actors: ['staff'] },
  resolve: { from: ['waiting_staff', 'with_staff'], to: 'resolved', actors: ['staff'] },
  reopen: { from: ['resolved'], to: 'bot', actors: ['holder'] },
} as const satisfies TransitionTable<string, ConversationState, ConversationActor>;

export type ConversationAction = keyof typeof CONVERSATION_TRANSITIONS;

/** States in which the assistant answers the holder's messages itself. */
export const ASSISTANT_ANSWERS: readonly ConversationState[] = ['bot', 'resolved'];

/** Unknown answers in a row after which the assistant hands the conversation over on its own. */
export const UNKNOWNS_BEFORE_HANDOVER = 2;
