/** The voucher desk's API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type StaffOrderPage = Ok<paths['/api/v1/staff/voucher-orders']['get']>;
export type StaffOrder = StaffOrderPage['items'][number];
export type OrderStatus = StaffOrder['status'];
export type RefundAnswer = Ok<paths['/api/v1/voucher-orders/{id}/refund']['post']>;
