/**
 * The knowledge base's staff answers, taken from the generated declarations (one source: the
 * server's schemas through `npm run gen:api-types`). Types only.
 */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } }
  ? Json<R>
  : Op extends { responses: { 201: infer R } }
    ? Json<R>
    : never;

const BASE = '/api/v1/staff/knowledge';
type P = paths;

export type EntryPage = Ok<P[`${typeof BASE}/entries`]['get']>;
export type Entry = Ok<P[`${typeof BASE}/entries/{id}`]['get']>;
export type EntrySource = Entry['source'];
export type EntryStatus = Entry['status'];
export type HistoryRow = Ok<P[`${typeof BASE}/entries/{id}/history`]['get']>[number];
export type Synonym = Ok<P[`${typeof BASE}/synonyms`]['get']>['items'][number];
export type UnansweredPage = Ok<P[`${typeof BASE}/unanswered`]['get']>;
export type Unanswered = UnansweredPage['items'][number];
/** What the assistant would answer (the 试一试 panel). */
export type TryAnswer = Ok<P[`${typeof BASE}/try`]['post']>;
export type TryOutcome = TryAnswer['outcome'];
/** The assistant's weekly figures. */
export type WeeklyFigures = Ok<P[`${typeof BASE}/figures`]['get']>;
export type WeekRow = WeeklyFigures['items'][number];
