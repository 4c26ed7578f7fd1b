import { request } from './request';

// The chat routes are typed by hand here, matching the server's fixed shapes, until they are in the
// generated API types (types/api.d.ts).

/** Who wrote a message: the holder, the service assistant, a member of staff, or the system (notices). */
export type ChatSender = 'holder' | 'assistant' | 'staff' | 'system';
export type MessageKind = 'text' | 'card' | 'quick_replies' | 'notice';
/** bot → waiting_staff → with_staff → resolved; a resolved conversation reopens as bot on the next message. */
export type ConversationState = 'bot' | 'waiting_staff' | 'with_staff' | 'resolved';

/** A button that opens a page of the mini-program (`page` is its path, with or without the leading slash). */
export interface ChatButton {
  label: string;
  page: string;
}

/** A rich answer: a title, a few lines of live data, and a button to the page where it is handled. */
export interface ChatCard {
  title: string;
  lines: string[];
  button?: ChatButton | null;
}

/**
 * What tapping a quick reply does, when it opens no page: `send` posts `{ action: id }` as the
 * holder's message, `send_location` does the same with where the phone is, `feedback` rates the
 * message it belongs to (有用 / 没用), `rate` scores the staff's service (the page shows its own
 * rating card instead of these chips).
 */
export type QuickReplyAction = 'send' | 'send_location' | 'feedback' | 'rate';

/** A suggestion under a message: one with `page` opens that page, one with `action` does that. */
export interface QuickReply {
  id: string;
  label: string;
  page?: string | null;
  action?: QuickReplyAction | null;
}

/** Where a knowledge-base answer comes from: the document, its article, who issued it and when it took effect. */
export interface KnowledgeSource {
  entryId: number;
  document: string;
  article: string | null;
  issuer: string | null;
  effectiveDate: string | null;
}

export interface ChatMessage {
  id: number;
  /** Monotonic across the conversation: reading resumes after the last one seen. */
  cursor: string;
  from: ChatSender;
  kind: MessageKind;
  text: string;
  card?: ChatCard | null;
  quickReplies?: QuickReply[] | null;
  /** For an assistant message: the intent it answered. */
  intent?: string | null;
  /** For a knowledge-base answer: where the answer comes from. */
  source?: KnowledgeSource | null;
  /** The holder's 有用 / 没用 on an assistant's answer, once given. */
  feedback?: 'useful' | 'not_useful' | null;
  /** For a staff member's message: who wrote it. */
  staffName?: string | null;
  at: string;
}

/**
 * While waiting for staff: the place in the station's queue (1 = next), the expected wait when the
 * station has recent replies to go by, and, outside business hours, when staff are back (ISO time).
 */
export interface HandoverQueue {
  position: number;
  expectedWaitMinutes: number | null;
  staffBackAt: string | null;
}

/** The staff member who has the conversation. */
export interface HandoverAgent {
  displayName: string;
}

/** The rating of the last handover: whether the holder was asked, and the score once given. */
export interface HandoverRating {
  asked: boolean;
  score: number | null;
}

/**
 * The holder's conversation: its state, how many messages they have not seen, and the last page.
 * `queue`, `agent` and `rating` describe a handover to staff; they are optional here so that the
 * page works the same against a server that does not send them yet (then read as null).
 */
export interface Conversation {
  state: ConversationState;
  unread: number;
  items: ChatMessage[];
  queue?: HandoverQueue | null;
  agent?: HandoverAgent | null;
  rating?: HandoverRating | null;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** What the holder sends: words they typed, or a quick reply's action (with where they are, when it asks). */
export type ChatInput = { text: string } | { action: string; location?: LatLng };

/** How long the server may hold a read open when nothing is new (below WeChat's 60-second request limit). */
export const LONG_POLL_SECONDS = 25;

/** The conversation as it stands; a first visit gets the assistant's greeting with suggestions. */
export function conversation(): Promise<Conversation> {
  return request<Conversation>('/api/v1/chat/conversation');
}

/**
 * Sends a message; resolves with the holder's message and the assistant's reply as stored.
 * RATE_LIMITED (429) when the holder sends too fast.
 */
export async function sendMessage(input: ChatInput): Promise<ChatMessage[]> {
  const res = await request<{ items: ChatMessage[] }>('/api/v1/chat/messages', { method: 'POST', data: input });
  return res.items;
}

/**
 * Messages newer than `after` (the cursor of the last one shown; null when none is). The server
 * answers at once when there are some, otherwise holds the request up to `wait` seconds and
 * answers with an empty list.
 */
export async function messagesAfter(after: string | null, wait = LONG_POLL_SECONDS): Promise<ChatMessage[]> {
  const q = after === null ? `wait=${wait}` : `after=${encodeURIComponent(after)}&wait=${wait}`;
  const res = await request<{ items: ChatMessage[] }>(`/api/v1/chat/messages?${q}`);
  return res.items;
}

/** Says whether an answer helped (有用 / 没用); FEEDBACK_ALREADY_GIVEN (409) the second time. */
export async function giveFeedback(messageId: number, useful: boolean): Promise<void> {
  await request<unknown>(`/api/v1/chat/messages/${messageId}/feedback`, { method: 'POST', data: { useful } });
}

/**
 * Rates the service staff gave, once per resolved handover (1–5, a comment optional).
 * RATING_ALREADY_GIVEN or RATING_NOT_ASKED (409) when there is nothing left to rate.
 */
export async function rateService(score: number, comment?: string): Promise<void> {
  const data = comment ? { score, comment } : { score };
  await request<unknown>('/api/v1/chat/rating', { method: 'POST', data });
}

/** Marks the conversation read up to a message the holder has seen (messages read by polling already are). */
export async function markRead(cursor: string): Promise<void> {
  await request<unknown>('/api/v1/chat/read', { method: 'POST', data: { cursor } });
}
