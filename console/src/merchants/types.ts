/** The merchant desk's API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type MerchantPage = Ok<paths['/api/v1/staff/merchants']['get']>;
export type StaffMerchant = MerchantPage['items'][number];
export type MerchantStatus = StaffMerchant['status'];
export type CategoryList = Ok<paths['/api/v1/merchant-categories']['get']>;
export type ComplaintPage = Ok<paths['/api/v1/staff/complaints']['get']>;
export type StaffComplaint = ComplaintPage['items'][number];
export type ComplaintStatus = StaffComplaint['status'];
export type ComplaintCase = Ok<paths['/api/v1/staff/complaints/{id}']['get']>;
export type HistoryEntry = StaffMerchant['history'][number];
