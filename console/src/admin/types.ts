/** The admin screens' API types, taken from the generated declarations (types only). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } }
  ? Json<R>
  : Op extends { responses: { 201: infer R } }
    ? Json<R>
    : never;

export type AccountPage = Ok<paths['/api/v1/staff/accounts']['get']>;
export type AccountRow = AccountPage['items'][number];
export type AccountState = Ok<paths['/api/v1/staff/accounts/{id}/disable']['post']>;
export type AuditPage = Ok<paths['/api/v1/staff/audit-logs']['get']>;
export type AuditEntry = AuditPage['items'][number];
export type DistrictList = Ok<paths['/api/v1/staff/districts']['get']>;
export type District = DistrictList['items'][number];
export type StationList = Ok<paths['/api/v1/stations']['get']>;
export type Station = StationList['items'][number];
export type BusinessHours = Ok<paths['/api/v1/staff/stations/{id}/business-hours']['get']>;
