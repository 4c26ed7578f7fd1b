import { ACTION_LABELS } from '../labels';

/** The actions the audit trail records, in Chinese (a family ends with a dot). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.': '登录（全部）',
  'auth.password_ok': '密码登录成功',
  'auth.password_failed': '密码登录失败',
  'auth.mfa_ok': '二次验证成功',
  'auth.mfa_failed': '二次验证失败',
  'auth.mfa_enrolment_started': '开始绑定验证器',
  'auth.login_locked': '登录被锁定',
  'account.': '账号（全部）',
  'account.create': '创建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.roles': '修改角色',
  'account.placement': '修改所属单位',
  'account.password_reset': '重置密码',
  'account.mfa_reset': '重置第二验证因素',
  'account.delete': '注销账号',
  'district.create': '新增区',
  'district.update': '修改区',
  'station.create': '新增服务站',
  'station.update': '修改服务站',
  'station.business_hours': '修改服务站办公时间',
  'card_application.': '优待证申请（全部）',
  'card_batch.': '制卡批次（全部）',
  'card.revoke': '注销优待证',
  'legal_appointment.': '法律援助预约（全部）',
  'legal_provider.': '法律服务人员（全部）',
  'legal_provider.create': '新增法律服务人员',
  'legal_provider.schedule': '修改法律服务排班',
  'legal_provider.day_off': '法律服务人员请假',
  'legal_provider.day_off_cancel': '取消法律服务人员请假',
  'merchant.': '商户（全部）',
  'outbox.retry': '重发通知',
};

/** The target types, in Chinese. */
export const AUDIT_TARGETS: Record<string, string> = {
  account: '账号',
  sign_in: '登录',
  district: '区',
  station: '服务站',
  card_application: '优待证申请',
  card_batch: '制卡批次',
  card: '优待证',
  merchant: '商户',
  legal_appointment: '法律援助预约',
  legal_provider: '法律服务人员',
  legal_slot: '法律服务时段',
  merchant_complaint: '商户投诉',
  merchant_category: '商户类别',
  identity_change_request: '身份信息变更',
  chat_conversation: '咨询会话',
  outbox_message: '通知',
};

/** Plain verbs some modules record, whatever the target. */
const VERBS: Record<string, string> = {
  create: '新增',
  edit: '修改',
  update: '修改',
  cancel: '取消',
  publish: '发布',
  revoke: '注销',
  resolve: '处理',
  review: '审核',
};

/**
 * An action in Chinese: the trail's own names; a card application's steps by their workflow names;
 * a plain verb; else as recorded.
 */
export const actionLabel = (action: string, targetType?: string): string =>
  AUDIT_ACTIONS[action] ??
  (targetType === 'card_application' ? ACTION_LABELS[action] : undefined) ??
  VERBS[action] ??
  action;

export interface AuditFilters {
  actorAccountId: number | null;
  action: string;
  targetType: string;
  targetId: string;
  /** Beijing days, YYYY-MM-DD, both included; null for open-ended. */
  range: [string, string] | null;
}

export const emptyAuditFilters = (): AuditFilters => ({
  actorAccountId: null,
  action: '',
  targetType: '',
  targetId: '',
  range: null,
});

export function toAuditQuery(f: AuditFilters, cursor: string | null, limit = 50) {
  return {
    actorAccountId: f.actorAccountId ?? undefined,
    action: f.action.trim() || undefined,
    targetType: f.targetType.trim() || undefined,
    targetId: f.targetId.trim() || undefined,
    from: f.range?.[0],
    to: f.range?.[1],
    cursor: cursor ?? undefined,
    limit,
  };
}

/** The filters as the address bar keeps them, so a search can be shared and survives a reload. */
export function auditFiltersToRoute(f: AuditFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.actorAccountId !== null) q.actor = String(f.actorAccountId);
  if (f.action) q.action = f.action;
  if (f.targetType) q.targetType = f.targetType;
  if (f.targetId) q.targetId = f.targetId;
  if (f.range) {
    q.from = f.range[0];
    q.to = f.range[1];
  }
  return q;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersFromRoute(q: Record<string, unknown>): AuditFilters {
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
  const actor = Number(s('actor'));
  const from = s('from');
  const to = s('to');
  return {
    actorAccountId: Number.isInteger(actor) && actor > 0 ? actor : null,
    action: s('action').slice(0, 64),
    targetType: s('targetType').slice(0, 32),
    targetId: s('targetId').slice(0, 64),
    range: DAY.test(from) && DAY.test(to) && from <= to ? [from, to] : null,
  };
}

/** The particulars of an entry on one line: `key: value`, nested values as JSON. */
export function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('；');
}
