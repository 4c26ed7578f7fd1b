/** The merchant desk's own logic: words for the server's states, the queries, the reasons' rules. */
import type { ComplaintStatus, HistoryEntry, MerchantStatus } from './types';

export const MERCHANT_STATUS_LABELS: Record<MerchantStatus, string> = {
  pending: '待审核',
  active: '已加入',
  rejected: '未通过',
  suspended: '已暂停',
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: '待处理',
  upheld: '投诉成立',
  dismissed: '未予支持',
};

export const MERCHANT_ACTION_LABELS: Record<string, string> = {
  apply: '提交加盟申请',
  approve: '审核通过',
  reject: '审核不通过',
  suspend: '暂停',
  restore: '恢复',
  file: '提交投诉',
  uphold: '认定投诉成立',
  dismiss: '投诉未予支持',
};

export const ACTOR_WORDS: Record<string, string> = {
  holder: '持证人',
  applicant: '申请人',
  owner: '商户',
  staff: '区局',
  merchant: '商户',
  system: '系统',
};

/** The reasons the server takes: 2–255 characters after trimming (a resolution up to 500). */
export function reasonProblem(text: string, max = 255): string | null {
  const t = text.trim();
  if (t.length < 2) return '请填写原因（至少 2 个字）';
  if (t.length > max) return `原因不超过 ${max} 个字`;
  return null;
}

/**
 * A page query: the filters (status, merchant, category, a text the server searches in name,
 * licence number, address and phone) and the cursor; empty values left out.
 */
export function pageQuery(
  filters: { status?: string | null; merchantId?: number | null; categoryId?: number | null; q?: string | null },
  cursor: string | null,
  limit = 50,
): Record<string, string | number> {
  const q: Record<string, string | number> = { limit };
  if (filters.status) q.status = filters.status;
  if (filters.merchantId) q.merchantId = filters.merchantId;
  if (filters.categoryId) q.categoryId = filters.categoryId;
  const text = filters.q?.trim();
  if (text) q.q = text.slice(0, 64);
  if (cursor) q.cursor = cursor;
  return q;
}

/**
 * Calls `fn` once typing has paused for `ms` (a search box asks the server after the last key,
 * not after every one); `cancel` drops a call still waiting.
 */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}

/** `91310000MA1K4XXXX1` → `913100 00MA1K 4XXXX1`: the 18 characters in groups of six, for reading aloud. */
export const groupLicence = (no: string): string => no.replace(/(.{6})(?=.)/g, '$1 ');

/** What a merchant's row allows staff to do now. */
export function merchantActions(status: MerchantStatus): Array<'approve' | 'reject' | 'suspend' | 'restore'> {
  if (status === 'pending') return ['approve', 'reject'];
  if (status === 'active') return ['suspend'];
  if (status === 'suspended') return ['restore'];
  return [];
}

/** One line of a history: `审核不通过（区局）：执照照片不清晰`. */
export function historyLine(e: HistoryEntry): string {
  const what = MERCHANT_ACTION_LABELS[e.action] ?? e.action;
  const who = ACTOR_WORDS[e.by] ?? e.by;
  return `${what}（${who}）${e.reason ? '：' + e.reason : ''}`;
}

/** Presets for the reasons a clerk gives most. */
export const REJECT_PRESETS = [
  '营业执照照片不清晰，请重新上传',
  '营业执照信息与申请信息不一致',
  '经营范围不适合加入拥军优待联盟',
  '地址或联系电话无法核实',
];
export const SUSPEND_PRESETS = ['多次被投诉拒绝优待，经核实属实', '优待内容与公示不一致', '商户已停业或无法联系'];
export const RESOLUTION_PRESETS = {
  upheld: ['经核实投诉属实，已约谈商户并责令整改', '经核实属实，商户已向持证人补足优惠'],
  dismissed: ['经核实，商户已按公示内容提供优待', '投诉内容无法核实，未予支持'],
} as const;
