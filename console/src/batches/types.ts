/** The batch desk's API types, from the generated declarations (types only). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type BatchList = Ok<paths['/api/v1/staff/card-batches']['get']>;
export type BatchSummary = BatchList['items'][number];
export type BatchDetail = Ok<paths['/api/v1/staff/card-batches/{id}']['get']>;
export type BatchItem = BatchDetail['items'][number];
export type BankImport = Ok<paths['/api/v1/staff/card-batches/{id}/bank-numbers']['post']>;
export type PickupList = Ok<paths['/api/v1/staff/card-batches/{id}/pickup-list']['get']>;
export type CardFound = Ok<paths['/api/v1/staff/cards/find']['get']>['items'][number];
export type StaffCard = Ok<paths['/api/v1/staff/cards']['get']>['items'][number];
export type StationPickups = Ok<paths['/api/v1/staff/pickup-lists']['get']>;
