/** The appeals desk's API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type StaffAppealPage = Ok<paths['/api/v1/staff/appeals']['get']>;
export type StaffAppeal = StaffAppealPage['items'][number];
export type StaffAppealDetail = Ok<paths['/api/v1/staff/appeals/{id}']['get']>;
export type AppealStatus = StaffAppeal['status'];
export type AppealKind = StaffAppeal['kind'];
export type ContactTime = NonNullable<StaffAppeal['contactTime']>;
export type AppealHistoryEntry = StaffAppealDetail['history'][number];
export type AppealCategories = Ok<paths['/api/v1/appeals/categories']['get']>;
export type AppealFigures = Ok<paths['/api/v1/staff/appeals/figures']['get']>;
export type AppealHandlers = Ok<paths['/api/v1/staff/appeals/handlers']['get']>;
export type AppealHandler = AppealHandlers['items'][number];
export type AppealFiguresRow = AppealFigures['total'];
