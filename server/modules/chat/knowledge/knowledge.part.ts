import type { MigrationInterface } from 'typeorm';
import { Knowledge1765300000000 } from '../../../../migrations/1765300000000-knowledge';
import type { Core } from '../../../module';
import { KnowledgeEntryEvent } from './knowledge-entry-event.entity';
import { KnowledgeEntry } from './knowledge-entry.entity';
import { KnowledgeMeta } from './knowledge-meta.entity';
import { KnowledgeSynonym } from './knowledge-synonym.entity';
import { KnowledgeUnansweredAsker } from './knowledge-unanswered-asker.entity';
import { KnowledgeUnanswered } from './knowledge-unanswered.entity';
import { knowledgeStaffRoutes } from './knowledge.routes';
import { KnowledgeService } from './knowledge.service';

/**
 * The knowledge base as a part of the chat module: its tables, its migration, its service and
 * its staff endpoints. The chat module lists these in its definition.
 */

export const knowledgeEntities: Function[] = [
  KnowledgeEntry,
  KnowledgeEntryEvent,
  KnowledgeSynonym,
  KnowledgeUnanswered,
  KnowledgeUnansweredAsker,
  KnowledgeMeta,
];

export const knowledgeMigrations: (new () => MigrationInterface)[] = [Knowledge1765300000000];

/** Builds the knowledge service (its index is built on the first message, not here). */
export function buildKnowledge(core: Core): { knowledge: KnowledgeService } {
  return { knowledge: new KnowledgeService(core.db, core.clock, core.logger) };
}

/**
 * The staff endpoints under /api/v1/staff/knowledge (not the figures: the conversation owns those),
 * as `RouteSpec[]` (named through the routes file: this file stays below the HTTP layer).
 */
export function knowledgeRoutes(s: { knowledge: KnowledgeService }): ReturnType<typeof knowledgeStaffRoutes> {
  return knowledgeStaffRoutes(s.knowledge);
}
