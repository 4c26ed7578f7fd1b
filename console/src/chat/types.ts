/**
 * The staff inbox's answers, taken from the generated declarations (one source: the server's
 * schemas through `npm run gen:api-types`). Types only.
 */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } }
  ? Json<R>
  : Op extends { responses: { 201: infer R } }
    ? Json<R>
    : never;

type P = paths;

export type InboxList = Ok<P['/api/v1/staff/conversations']['get']>;
export type InboxItem = InboxList['items'][number];
export type ConversationState = InboxItem['state'];
export type ConversationContext = Ok<P['/api/v1/staff/conversations/{id}']['get']>;
export type StaffLine = ConversationContext['items'][number];
export type Sender = StaffLine['from'];
export type HistoryRow = ConversationContext['history'][number];
export type CannedReplyList = Ok<P['/api/v1/staff/canned-replies']['get']>;
export type CannedReply = CannedReplyList['items'][number];
/** Where the caller writes canned replies and edits business hours. */
export type CannedScope = Ok<P['/api/v1/staff/canned-replies/scope']['get']>;
export type BusinessHours = Ok<P['/api/v1/staff/stations/{id}/business-hours']['get']>;
export type InboxFigures = Ok<P['/api/v1/staff/conversations/figures']['get']>;
export type FiguresSummary = InboxFigures['overall'];
/** The inbox's long poll: a cursor to give back, and whether the inbox moved. */
export type InboxChanges = Ok<P['/api/v1/staff/conversations/changes']['get']>;
