import {
  type ChatInput,
  type ChatMessage,
  type Conversation,
  type ConversationState,
  conversation,
  giveFeedback,
  type HandoverAgent,
  type HandoverQueue,
  type HandoverRating,
  LONG_POLL_SECONDS,
  markRead,
  messagesAfter,
  rateService,
  sendMessage,
} from '../../services/chat';
import { ApiError, messageOf } from '../../services/request';

/** A message the holder sent that the server has not stored yet (on its way, or failed). */
export interface PendingMessage {
  localId: number;
  input: ChatInput;
  /** What the bubble shows: the words typed, or the quick reply's label. */
  text: string;
  state: 'sending' | 'failed';
  error: string;
  /** Worth sending again: the network, a busy server or a rate limit, not a refusal of the text. */
  retryable: boolean;
  at: string;
}

/** The holder's 有用 / 没用 on an answer: on its way, or given. */
export type FeedbackState = 'sending' | 'useful' | 'useless';

/** The holder's rating of the staff's service in this visit: not yet, on its way, or recorded. */
export type RatingPhase = '' | 'sending' | 'done';

/**
 * Timings of the reading loop. Tests shorten them; nothing else changes them.
 * - `minRoundMs`: an empty answer that comes back sooner than this was not held by the server (a
 *   proxy, or a server without the long poll): the next read waits out the rest, so a phone never
 *   spins against the server.
 * - `backoffMs` doubles after each failure up to `maxBackoffMs`; a rate limit waits at least
 *   `rateLimitedMs`.
 */
export const timing = {
  minRoundMs: 5000,
  backoffMs: 2000,
  maxBackoffMs: 60000,
  rateLimitedMs: 15000,
};

/** How many stored messages the page keeps; older ones are dropped as new ones arrive. */
const KEEP = 200;
const SEEN_NOTICE_KEY = 'rongyou.chat.seenNotice';

const time = (m: { at: string }) => {
  const t = Date.parse(m.at);
  return isNaN(t) ? 0 : t;
};
/** The conversation's order: by cursor where the cursors are numbers (the server's sequence), else by time. */
const inOrder = (a: ChatMessage, b: ChatMessage) => {
  const x = Number(a.cursor);
  const y = Number(b.cursor);
  if (a.cursor !== '' && b.cursor !== '' && !isNaN(x) && !isNaN(y) && x !== y) return x - y;
  return time(a) - time(b) || a.id - b.id;
};

const retryable = (err: unknown) =>
  !(err instanceof ApiError) || err.status === 0 || err.status === 429 || err.status >= 500;

/** Both mean there is nothing (left) to rate: the holder rated before, here or on another phone. */
const RATED_ALREADY = ['RATING_ALREADY_GIVEN', 'RATING_NOT_ASKED'];

/**
 * An answer after which the conversation may have moved to staff: the holder asked for a person,
 * a complaint was handed over (both answered as `ask_person`), or a second "I don't know".
 */
const mayHandOver = (items: ChatMessage[]) =>
  items.some((m) => m.from === 'assistant' && (m.intent === 'ask_person' || m.intent === 'unknown'));

/**
 * The holder's conversation on this page: what is shown, the reading loop (a long poll while the
 * page is visible), sending with a retry for what failed, the pinned notice and feedback. The page
 * renders from it after every `onChange`.
 */
export class ChatSession {
  messages: ChatMessage[] = [];
  pending: PendingMessage[] = [];
  state: ConversationState = 'bot';
  loading = false;
  loaded = false;
  loadError = '';
  /** Signed in with an account that has no conversation (staff, a merchant's clerk, a lawyer). */
  notForThisAccount = false;
  /** The notice pinned at the top until the holder opens or closes it. */
  pinnedId: number | null = null;
  feedback: Record<number, FeedbackState> = {};
  /** While waiting for staff: the place in the queue and the expected wait. */
  queue: HandoverQueue | null = null;
  /** While with staff: who has the conversation. */
  agent: HandoverAgent | null = null;
  /** The last handover's rating as the server last said. */
  rating: HandoverRating | null = null;
  ratingPhase: RatingPhase = '';
  /** The score given in this visit (null when the server said it was given before). */
  ratingScore: number | null = null;
  ratingError = '';

  /** Called after every change the page should show. */
  onChange: () => void = () => undefined;
  /** Called with a message for a short toast (a failed feedback, say). */
  onToast: (text: string) => void = () => undefined;

