import { decodeCursor, toPage } from '../../../http/pagination';
import { route, type RouteSpec } from '../../../http/route';
import type { Principal } from '../../../lib/principal';
import type { KnowledgeEntry } from './knowledge-entry.entity';
import { canManageKnowledge, KNOWLEDGE_MANAGERS, KNOWLEDGE_READERS } from './knowledge.policy';
import {
  presentEntry,
  presentEntryHistory,
  presentExplanation,
  presentSynonym,
  presentTry,
  presentUnanswered,
} from './knowledge.presenter';
import {
  convertBody,
  entriesQuery,
  entryBody,
  entryHistoryView,
  entryPageView,
  entryPatch,
  entryView,
  explanationView,
  idCursor,
  idParams,
  offsetCursor,
  reasonBody,
  synonymBody,
  synonymListView,
  synonymView,
  tryBody,
  tryView,
  unansweredPageView,
  unansweredQuery,
  unansweredView,
  understandBody,
} from './knowledge.schemas';
import type { KnowledgeService } from './knowledge.service';

const TAG = 'knowledge-staff';
const BASE = '/api/v1/staff/knowledge';

/** The entry as the caller sees it, with the actions open to them. */
const view = (principal: Principal) => (e: KnowledgeEntry) => presentEntry(e, canManageKnowledge(principal));

