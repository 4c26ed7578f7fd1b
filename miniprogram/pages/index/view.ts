import type { ChatCard, ChatMessage, KnowledgeSource, QuickReply } from '../../services/chat';
import { formatDate, formatRelative } from '../../utils/format';
import type { ChatSession, FeedbackState, PendingMessage } from './conversation';

/** What a bubble shows; flat, for the templates. */
export interface BubbleView {
  /** Also the element id the list scrolls to: never starts with a digit. */
  key: string;
  side: 'mine' | 'theirs' | 'system';
  senderName: string;
  text: string;
  card: ChatCard | null;
  /** Where a knowledge-base answer comes from, in one line; empty for other messages. */
  sourceText: string;
  /** '' when the message takes no feedback; 'ask' when the holder has not said yet. */
  feedback: '' | 'ask' | FeedbackState;
  messageId: number;
  localId: number;
  pending: '' | 'sending' | 'failed';
  error: string;
  retryable: boolean;
}

/** A notice in the stream, or pinned at the top. */
export interface NoticeView {
  id: number;
  title: string;
  text: string;
  lines: string[];
  page: string;
  buttonLabel: string;
}

export interface ItemView {
  key: string;
  /** A time line above the item when it starts a new stretch of the conversation; else empty. */
  time: string;
  notice: NoticeView | null;
  bubble: BubbleView | null;
}

export interface ChatView {
  items: ItemView[];
  /** The suggestions under the newest message, while the holder has not moved on. */
  quickReplies: QuickReply[];
  /** Where the list scrolls to: the newest message. */
  scrollTo: string;
  pinned: NoticeView | null;
  loading: boolean;
  loaded: boolean;
  loadError: string;
  notForThisAccount: boolean;
}

const SENDER_NAMES: Record<string, string> = {
  assistant: '戎友助手',
  staff: '工作人员',
  system: '系统消息',
};

/** A new time line after this long without a message. */
const TIME_GAP_MS = 5 * 60 * 1000;

/** `依据：《退役军人优待证管理办法》第五条 · 退役军人事务部 · 2023年1月1日起施行`. */
export function sourceLine(s: KnowledgeSource): string {
  const parts: string[] = [];
  const doc = s.document ? `《${s.document.replace(/^《|》$/g, '')}》${s.article || ''}` : s.article || '';
  if (doc) parts.push(doc);
  if (s.issuer) parts.push(s.issuer);
  if (s.effectiveDate) parts.push(`${formatDate(s.effectiveDate)}起施行`);
  return parts.length ? `依据：${parts.join(' · ')}` : '';
}

export function noticeView(m: ChatMessage): NoticeView {
  const card = m.card || null;
  const button = card && card.button && card.button.page ? card.button : null;
  return {
    id: m.id,
    title: card && card.title ? card.title : '通知',
    text: m.text || '',
    lines: card && card.lines ? card.lines : [],
    page: button ? button.page : '',
    buttonLabel: button && button.label ? button.label : '查看详情',
  };
}

/** An answer that asks whether it helped: a knowledge-base answer, or one the server gave 有用 / 没用 to. */
const asksFeedback = (m: ChatMessage) =>
  m.from === 'assistant' && (!!m.source || (m.quickReplies || []).some((q) => q.action === 'feedback'));

/** What the feedback line under a message shows: given (here or before), being sent, asked, or nothing. */
function feedbackOf(m: ChatMessage, local: FeedbackState | undefined, ask: boolean): BubbleView['feedback'] {
  if (local) return local;
  if (m.feedback === 'useful') return 'useful';
  if (m.feedback === 'not_useful') return 'useless';
  return ask ? 'ask' : '';
}

function storedBubble(m: ChatMessage, feedback: BubbleView['feedback']): BubbleView {
  const source = m.source ? sourceLine(m.source) : '';
  return {
    key: `m${m.id}`,
    side: m.from === 'holder' ? 'mine' : m.from === 'system' ? 'system' : 'theirs',
    senderName: SENDER_NAMES[m.from] || '',
    text: m.text || '',
    card: m.card && (m.card.title || (m.card.lines && m.card.lines.length)) ? m.card : null,
    sourceText: source,
    feedback,
    messageId: m.id,
    localId: 0,
    pending: '',
    error: '',
    retryable: false,
  };
}

function pendingBubble(p: PendingMessage): BubbleView {
  return {
    key: `p${p.localId}`,
    side: 'mine',
    senderName: '',
    text: p.text,
    card: null,
    sourceText: '',
    feedback: '',
    messageId: 0,
    localId: p.localId,
    pending: p.state,
    error: p.error,
    retryable: p.retryable,
  };
}

/** Everything the page shows of the conversation, built from the session. */
export function chatView(s: ChatSession, now: Date = new Date()): ChatView {
  const items: ItemView[] = [];
  let last = 0;
  const timeLine = (at: string) => {
    const t = Date.parse(at);
    if (isNaN(t)) return '';
    const line = last === 0 || t - last >= TIME_GAP_MS ? formatRelative(at, now) : '';
    last = t;
    return line;
  };
  // Only the newest answer that asks keeps asking: older ones would fill the conversation with buttons.
  let asking = 0;
  for (const m of s.messages) if (asksFeedback(m)) asking = m.id;
  for (const m of s.messages) {
    const time = timeLine(m.at);
    if (m.kind === 'notice') {
      items.push({ key: `m${m.id}`, time, notice: noticeView(m), bubble: null });
      continue;
    }
    const feedback = feedbackOf(m, s.feedback[m.id], m.id === asking);
    items.push({ key: `m${m.id}`, time, notice: null, bubble: storedBubble(m, feedback) });
  }
  for (const p of s.pending)
    items.push({ key: `p${p.localId}`, time: timeLine(p.at), notice: null, bubble: pendingBubble(p) });

  // The suggestions of the last word said in the conversation: a notice arriving after them does
  // not take them away, anything the holder or staff say does.
  let said: ChatMessage | undefined;
  for (let i = s.messages.length - 1; i >= 0 && !said; i--) if (s.messages[i].from !== 'system') said = s.messages[i];
  // 有用 / 没用 come as quick replies too: the bubble shows them, beside the answer they rate.
  const quickReplies =
    s.pending.length === 0 && said && said.from === 'assistant' && said.quickReplies
      ? said.quickReplies.filter((q) => q.action !== 'feedback')
      : [];
  const lastKey = items.length ? items[items.length - 1].key : '';
  const pinned = s.pinnedId === null ? null : s.messages.find((m) => m.id === s.pinnedId);
  return {
    items,
    quickReplies,
    // The newest message's top: a long answer is read from its start; the suggestions under a
    // short one are in view with it.
    scrollTo: lastKey,
    pinned: pinned ? noticeView(pinned) : null,
    loading: s.loading,
    loaded: s.loaded,
    loadError: s.loadError,
    notForThisAccount: s.notForThisAccount,
  };
}