  private ids: Record<number, true> = {};
  private cursor: string | null = null;
  private nextLocalId = 1;
  private visible = false;
  private closed = false;
  /** Bumped whenever reading starts or stops: an answer of an older round is ignored. */
  private round = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  /** Bumped for each re-read of the conversation's state: only the newest answer is kept. */
  private refreshes = 0;

  /** Reads the conversation (a first visit gets the greeting), then keeps reading while visible. */
  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.loadError = '';
    this.onChange();
    try {
      const c = await conversation();
      if (this.closed) return;
      this.takeState(c);
      this.add(c.items, false);
      this.pinLatestNotice(c.items.slice(Math.max(0, c.items.length - Math.max(0, c.unread))));
      this.loaded = true;
      // The holder now sees the whole page: it counts as read (what reading brings later already does).
      if (c.unread > 0 && this.cursor !== null) markRead(this.cursor).catch(() => undefined);
    } catch (err) {
      if (this.closed) return;
      // The assistant is the holders'; work accounts use their corners instead: not an error for them.
      if (err instanceof ApiError && err.status === 403) this.notForThisAccount = true;
      else this.loadError = messageOf(err);
    } finally {
      this.loading = false;
    }
    this.onChange();
    if (this.loaded && this.visible) this.startReading();
  }

  /** The page is visible again: catch up after the last message shown, then keep reading. */
  show(): void {
    this.visible = true;
    if (!this.loaded) return;
    // The queue moves and staff come and go while the holder is away: the banner is read again.
    if (this.state !== 'bot') void this.refresh();
    this.startReading();
  }

  /** The page is hidden (another page, or WeChat in the background): stop reading. */
  hide(): void {
    this.visible = false;
    this.stopReading();
  }

  /** The page is gone: nothing more is read or shown. */
  close(): void {
    this.closed = true;
    this.hide();
  }

  /** Sends what the holder typed or chose; it shows at once and stays with 重发 if it fails. */
  send(input: ChatInput, text: string): Promise<void> {
    const p: PendingMessage = {
      localId: this.nextLocalId++,
      input,
      text,
      state: 'sending',
      error: '',
      retryable: true,
      at: new Date().toISOString(),
    };
    this.pending.push(p);
    this.onChange();
    return this.deliver(p);
  }

  /** Sends a failed message again. */
  retry(localId: number): Promise<void> {
    const p = this.pending.find((x) => x.localId === localId);
    if (!p || p.state !== 'failed') return Promise.resolve();
    p.state = 'sending';
    p.error = '';
    this.onChange();
    return this.deliver(p);
  }

  /** Records whether an answer helped; once per answer. */
  async giveFeedback(messageId: number, useful: boolean): Promise<void> {
    if (this.feedback[messageId]) return;
    this.feedback[messageId] = 'sending';
    this.onChange();
    try {
      await giveFeedback(messageId, useful);
      this.feedback[messageId] = useful ? 'useful' : 'useless';
    } catch (err) {
      // Given before (on another phone, or an answer lost on the way): it is recorded all the same.
      if (err instanceof ApiError && err.code === 'FEEDBACK_ALREADY_GIVEN') {
        this.feedback[messageId] = useful ? 'useful' : 'useless';
      } else {
        delete this.feedback[messageId];
        this.onToast(messageOf(err));
      }
    }
    if (!this.closed) this.onChange();
  }

  /**
   * Rates the staff's service, once. A 409 means it is rated already (or nothing is left to rate):
   * the holder is thanked all the same rather than shown an error they cannot act on.
   */
  async rate(score: number, comment: string): Promise<void> {
    if (this.ratingPhase !== '') return;
    this.ratingPhase = 'sending';
    this.ratingError = '';
    this.onChange();
    try {
      await rateService(score, comment.trim() || undefined);
      this.ratingPhase = 'done';
      this.ratingScore = score;
      if (this.rating) this.rating = { ...this.rating, score };
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && RATED_ALREADY.indexOf(err.code) >= 0) {
        this.ratingPhase = 'done';
      } else {
        this.ratingPhase = '';
        this.ratingError = messageOf(err);
      }
    }
    if (!this.closed) this.onChange();
  }

  /**
   * Re-reads the conversation for its state, queue, agent and rating (after a handover, a staff
   * message or a system line); it also brings any message not shown yet. A failure changes
   * nothing: the next occasion reads again.
   */
  async refresh(): Promise<void> {
    const mine = ++this.refreshes;
    try {
      const c = await conversation();
      if (this.closed || mine !== this.refreshes) return;
      this.takeState(c);
      this.add(c.items, true);
      this.onChange();
    } catch {
      // the stream goes on; the banner catches up on the next staff or system message
    }
  }

  /** The holder opened or closed the pinned notice: it is read, and stays unpinned on later visits. */
  unpin(): void {
    if (this.pinnedId === null) return;
    const seen = Number(wx.getStorageSync(SEEN_NOTICE_KEY)) || 0;
    if (this.pinnedId > seen) wx.setStorageSync(SEEN_NOTICE_KEY, this.pinnedId);
    this.pinnedId = null;
    this.onChange();
  }

  private async deliver(p: PendingMessage): Promise<void> {
    try {
      const items = await sendMessage(p.input);
      if (this.closed) return;
      this.pending = this.pending.filter((x) => x !== p);
      this.add(items, true);
      // A message to staff or after a resolve moves the state (a resolved conversation reopens);
      // an answer that may have handed over says so only through the conversation's state.
      if (this.state !== 'bot' || mayHandOver(items)) void this.refresh();
    } catch (err) {
      if (this.closed) return;
      p.state = 'failed';
      p.error = messageOf(err);
      p.retryable = retryable(err);
    }
    this.onChange();
  }

  /**
   * Adds stored messages in order, each once (a reply can come both from sending and from
   * reading). `live` says they arrived while the page was open: a new notice is pinned.
   */
  private add(items: ChatMessage[], live: boolean): void {
    const fresh = items.filter((m) => !this.ids[m.id]);
    if (fresh.length === 0) return;
    for (const m of fresh) this.ids[m.id] = true;
    this.messages = this.messages.concat(fresh).sort(inOrder);
    if (this.messages.length > KEEP) this.messages = this.messages.slice(this.messages.length - KEEP);
    this.cursor = this.messages[this.messages.length - 1].cursor;
    // The holder's own words can come back through reading before the answer to sending them
    // does: the stored message then takes the place of the one still shown as on its way.
    for (const m of fresh) {
      if (m.from !== 'holder') continue;
      const i = this.pending.findIndex((p) => p.state === 'sending' && p.text === m.text);
      if (i >= 0) this.pending.splice(i, 1);
    }
    if (live) this.pinLatestNotice(fresh);
  }

  private takeState(c: Conversation): void {
    // A new handover starts a new rating: what was given in this visit was for the one before.
    if (c.state === 'waiting_staff' || c.state === 'with_staff') {
      this.ratingPhase = this.ratingPhase === 'sending' ? 'sending' : '';
      this.ratingScore = null;
      this.ratingError = '';
    }
    this.state = c.state;
    this.queue = c.queue || null;
    this.agent = c.agent || null;
    const rating = c.rating || null;
    // A read that started before the rating was sent still says "not rated": the score given stands.
    this.rating =
      rating && this.ratingPhase === 'done' && rating.score === null ? { ...rating, score: this.ratingScore } : rating;
  }

  private pinLatestNotice(candidates: ChatMessage[]): void {
    const seen = Number(wx.getStorageSync(SEEN_NOTICE_KEY)) || 0;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const m = candidates[i];
      if (m.kind !== 'notice') continue;
      if (m.id > seen) this.pinnedId = m.id;
      return;
    }
  }

  private startReading(): void {
    this.stopReading();
    this.failures = 0;
    void this.read(++this.round);
  }

  private stopReading(): void {
    this.round++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One long poll; schedules the next. An answer of a round that was stopped meanwhile is dropped. */
  private async read(round: number): Promise<void> {
    const started = Date.now();
    try {
      const items = await messagesAfter(this.cursor, LONG_POLL_SECONDS);
      if (round !== this.round) return;
      this.failures = 0;
      if (items.length > 0) {
        this.add(items, true);
        this.onChange();
        // Staff joining, replying or resolving, and system lines, come with a new state to show.
        if (items.some((m) => m.from === 'staff' || m.from === 'system')) void this.refresh();
        this.later(round, 0);
      } else {
        // Nothing was said, but the queue may have moved: the place is read again each round.
        if (this.state === 'waiting_staff') void this.refresh();
        this.later(round, Math.max(0, timing.minRoundMs - (Date.now() - started)));
      }
    } catch (err) {
      if (round !== this.round) return;
      this.failures++;
      const backoff = Math.min(timing.maxBackoffMs, timing.backoffMs * 2 ** (this.failures - 1));
      const limited = err instanceof ApiError && err.status === 429;
      this.later(round, limited ? Math.max(backoff, timing.rateLimitedMs) : backoff);
    }
  }

  private later(round: number, ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (round === this.round) void this.read(round);
    }, ms);
  }
}
