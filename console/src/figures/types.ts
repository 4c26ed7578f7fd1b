/** The figures screen's API types, taken from the generated declarations (types only). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type CardStats = Ok<paths['/api/v1/staff/card-stats']['get']>;
export type CardSeries = Ok<paths['/api/v1/staff/card-stats/series']['get']>;
export type LegalFigures = Ok<paths['/api/v1/staff/legal-aid/figures']['get']>;
export type MerchantFigures = Ok<paths['/api/v1/staff/merchant-figures']['get']>;
export type ChatFigures = Ok<paths['/api/v1/staff/knowledge/figures']['get']>;
export type LegalSeries = Ok<paths['/api/v1/staff/legal-aid/figures/series']['get']>;
export type MerchantSeries = Ok<paths['/api/v1/staff/merchant-figures/series']['get']>;
