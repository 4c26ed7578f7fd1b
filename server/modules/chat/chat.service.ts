import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { transition } from '../../lib/state-machine';
import type { WrittenNotice } from '../notifications/notifications.service';
import type { Understanding } from './assistant/intents';
import type { AnswerBuilder, PreparedAnswer } from './chat-answers';
import { ChatConversationEvent } from './chat-conversation-event.entity';
import { ChatConversation } from './chat-conversation.entity';
import {
  ASSISTANT_ANSWERS,
  CONVERSATION_TRANSITIONS,
  UNKNOWNS_BEFORE_HANDOVER,
  type ConversationAction,
  type ConversationActor,
} from './chat-conversation.states';
import { ChatMessage } from './chat-message.entity';
import { ChatErrors } from './chat.errors';
import { findHolderAction, type ReplyDraft } from './chat.replies';
import {
  appendMessages,
  appendToConversation,
  assistantMessage,
  lockConversation,
  lockOpenConversation,
  type NewMessage,
} from './chat.stream';
import { cleanHolderText } from './chat.text';
import type { ConversationWaiter } from './chat.waiter';
import type { MessageChannel, Moderation } from './content-check.rules';

/** What the assistant needs of the knowledge base: to understand a message, and to note what it could not answer. */
export interface AssistantKnowledge {
  understand(text: string, hints?: { hasLocation?: boolean }): Promise<Understanding>;
  recordUnanswered(em: EntityManager, text: string, accountId: number): Promise<unknown>;
}

export interface Location {
  lat: number;
  lng: number;
}

/** A holder's message: typed words, or the id of a quick reply they tapped. */
export type SendInput = ({ text: string } | { action: string }) & { location?: Location };

/** A page of messages, oldest first, and whether more follow in the direction read. */
export interface MessagePage {
  messages: ChatMessage[];
  more: boolean;
}

export interface ConversationView {
  conversation: ChatConversation;
  unread: number;
  /** The last page, oldest first; `more` when older messages exist. */
  page: MessagePage;
  /** The holder's side of a handover: place in the queue, who answers, the rating asked. */
  handover?: HolderHandoverView;
}

/** Why the assistant handed a conversation over. */
export type HandoverTrigger = 'asked' | 'unknowns' | 'intent';

/** What a holder sees of a handover (the inbox works it out). */
export interface HolderHandoverView {
  queue: { position: number; expectedWaitMinutes: number | null; staffBackAt: Date | null } | null;
  agent: { displayName: string } | null;
  rating: { asked: boolean; score: number | null } | null;
}

/**
 * What a handover does beyond the state change, supplied by the staff inbox: placing the
 * conversation in its station's queue (inside the handover's transaction, returning what the
 * assistant should say, e.g. when staff are back), and the holder's view of it.
 */
export interface HandoverHooks {
  handedOver(
    em: EntityManager,
    conversation: ChatConversation,
    trigger: HandoverTrigger,
    said: ReplyDraft,
    now: Date,
  ): Promise<ReplyDraft>;
  holderView(conversation: ChatConversation): Promise<HolderHandoverView>;
}

export interface ReadQuery {
  /** Messages after this sequence number (a long poll); without it, the latest page. */
  after?: number;
  /** Messages before this sequence number (scrolling back); never waits. */
  before?: number;
  limit: number;
  /** How long to wait for a message after `after`, in ms. */
  waitMs: number;
  signal: AbortSignal;
}

/**
 * Checks a holder's typed words before anything is written (the content check, outside any
 * transaction): `refused` stops the message; the other verdicts are stored with it.
 */
export interface HolderTextScreen {
  screen(accountId: number, text: string): Promise<Moderation | 'refused'>;
}

/** How a holder's message arrived, for callers other than the mini-program (WeChat's service chat). */
export interface SendOptions {
  /** Where it was written (default `app`). */
  channel?: MessageChannel;
  /** The verdict the caller already had from the content check; without it the words are screened here. */
  moderation?: Moderation;
  /**
   * Runs inside the transaction once the messages are written, with them: what the caller records
   * of the send (a push marked done, replies queued for the channel) commits or rolls back with it.
   */
  withinTransaction?: (em: EntityManager, written: ChatMessage[]) => Promise<void>;
  /**
   * The holder is in the mini-program now (a chat request): noted on the conversation in the same
   * UPDATE as the messages, instead of a write of its own (see `withPresence`).
   */
  present?: boolean;
}

