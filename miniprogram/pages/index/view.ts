import type { ChatCard, ChatMessage, HandoverQueue, KnowledgeSource, QuickReply } from '../../services/chat';
import { formatDate, formatRelative } from '../../utils/format';
import type { ChatSession, FeedbackState, PendingMessage } from './conversation';

/** What a bubble shows; flat, for the templates. */
export interface BubbleView {
  /** Also the element id the list scrolls to: never starts with a digit. */
  key: string;
  side: 'mine' | 'theirs' | 'system';
  /** A staff member's words look different from the assistant's; empty for everything else. */
  tone?: '' | 'staff';
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

/** The banner at the top while a person is involved: waiting in the queue, or being served. */
export interface StatusView {
  kind: 'waiting' | 'with_staff';
  title: string;
  lines: string[];
  /** The title and each line cut after their commas: a long line wraps between phrases, not inside one. */
  titleParts: string[];
  lineParts: string[][];
}

/** The rating card after staff resolved the conversation: asking, being sent, or thanking. */
export interface RatingView {
  phase: 'ask' | 'sending' | 'done';
  /** The score given, when known (the thanks repeat it). */
  score: number | null;
  error: string;
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
  status: StatusView | null;
  rating: RatingView | null;
  /** The input's hint: to the assistant, or to the staff once a person is involved. */
  placeholder: string;
}

const SENDER_NAMES: Record<string, string> = {
  assistant: '戎友助手',
  staff: '工作人员',
  system: '系统消息',
};

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * When staff are back, as an older reader says it, in Beijing time: `今天 13:30`, `明天（周一）9:00`,
 * `周一 9:00` within the week, `10月8日 周三 9:00` beyond it.
 */
export function staffBackWords(iso: string, now: Date = new Date()): string {
  const ms = Date.parse(iso);
  if (isNaN(ms)) return '';
  const local = new Date(ms + BEIJING_OFFSET_MS);
  const day = Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
  const today = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
  const minutes = local.getUTCMinutes();
  const clock = `${local.getUTCHours()}:${minutes < 10 ? '0' : ''}${minutes}`;
  const weekday = `周${WEEKDAYS[local.getUTCDay()]}`;
  if (day === today) return `今天 ${clock}`;
  // The server's own message names the weekday: both are said, so the two read as one time.
  if (day === today + 1) return `明天（${weekday}）${clock}`;
  if (day > today && day - today < 7) return `${weekday} ${clock}`;
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${weekday} ${clock}`;
}

/**
 * `工作人员 王某` (and `after` when there is a name, to set it apart from the words that follow);
 * the server names an unknown author `工作人员` itself, which is not said twice.
 */
function staffTitle(name: string | null | undefined, after = ''): string {
  const n = (name || '').trim();
  return n && n !== SENDER_NAMES.staff ? `${SENDER_NAMES.staff} ${n}${after}` : SENDER_NAMES.staff;
}

/** The queue in words: the place (1 = next) and the wait when the station has one to go by. */
function queueLine(q: HandoverQueue): string {
  const ahead = Math.max(0, q.position - 1);
  const place = ahead > 0 ? `您前面还有 ${ahead} 人` : '下一位就是您';
  return q.expectedWaitMinutes ? `${place}，预计等待约 ${q.expectedWaitMinutes} 分钟` : place;
}

/**
 * `甲，乙` → [`甲，`, `乙`]. (No look-behind in the pattern: older iOS JavaScript engines refuse it
 * when the file is parsed, which would take the whole page down.)
 */
function phrases(line: string): string[] {
  const parts = line.split('，');
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}，` : p)).filter((p) => p !== '');
}

function banner(kind: StatusView['kind'], title: string, lines: string[]): StatusView {
  return { kind, title, lines, titleParts: phrases(title), lineParts: lines.map(phrases) };
}

const KEEP_TYPING = '您可以继续输入，工作人员都能看到';

/** What the banner says while the conversation is with staff or waiting for them; null otherwise. */
export function statusView(
  s: Pick<ChatSession, 'state' | 'queue' | 'agent'>,
  now: Date = new Date(),
): StatusView | null {
  if (s.state === 'with_staff')
    return banner('with_staff', `${staffTitle(s.agent && s.agent.displayName, ' ')}正在为您服务`, [
      '您说的话工作人员都能看到',
    ]);
  if (s.state !== 'waiting_staff') return null;
  const q = s.queue;
  const back = q && q.staffBackAt ? staffBackWords(q.staffBackAt, now) : '';
  // Outside business hours a place in the queue means little: when someone reads it matters.
  if (back) return banner('waiting', `工作人员将于 ${back} 后回复您，您的留言已保存`, [KEEP_TYPING]);
  return banner('waiting', '正在为您转接工作人员', q ? [queueLine(q), KEEP_TYPING] : [KEEP_TYPING]);
}

/** The rating card: shown while the resolved conversation asks for one, and the thanks after it. */
export function ratingView(
  s: Pick<ChatSession, 'state' | 'rating' | 'ratingPhase' | 'ratingScore' | 'ratingError'>,
): RatingView | null {
  // Once the holder writes again the conversation reopens: the card of the last handover goes.
  if (s.state !== 'resolved') return null;
  if (s.ratingPhase === 'done') return { phase: 'done', score: s.ratingScore, error: '' };
  if (!s.rating || !s.rating.asked) return null;
  if (s.rating.score !== null) return { phase: 'done', score: s.rating.score, error: '' };
  return { phase: s.ratingPhase === 'sending' ? 'sending' : 'ask', score: null, error: s.ratingError };
}

/** The rating card's element id, for scrolling to it. */
export const RATING_KEY = 'rating-card';

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
  const staff = m.from === 'staff';
  return {
    key: `m${m.id}`,
    side: m.from === 'holder' ? 'mine' : m.from === 'system' ? 'system' : 'theirs',
    tone: staff ? 'staff' : '',
    senderName: staff ? staffTitle(m.staffName) : SENDER_NAMES[m.from] || '',
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
    tone: '',
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
  // 有用 / 没用 come as quick replies too: the bubble shows them, beside the answer they rate; the
  // rating of staff has its own card.
  const quickReplies =
    s.pending.length === 0 && said && said.from === 'assistant' && said.quickReplies
      ? said.quickReplies.filter((q) => q.action !== 'feedback' && q.action !== 'rate')
      : [];
  const lastKey = items.length ? items[items.length - 1].key : '';
  const pinned = s.pinnedId === null ? null : s.messages.find((m) => m.id === s.pinnedId);
  const rating = ratingView(s);
  const withPerson = s.state === 'waiting_staff' || s.state === 'with_staff';
  return {
    items,
    quickReplies,
    // The newest message's top: a long answer is read from its start; the suggestions under a
    // short one are in view with it. The rating card, when asked, comes last and is scrolled to.
    scrollTo: rating && rating.phase !== 'done' ? RATING_KEY : lastKey,
    pinned: pinned ? noticeView(pinned) : null,
    loading: s.loading,
    loaded: s.loaded,
    loadError: s.loadError,
    notForThisAccount: s.notForThisAccount,
    status: statusView(s, now),
    rating,
    placeholder: withPerson ? '请输入您要说的话' : '请输入您的问题',
  };
}
