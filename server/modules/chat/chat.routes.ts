import { RateLimiter, type RateLimitCounters } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { ChatFiguresService } from './chat-figures.service';
import { presentConversation, presentMessage, presentPage, presentRead } from './chat.presenter';
import {
  conversationQuery,
  conversationView,
  feedbackBody,
  figuresQuery,
  figuresView,
  idParams,
  messagePageView,
  messagesQuery,
  messageView,
  readBody,
  readView,
  sendBody,
  sentView,
} from './chat.schemas';
import type { ChatService } from './chat.service';

/** Messages one holder may send per minute, on every instance together. */
export const CHAT_MESSAGES_PER_MINUTE = 20;

/**
 * The holder's conversation on the home page, and staff's figures on the assistant. The send limit
 * counts per account, so it is taken once the caller is known (route limits run before that).
 */
export const chatRoutes = (chat: ChatService, figures: ChatFiguresService, counters: RateLimitCounters) => {
  const sendLimit = new RateLimiter(counters, {
    name: 'chat-messages-account',
    max: CHAT_MESSAGES_PER_MINUTE,
    windowMs: 60_000,
  });
  return [
    route({
      method: 'post',
      path: '/api/v1/chat/messages',
      tag: 'chat',
      summary:
        'Send a message ({ text }) or tap a quick reply ({ action: id }); the assistant answers in the same call',
      access: ['holder'],
      body: sendBody,
      responses: {
        201: {
          description: 'The holder’s message, then the assistant’s answer (none while staff have the conversation)',
          schema: sentView,
        },
      },
      errors: [
        'VALIDATION_FAILED',
        'MESSAGE_EMPTY',
        'MESSAGE_TOO_LONG',
        'MESSAGE_INVALID_CHARACTERS',
        'UNKNOWN_ACTION',
        'MESSAGE_REFUSED',
        'RATE_LIMITED',
      ],
      handler: async ({ principal, body }) => {
        await sendLimit.take(String(principal.accountId));
        // The holder's presence goes in with the messages (`withPresence` leaves this route to it).
        const written = await chat.send(principal, body, { present: true });
        return { status: 201, body: { items: written.map(presentMessage) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/chat/messages',
      tag: 'chat',
      summary:
        'Messages after a cursor, waiting up to `wait` seconds (at most 25) for one; or the latest page, or those before a cursor. Read messages count as read.',
      access: ['holder'],
      query: messagesQuery,
      responses: {
        200: {
          description: 'Messages, oldest first (empty when the wait ran out or the server is stopping)',
          schema: messagePageView,
        },
      },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query, signal }) => {
        const page = await chat.read(principal, { ...query, waitMs: query.wait * 1000, signal });
        return { body: presentPage(page, query.after !== undefined ? 'newer' : 'older') };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/chat/conversation',
      tag: 'chat',
      summary:
        'The holder’s conversation: its state, unread count and last page (the first visit opens it with a greeting)',
      access: ['holder'],
      query: conversationQuery,
      responses: { 200: { description: 'The conversation', schema: conversationView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => ({
        body: presentConversation(await chat.conversation(principal, query.limit)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/chat/read',
      tag: 'chat',
      summary: 'Mark the conversation read up to a cursor',
      access: ['holder'],
      body: readBody,
      responses: { 200: { description: 'What is still unread', schema: readView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body }) => ({ body: presentRead(await chat.markRead(principal, body.cursor)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/chat/messages/:id/feedback',
      tag: 'chat',
      summary: 'Say whether an answer of the assistant helped (有用 / 没用), once per message',
      access: ['holder'],
      params: idParams,
      body: feedbackBody,
      responses: { 200: { description: 'The message with its feedback', schema: messageView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FEEDBACK_ALREADY_GIVEN', 'FEEDBACK_NOT_ASKED'],
      handler: async ({ principal, params, body }) => ({
        body: presentMessage(await chat.feedback(principal, params.id, body.useful)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/knowledge/figures',
      tag: 'chat',
      summary:
        'The assistant per week: holders’ messages, answered by the assistant, 有用 rate, handovers, top intents',
      access: ['district_staff', 'admin'],
      query: figuresQuery,
      responses: { 200: { description: 'One row per week, oldest first, this week last', schema: figuresView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => ({ body: { items: await figures.weekly(query.weeks) } }),
    }),
  ];
};
