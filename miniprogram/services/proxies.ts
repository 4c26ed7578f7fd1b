import type { ApiBody, ApiItem, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** A link as one side reads it: the other side's name masked, the services, the status in words. */
export type ProxyLink = ApiResult<'/api/v1/proxies/mine'>['asHolder'][number];
export type MyLinks = ApiResult<'/api/v1/proxies/mine'>;
export type Invitation = ApiResult<'/api/v1/proxies/invitations', 'post', 201>;
export type Grant = ApiBody<'/api/v1/proxies/invitations', 'post'>;
export type Relation = Grant['relation'];
export type ProxyService = Grant['services'][number];
/** One request the family member made for the holder. */
export type ProxyActionItem = ApiItem<'/api/v1/proxies/{id}/actions'>;

/** How the family member is related, in the order offered. */
export const RELATIONS: Relation[] = ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属'];

/** The services a family member may be granted, and one line each on what it covers. */
export const SERVICES: Array<{ value: ProxyService; label: string; hint: string }> = [
  { value: 'card', label: '优待证', hint: '申领、补充材料、查看电子证、挂失' },
  { value: 'appeals', label: '诉求和代办', hint: '提交和查看诉求、代办事项' },
  { value: 'legal_aid', label: '法律咨询预约', hint: '预约、查看、取消法律咨询' },
];

export const invite = (grant: Grant) =>
  request<Invitation>('/api/v1/proxies/invitations', { method: 'POST', data: grant });
export const acceptCode = (code: string) =>
  request<ProxyLink>('/api/v1/proxies/accept', { method: 'POST', data: { code } });
export const myLinks = () => request<MyLinks>('/api/v1/proxies/mine');
export const revokeLink = (id: number) => request<ProxyLink>(`/api/v1/proxies/${id}/revoke`, { method: 'POST' });
export const linkActions = (id: number, limit = 5) =>
  request<ApiResult<'/api/v1/proxies/{id}/actions'>>(`/api/v1/proxies/${id}/actions?limit=${limit}`);
