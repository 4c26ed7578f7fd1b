import { forbidden } from '../../../lib/errors';
import type { Principal, Role } from '../../../lib/principal';

/** Who writes, publishes and archives entries and synonyms, and handles unanswered questions. */
export const KNOWLEDGE_MANAGERS: readonly Role[] = ['district_staff', 'admin'];
/** Who may read the knowledge base as staff (station staff answer holders at the desk with it). */
export const KNOWLEDGE_READERS: readonly Role[] = ['station_staff', ...KNOWLEDGE_MANAGERS];

export const canManageKnowledge = (p: Principal) => p.roles.some((r) => KNOWLEDGE_MANAGERS.includes(r));

export function assertCanRead(p: Principal): void {
  if (!p.roles.some((r) => KNOWLEDGE_READERS.includes(r))) throw forbidden();
}

export function assertCanManage(p: Principal): void {
  if (!canManageKnowledge(p)) throw forbidden('只有区退役军人事务局工作人员可以维护知识库');
}
