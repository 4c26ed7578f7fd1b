import type { IntentKey } from './assistant/intents';
import type { MessageKind } from './chat-message.entity';

/** A card in a message: a title, a few lines, and a button that opens a page. */
export interface MessageCard {
  title: string;
  lines: string[];
  button?: { label: string; page: string };
}

/**
 * What tapping a quick reply does: open `page`, or by `action`: `send` posts `{ action: id }` as
 * the holder's message, `send_location` does the same with the phone's location, `feedback` rates
 * the message it belongs to (`POST /chat/messages/:id/feedback`, 有用 → `useful: true`), `rate`
 * scores the service staff gave (`POST /chat/rating`, with the number ending the id as the score).
 */
export type QuickReplyAction = 'send' | 'send_location' | 'feedback' | 'rate';
export type QuickReply =
  | { id: string; label: string; page: string }
  | { id: string; label: string; action: QuickReplyAction };

/** Where a knowledge-base answer comes from, as shown under it. */
export interface AnswerSource {
  entryId: number;
  document: string;
  article: string | null;
  issuer: string | null;
  effectiveDate: string | null;
}

/** One message the assistant is about to write. */
export interface ReplyDraft {
  text: string;
  card?: MessageCard;
  quickReplies?: QuickReply[];
  intent: IntentKey;
  source?: AnswerSource;
}

/** The kind a message is shown as: a card when it has one, chips when it offers some, else text. */
export function kindOf(draft: Pick<ReplyDraft, 'card' | 'quickReplies'>): MessageKind {
  if (draft.card) return 'card';
  if (draft.quickReplies?.length) return 'quick_replies';
  return 'text';
}

type LegalService = 'consultation' | 'legal_aid' | 'mediation' | 'counselling';

/** What a holder's tap on a `send` quick reply means: its words (shown as their message) and intent. */
interface HolderAction {
  label: string;
  intent: IntentKey;
  legalService?: LegalService;
  /** Comes with the phone's location (the quick reply's action is `send_location`). */
  withLocation?: true;
}

/** Every quick reply a holder may send back, by id. Ids are stable: old messages keep theirs. */
export const HOLDER_ACTIONS = {
  card_status: { label: '我的优待证办到哪了', intent: 'card_status' },
  nearby_discounts: { label: '附近哪里能打折', intent: 'nearby_discounts' },
  legal_services: { label: '我想找律师', intent: 'legal_services' },
  card_lost: { label: '优待证丢了怎么办', intent: 'card_lost' },
  ask_person: { label: '转人工', intent: 'ask_person' },
  card_apply: { label: '怎么申请优待证', intent: 'card_apply' },
  card_show: { label: '出示电子优待证', intent: 'card_show' },
  notices: { label: '最近有什么通知', intent: 'notices' },
  legal_my_appointments: { label: '我的预约', intent: 'legal_my_appointments' },
  appeal_status: { label: '我的诉求办得怎么样了', intent: 'appeal_status' },
  jobs: { label: '有什么工作机会', intent: 'jobs' },
  lodging: { label: '军人驿站在哪', intent: 'lodging' },
  'nearby.location': { label: '发送我的位置', intent: 'nearby_discounts', withLocation: true },
  'legal.consultation': { label: '法律咨询', intent: 'legal_free_times', legalService: 'consultation' },
  'legal.legal_aid': { label: '法律援助', intent: 'legal_free_times', legalService: 'legal_aid' },
  'legal.mediation': { label: '人民调解', intent: 'legal_free_times', legalService: 'mediation' },
  'legal.counselling': { label: '心理疏导', intent: 'legal_free_times', legalService: 'counselling' },
} as const satisfies Record<string, HolderAction>;

export type HolderActionId = keyof typeof HOLDER_ACTIONS;

export function findHolderAction(id: string): HolderAction | undefined {
  return Object.hasOwn(HOLDER_ACTIONS, id) ? (HOLDER_ACTIONS as Record<string, HolderAction>)[id] : undefined;
}

/** A quick reply that sends one of the holder actions. */
export function sendReply(id: HolderActionId, label?: string): QuickReply {
  const action = HOLDER_ACTIONS[id] as HolderAction;
  return { id, label: label ?? action.label, action: action.withLocation ? 'send_location' : 'send' };
}

/** The suggestions a first visit (and a greeting) offers. */
export const SUGGESTIONS: QuickReply[] = [
  sendReply('card_status'),
  sendReply('nearby_discounts'),
  sendReply('legal_services'),
  sendReply('card_lost'),
  sendReply('ask_person'),
];

/** 有用 / 没用 under a knowledge-base answer. */
export const FEEDBACK_REPLIES: QuickReply[] = [
  { id: 'feedback.useful', label: '有用', action: 'feedback' },
  { id: 'feedback.not_useful', label: '没用', action: 'feedback' },
];

/** The first message of every conversation. */
export const GREETING: ReplyDraft = {
  text: '您好！我是戎友服务助手，可以帮您查优待证进度、找附近的优惠商户、预约法律服务、解答优待政策。请直接输入问题，或点下面的选项。',
  quickReplies: SUGGESTIONS,
  intent: 'greeting',
};
