/**
 * 家属代办 at the desk: staff link a family member to a holder after checking the relation on
 * paper, naming what the family member may do; either may be revoked here.
 */

export const PROXY_RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属'] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];

export const PROXY_SERVICES = ['card', 'appeals', 'legal_aid'] as const;
export type ProxyService = (typeof PROXY_SERVICES)[number];

export const PROXY_SERVICE_LABELS: Record<ProxyService, string> = {
  card: '优待证申领和电子证',
  appeals: '诉求和代办',
  legal_aid: '法律咨询预约',
};

export interface ProxyLinkForm {
  proxyIdNumber: string;
  relation: ProxyRelation | '';
  services: ProxyService[];
}

export const emptyProxyForm = (): ProxyLinkForm => ({ proxyIdNumber: '', relation: '', services: ['card', 'appeals'] });

/** An 18-character ID number as typed (spaces dropped, x upper-cased); the server checks its check digit. */
export const normalizeIdNumber = (raw: string): string => raw.replace(/\s/g, '').toUpperCase();

/** What keeps the form from being sent, in the order a clerk fixes it; null when it can go. */
export function proxyFormProblem(f: ProxyLinkForm): string | null {
  if (!/^\d{17}[\dX]$/.test(normalizeIdNumber(f.proxyIdNumber))) return '请填写家属的 18 位身份证号码';
  if (!f.relation) return '请选择家属与本人的关系';
  if (f.services.length === 0) return '请至少选择一项可以代办的业务';
  return null;
}

/** The body of `POST /api/v1/staff/proxies`, services in a fixed order. */
export function proxyLinkBody(holderPersonId: number, f: ProxyLinkForm) {
  return {
    holderPersonId,
    proxyIdNumber: normalizeIdNumber(f.proxyIdNumber),
    relation: f.relation as ProxyRelation,
    services: PROXY_SERVICES.filter((s) => f.services.includes(s)),
  };
}