/** The entries: list, read, write, and move along draft → published → archived. */
function entryRoutes(knowledge: KnowledgeService): RouteSpec[] {
  const transitionRoute = (action: 'publish' | 'archive' | 'restore', summary: string, errors: string[]) =>
    route({
      method: 'post',
      path: `${BASE}/entries/:id/${action}`,
      tag: TAG,
      summary,
      access: KNOWLEDGE_MANAGERS,
      params: idParams,
      body: reasonBody,
      responses: { 200: { description: 'The entry', schema: entryView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION', ...errors],
      handler: async ({ principal, params, body }) => ({
        body: view(principal)(await knowledge[action](principal, params.id, body.reason)),
      }),
    });
  return [
    route({
      method: 'get',
      path: `${BASE}/entries`,
      tag: TAG,
      summary: 'Knowledge-base entries newest first, by status, tag or words of the question',
      access: KNOWLEDGE_READERS,
      query: entriesQuery,
      responses: { 200: { description: 'A page of entries', schema: entryPageView } },
      handler: async ({ principal, query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await knowledge.list(principal, { ...query, beforeId: cursor?.id, limit: query.limit + 1 });
        return { body: toPage(rows, query.limit, view(principal), (e) => ({ id: e.id })) };
      },
    }),
    route({
      method: 'post',
      path: `${BASE}/entries`,
      tag: TAG,
      summary: 'Write a new entry (a draft until published)',
      access: KNOWLEDGE_MANAGERS,
      body: entryBody,
      responses: { 201: { description: 'The draft', schema: entryView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body }) => ({
        status: 201,
        body: view(principal)(await knowledge.create(principal, body)),
      }),
    }),
    route({
      method: 'get',
      path: `${BASE}/entries/:id`,
      tag: TAG,
      summary: 'One entry',
      access: KNOWLEDGE_READERS,
      params: idParams,
      responses: { 200: { description: 'The entry', schema: entryView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => ({ body: view(principal)(await knowledge.get(principal, params.id)) }),
    }),
    route({
      method: 'patch',
      path: `${BASE}/entries/:id`,
      tag: TAG,
      summary: 'Edit an entry (recorded in its history); a published one answers with the edit at once',
      access: KNOWLEDGE_MANAGERS,
      params: idParams,
      body: entryPatch,
      responses: { 200: { description: 'The entry', schema: entryView } },
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'KNOWLEDGE_ARCHIVED', 'KNOWLEDGE_EDIT_CONFLICT'],
      handler: async ({ principal, params, body }) => ({
        body: view(principal)(await knowledge.edit(principal, params.id, body)),
      }),
    }),
    transitionRoute('publish', 'Publish a draft: it answers holders from now on', ['KNOWLEDGE_INCOMPLETE']),
    transitionRoute('archive', 'Archive an entry: it stops answering holders', []),
    transitionRoute('restore', 'Restore an archived entry as a draft', []),
    route({
      method: 'get',
      path: `${BASE}/entries/:id/history`,
      tag: TAG,
      summary: "An entry's history: creation, edits and status changes, oldest first",
      access: KNOWLEDGE_READERS,
      params: idParams,
      responses: { 200: { description: 'The history', schema: entryHistoryView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => ({
        body: presentEntryHistory(await knowledge.history(principal, params.id)),
      }),
    }),
  ];
}

/** Synonyms, the questions nobody answered, and trying a question out. */
function supportRoutes(knowledge: KnowledgeService): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: `${BASE}/synonyms`,
      tag: TAG,
      summary: 'Synonyms: the words people use and the words the entries use',
      access: KNOWLEDGE_READERS,
      responses: { 200: { description: 'Every synonym', schema: synonymListView } },
      handler: async ({ principal }) => ({
        body: { items: (await knowledge.synonyms(principal)).map(presentSynonym) },
      }),
    }),
    route({
      method: 'post',
      path: `${BASE}/synonyms`,
      tag: TAG,
      summary: 'Add a synonym (used by the assistant at once)',
      access: KNOWLEDGE_MANAGERS,
      body: synonymBody,
      responses: { 201: { description: 'The synonym', schema: synonymView } },
      errors: ['VALIDATION_FAILED', 'SYNONYM_EXISTS'],
      handler: async ({ principal, body }) => ({
        status: 201,
        body: presentSynonym(await knowledge.addSynonym(principal, body.term, body.canonical)),
      }),
    }),
    route({
      method: 'delete',
      path: `${BASE}/synonyms/:id`,
      tag: TAG,
      summary: 'Remove a synonym',
      access: KNOWLEDGE_MANAGERS,
      params: idParams,
      responses: { 204: { description: 'Removed' } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => {
        await knowledge.removeSynonym(principal, params.id);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: `${BASE}/unanswered`,
      tag: TAG,
      summary: 'Questions the assistant could not answer, most askers first',
      access: KNOWLEDGE_READERS,
      query: unansweredQuery,
      responses: { 200: { description: 'A page of questions', schema: unansweredPageView } },
      handler: async ({ principal, query }) => {
        const offset = decodeCursor(query.cursor, offsetCursor)?.offset ?? 0;
        const rows = await knowledge.unanswered(principal, { status: query.status, offset, limit: query.limit + 1 });
        return { body: toPage(rows, query.limit, presentUnanswered, () => ({ offset: offset + query.limit })) };
      },
    }),
    route({
      method: 'post',
      path: `${BASE}/unanswered/:id/convert`,
      tag: TAG,
      summary: 'Make a draft entry of an unanswered question',
      access: KNOWLEDGE_MANAGERS,
      params: idParams,
      body: convertBody,
      responses: { 201: { description: 'The draft entry', schema: entryView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body }) => ({
        status: 201,
        body: view(principal)(await knowledge.convertUnanswered(principal, params.id, body.question)),
      }),
    }),
    route({
      method: 'post',
      path: `${BASE}/unanswered/:id/dismiss`,
      tag: TAG,
      summary: 'Set an unanswered question aside: not one for the knowledge base',
      access: KNOWLEDGE_MANAGERS,
      params: idParams,
      responses: { 200: { description: 'The question', schema: unansweredView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => ({
        body: presentUnanswered(await knowledge.dismissUnanswered(principal, params.id)),
      }),
    }),
    route({
      method: 'post',
      path: `${BASE}/understand`,
      tag: TAG,
      summary: 'How the assistant reads a question, with the rules and entries behind it',
      access: KNOWLEDGE_READERS,
      body: understandBody,
      responses: { 200: { description: 'The understanding and its evidence', schema: explanationView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body }) => ({
        body: presentExplanation(await knowledge.tryQuestion(principal, body.text, { hasLocation: body.hasLocation })),
      }),
    }),
    route({
      method: 'post',
      path: `${BASE}/try`,
      tag: TAG,
      summary:
        'What the assistant would answer a holder asking this (the entry, its relevance, the answer as shown); writes nothing',
      access: KNOWLEDGE_READERS,
      body: tryBody,
      responses: { 200: { description: 'The answer the holder would get', schema: tryView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body }) => ({
        body: presentTry(await knowledge.tryAnswer(principal, body.text, { hasLocation: body.hasLocation })),
      }),
    }),
  ];
}

/** The staff endpoints of the knowledge base. */
export function knowledgeStaffRoutes(knowledge: KnowledgeService): RouteSpec[] {
  return [...entryRoutes(knowledge), ...supportRoutes(knowledge)];
}