/** The assistant (or a job) acting on a conversation. */
const SYSTEM = { accountId: null, role: 'system' as const };

/** `lockConversation` in the shape of `lockOpenConversation`: opens the conversation when missing. */
const openedConversation: typeof lockOpenConversation = async (em, accountId, actor, now) =>
  (await lockConversation(em, accountId, actor, now)).conversation;

/** How often a waiting poll reads the database again, for messages written by other instances. */
export const RECHECK_MS = 1_000;

/**
 * The holder's conversation: sending (the holder's message and the assistant's answer in one
 * transaction), reading with a long poll, unread counts, feedback on answers, and notices copied
 * into the stream inside the transaction that writes them.
 */
export class ChatService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly knowledge: AssistantKnowledge,
    private readonly answers: AnswerBuilder,
    private readonly waiter: ConversationWaiter,
    private readonly screen?: HolderTextScreen,
  ) {}

  private handoverHooks: HandoverHooks | undefined;

  /** Lets the staff inbox take part in handovers (set once, when the module is built). */
  useHandover(hooks: HandoverHooks): void {
    this.handoverHooks = hooks;
  }

  /**
   * 1. Checks the words (400 with a code of its own), or resolves the tapped quick reply.
   * 2. Understands them and prepares the answer from live data, outside the transaction: reads only.
   * 3. In one transaction, with the conversation locked: a resolved conversation reopens with the
   *    assistant; in `bot` the assistant answers, or hands over (asked for a person, or a second
   *    "I don't know" in a row) with a history row; with staff it stays quiet. Questions it could
   *    not answer are recorded for staff.
   * 4. Once committed, wakes the conversation's long polls.
   * Returns the messages written: the holder's, then the assistant's when it answered.
   */
  async send(principal: Principal, input: SendInput, opts: SendOptions = {}): Promise<ChatMessage[]> {
    const { words, typed, understanding } = await this.understand(input);
    // Typed words are checked before anything is written; a tapped quick reply is our own words.
    const moderation = opts.moderation ?? (typed ? await this.screenWords(principal.accountId, words) : 'pass');
    const prepared = await this.answers.prepare({
      principal,
      understanding,
      location: input.location,
      now: this.clock.now(),
    });
    const holder = { accountId: principal.accountId, role: 'holder' as const };
    const within = (open: typeof lockOpenConversation) =>
      this.db.transaction(async (em) => {
        const now = this.clock.now();
        const conversation = await open(em, principal.accountId, holder, now);
        if (!conversation) return null;
        if (conversation.status === 'resolved') await this.move(em, conversation, 'reopen', holder, now);
        const asked: NewMessage = {
          sender: 'holder',
          kind: 'text',
          text: words,
          intent: understanding.intent,
          channel: opts.channel,
          moderation,
        };
        if (!ASSISTANT_ANSWERS.includes(conversation.status)) {
          return this.written(em, opts, await this.write(em, conversation, [asked], now, opts));
        }
        const reply = await this.decide(em, conversation, prepared, now);
        // Unanswered questions are shown to staff: only words that passed the check go there.
        if (reply.intent === 'unknown' && typed && moderation === 'pass') {
          await this.knowledge.recordUnanswered(em, words, principal.accountId);
        }
        const answered = reply.intent !== 'unknown' && reply.intent !== 'ask_person';
        const messages = [{ ...asked, answeredByAssistant: answered }, assistantMessage(reply)];
        return this.written(em, opts, await this.write(em, conversation, messages, now, opts));
      });
    // A conversation not open yet is opened in a transaction of its own (see lockOpenConversation).
    const sent = (await within(lockOpenConversation)) ?? (await within(openedConversation));
    if (!sent) throw new Error('conversation missing after it was opened');
    return sent;
  }

  /**
   * A holder's message the assistant has nothing to answer to (a picture, a mini-program page shared
   * in WeChat's service chat): written to the conversation as it is, which reopens a resolved one.
   */
  async recordHolderMessage(
    accountId: number,
    text: string,
    opts: SendOptions & { fileId?: number } = {},
  ): Promise<ChatMessage[]> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const holder = { accountId, role: 'holder' as const };
      const { conversation } = await lockConversation(em, accountId, holder, now);
      if (conversation.status === 'resolved') await this.move(em, conversation, 'reopen', holder, now);
      const message: NewMessage = {
        sender: 'holder',
        kind: 'text',
        text,
        channel: opts.channel,
        moderation: opts.moderation,
        fileId: opts.fileId,
      };
      return this.written(em, opts, await this.write(em, conversation, [message], now, opts));
    });
  }

  /** The conversation (made with its greeting on the first visit), its unread count and last page. */
  async conversation(principal: Principal, limit: number): Promise<ConversationView> {
    const conversation = await this.ensure(principal.accountId);
    const [unread, page, handover] = await Promise.all([
      this.unread(conversation),
      this.latest(conversation.id, limit),
      this.handoverHooks?.holderView(conversation),
    ]);
    return { conversation, unread, page, handover };
  }

  /**
   * Messages after a cursor, waiting up to `waitMs` for one when there is none yet; or the latest
   * page, or older ones. A wait ends when this instance writes to the conversation, when a
   * re-read of the database (every RECHECK_MS) finds a message another instance wrote, or when
   * the request's signal aborts (the server drains, the client goes away): then the answer is
   * empty. What is delivered counts as read.
   */
  async read(principal: Principal, q: ReadQuery): Promise<MessagePage> {
    const conversation = await this.ensure(principal.accountId);
    if (q.before !== undefined) return this.older(conversation.id, q.before, q.limit);
    if (q.after === undefined) return this.delivered(conversation, await this.latest(conversation.id, q.limit));
    if (q.after > conversation.lastSeq) throw validationFailed('after', '游标超出了对话的范围，请重新打开对话');
    const after = q.after;
    // Subscribed before the first read, so a message committed in between still wakes this poll.
    const ticket = this.waiter.subscribe(conversation.id);
    try {
      // Real time, not the injected clock: this is how long the request is held, not a date.
      const deadline = Date.now() + q.waitMs;
      for (;;) {
        const page = await this.newer(conversation.id, after, q.limit);
        if (page.messages.length > 0) return this.delivered(conversation, page);
        const left = deadline - Date.now();
        if (left <= 0 || q.signal.aborted) return page;
        if ((await ticket.wait(Math.min(left, RECHECK_MS), q.signal)) === 'aborted') return page;
      }
    } finally {
      ticket.close();
    }
  }

  /** Marks everything up to `seq` read (never backwards, never past the end). */
  async markRead(principal: Principal, seq: number): Promise<{ conversation: ChatConversation; unread: number }> {
    const conversation = await this.ensure(principal.accountId);
    await this.advanceRead(conversation, Math.min(seq, conversation.lastSeq));
    return { conversation, unread: await this.unread(conversation) };
  }

  /** Records whether an answer helped, once per message (409 the second time). */
  async feedback(principal: Principal, messageId: number, useful: boolean): Promise<ChatMessage> {
    return this.db.transaction(async (em) => {
      const message = await em
        .createQueryBuilder(ChatMessage, 'm')
        .innerJoin(ChatConversation, 'c', 'c.id = m.conversation_id')
        .where('m.id = :messageId AND c.account_id = :accountId', { messageId, accountId: principal.accountId })
        .getOne();
      if (!message) throw notFound('消息不存在');
      if (message.sender !== 'assistant') throw ChatErrors.feedbackNotAsked();
      const now = this.clock.now();
      const r = await em
        .createQueryBuilder()
        .update(ChatMessage)
        .set({ feedback: useful ? 'useful' : 'not_useful', feedbackAt: now })
        .where('id = :messageId AND feedback IS NULL', { messageId })
        .execute();
      if (r.affected !== 1) throw ChatErrors.feedbackGiven();
      return em.findOneByOrFail(ChatMessage, { id: messageId });
    });
  }

  /**
   * Copies a notice into its recipient's conversation (made if missing), inside the notice's own
   * transaction: it commits or rolls back with the notice. The unique outbox id keeps it to one
   * message whatever runs twice.
   */
  async recordNotice(em: EntityManager, notice: WrittenNotice): Promise<void> {
    const message: NewMessage = {
      sender: 'system',
      kind: 'notice',
      text: notice.body || notice.title,
      card: { title: notice.title, lines: [], button: { label: '查看详情', page: notice.page } },
      outboxId: notice.outboxId,
    };
    try {
      const { conversationId } = await appendToConversation(em, notice.recipient, SYSTEM, message, notice.at);
      this.waiter.wakeAfterCommit(em, conversationId);
    } catch (err) {
      // The outbox row was written just now, so no message shows its id yet: the unique key, not
      // a look first, keeps it to one. A failed INSERT undoes only itself on both databases, so
      // the notice's transaction goes on.
      if (isUniqueViolation(err) && /outbox/i.test(String((err as Error).message))) return;
      throw err;
    }
  }

  /** Long polls waiting on this instance now (for tests and the operator's figures). */
  get waitingPolls(): number {
    return this.waiter.waiting;
  }

  /**
   * A holder's conversations, counted, and when the last message in any of them was written (null
   * without one), for staff already allowed to read the holder's file. No message text.
   */
  async summaryOf(accountId: number): Promise<{ count: number; lastMessageAt: Date | null }> {
    const em = this.db.manager;
    const count = await em.count(ChatConversation, { where: { accountId } });
    const last = await em
      .createQueryBuilder(ChatMessage, 'm')
      .innerJoin(ChatConversation, 'c', 'c.id = m.conversation_id')
      .select(['m.id', 'm.createdAt'])
      .where('c.account_id = :accountId', { accountId })
      .orderBy('m.id', 'DESC')
      .limit(1)
      .getOne();
    return { count, lastMessageAt: last?.createdAt ?? null };
  }

  /** A conversation's history, oldest first. */
  async history(conversationId: number): Promise<ChatConversationEvent[]> {
    return this.db.manager.find(ChatConversationEvent, { where: { conversationId }, order: { id: 'ASC' } });
  }

  /** The content check of typed words: refused (400 MESSAGE_REFUSED, nothing written) or the verdict to store. */
  private async screenWords(accountId: number, words: string): Promise<Moderation> {
    if (!this.screen) return 'pass';
    const verdict = await this.screen.screen(accountId, words);
    if (verdict === 'refused') throw ChatErrors.messageRefused();
    return verdict;
  }

  /** Lets the caller record its part of a send in the same transaction. */
  private async written(em: EntityManager, opts: SendOptions, messages: ChatMessage[]): Promise<ChatMessage[]> {
    await opts.withinTransaction?.(em, messages);
    return messages;
  }

  private async understand(input: SendInput): Promise<{ words: string; typed: boolean; understanding: Understanding }> {
    const hints = { hasLocation: input.location !== undefined };
    if ('text' in input) {
      const words = cleanHolderText(input.text);
      return { words, typed: true, understanding: await this.knowledge.understand(words, hints) };
    }
    const action = findHolderAction(input.action);
    if (!action) throw ChatErrors.unknownAction();
    // The label is read too, for a knowledge-base entry to quote; the intent is the chip's own.
    const read = await this.knowledge.understand(action.label, hints);
    return {
      words: action.label,
      typed: false,
      understanding: { ...read, intent: action.intent, confidence: 1, legalService: action.legalService },
    };
  }

  /**
   * The assistant's reply in `bot`: the prepared answer, or the handover message when the holder
   * asked for a person or the assistant failed for the second time in a row.
   */
  private async decide(
    em: EntityManager,
    conversation: ChatConversation,
    prepared: PreparedAnswer,
    now: Date,
  ): Promise<ReplyDraft> {
    const { reply, handover } = prepared;
    const asked = reply.intent === 'ask_person';
    const streak = reply.intent === 'unknown' ? conversation.unknownStreak + 1 : 0;
    if (handover && (asked || streak >= UNKNOWNS_BEFORE_HANDOVER)) {
      const trigger: HandoverTrigger = prepared.escalate ? 'intent' : asked ? 'asked' : 'unknowns';
      const actor = trigger === 'asked' ? { accountId: conversation.accountId, role: 'holder' as const } : SYSTEM;
      const reason = {
        asked: '用户要求转人工',
        unknowns: '助手连续两次未能回答',
        intent: '涉及投诉或纠纷，需人工处理',
      }[trigger];
      await this.move(em, conversation, 'hand_over', actor, now, reason);
      this.setStreak(conversation, 0);
      return this.handoverHooks ? this.handoverHooks.handedOver(em, conversation, trigger, handover, now) : handover;
    }
    this.setStreak(conversation, streak);
    return reply;
  }

  /** The new streak is written with the messages (`write`), in the UPDATE that moves the conversation on. */
  private setStreak(conversation: ChatConversation, streak: number): void {
    conversation.unknownStreak = streak;
  }

  private async move(
    em: EntityManager,
    conversation: ChatConversation,
    action: ConversationAction,
    actor: { accountId: number | null; role: ConversationActor },
    now: Date,
    reason?: string,
  ): Promise<void> {
    const { to } = await transition(em, {
      entity: ChatConversation,
      id: conversation.id,
      table: CONVERSATION_TRANSITIONS,
      action,
      actor,
      at: now,
      reason,
      set: { updatedAt: now },
      history: { entity: ChatConversationEvent, subjectKey: 'conversationId' },
    });
    conversation.status = to;
  }

  /**
   * Appends the holder's messages (and the answer); what the holder sends, they have read up to.
   * The conversation's own changes (read cursor, the assistant's streak, the holder's presence)
   * go in the same UPDATE as the new last sequence number. Wakes polls after the commit.
   */
  private async write(
    em: EntityManager,
    conversation: ChatConversation,
    messages: NewMessage[],
    now: Date,
    opts: SendOptions,
  ): Promise<ChatMessage[]> {
    const written = await appendMessages(em, conversation, messages, now, {
      readSeq: conversation.lastSeq + messages.length,
      unknownStreak: conversation.unknownStreak,
      ...(opts.present ? { holderActiveAt: now } : {}),
    });
    this.waiter.wakeAfterCommit(em, conversation.id);
    return written;
  }

  /** The holder's conversation; the first visit makes it, with the greeting. */
  private async ensure(accountId: number): Promise<ChatConversation> {
    const found = await this.db.manager.findOneBy(ChatConversation, { accountId });
    if (found) return found;
    return this.db.transaction(async (em) => {
      const holder = { accountId, role: 'holder' as const };
      return (await lockConversation(em, accountId, holder, this.clock.now())).conversation;
    });
  }

  private async unread(conversation: ChatConversation): Promise<number> {
    return this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .innerJoin(ChatConversation, 'c', 'c.id = m.conversation_id')
      .where('m.conversation_id = :id AND m.seq > c.read_seq AND m.sender <> :holder', {
        id: conversation.id,
        holder: 'holder',
      })
      .getCount();
  }

  private async newer(conversationId: number, after: number, limit: number): Promise<MessagePage> {
    const rows = await this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .where('m.conversation_id = :conversationId AND m.seq > :after', { conversationId, after })
      .orderBy('m.seq', 'ASC')
      .limit(limit + 1)
      .getMany();
    return { messages: rows.slice(0, limit), more: rows.length > limit };
  }

  private async older(conversationId: number, before: number, limit: number): Promise<MessagePage> {
    const rows = await this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .where('m.conversation_id = :conversationId AND m.seq < :before', { conversationId, before })
      .orderBy('m.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    return { messages: rows.slice(0, limit).reverse(), more: rows.length > limit };
  }

  private latest(conversationId: number, limit: number): Promise<MessagePage> {
    return this.older(conversationId, Number.MAX_SAFE_INTEGER, limit);
  }

  private async delivered(conversation: ChatConversation, page: MessagePage): Promise<MessagePage> {
    const last = page.messages.at(-1);
    if (last) await this.advanceRead(conversation, last.seq);
    return page;
  }

  private async advanceRead(conversation: ChatConversation, seq: number): Promise<void> {
    if (seq <= conversation.readSeq) return;
    await this.db.statement((em) =>
      em
        .createQueryBuilder()
        .update(ChatConversation)
        .set({ readSeq: seq })
        .where('id = :id AND read_seq < :seq', { id: conversation.id, seq })
        .execute(),
    );
    conversation.readSeq = Math.max(conversation.readSeq, seq);
  }
}
