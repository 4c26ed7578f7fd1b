/** The roster (建档立卡) and the one-person file (一人一档): the calls and their types. */
import type { paths } from '../../../miniprogram/types/api';
import { rosterImportForm, rosterQuery, type RosterFilter } from '../roster/roster';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Answer<Op, S extends number> = Op extends { responses: { [K in S]: infer R } } ? Json<R> : never;

export type RosterPage = Answer<paths['/api/v1/staff/roster']['get'], 200>;
export type RosterEntry = RosterPage['items'][number];
export type ImportReport = Answer<paths['/api/v1/staff/roster/imports']['post'], 200>;
export type PersonFile = Answer<paths['/api/v1/staff/people/{id}']['get'], 200>;
export type Visit = Answer<paths['/api/v1/staff/people/{id}/visits']['post'], 201>;
export type VisitInput = { visitedOn: string; kind: string; note: string };
export type Rates = Answer<paths['/api/v1/staff/roster/rates']['get'], 200>;

/** What the calls need of the API client. */
export interface RosterApi {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined | null>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  postForm<T>(path: string, form: FormData): Promise<T>;
}

export const listRoster = (api: RosterApi, filter: RosterFilter, cursor?: string) =>
  api.get<RosterPage>('/api/v1/staff/roster', rosterQuery(filter, cursor));

/** Sends the roster file: `dryRun` only checks it and writes nothing; the same file goes up both times. */
export const importRoster = (api: RosterApi, file: Blob, fileName: string, dryRun: boolean) =>
  api.postForm<ImportReport>('/api/v1/staff/roster/imports', rosterImportForm(file, fileName, dryRun));

export const rosterRates = (api: RosterApi) => api.get<Rates>('/api/v1/staff/roster/rates');

export const personFile = (api: RosterApi, id: number) => api.get<PersonFile>(`/api/v1/staff/people/${id}`);

/** Records a visit: only the visit's own fields go (the form's state stays behind). */
export const addVisit = (api: RosterApi, id: number, visit: VisitInput) =>
  api.post<Visit>(`/api/v1/staff/people/${id}/visits`, {
    visitedOn: visit.visitedOn,
    kind: visit.kind,
    note: visit.note.trim(),
  });
