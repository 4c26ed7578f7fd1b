import type { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';

export interface AuditEntry {
  actorAccountId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  /** Particulars of the decision. Never plaintext personal data. */
  detail?: Record<string, unknown>;
  requestId?: string;
}

/** Records a staff action inside the transaction that performs it, so neither exists without the other. */
export async function recordAudit(em: EntityManager, entry: AuditEntry, now: Date): Promise<void> {
  await em.insert(AuditLog, {
    actorAccountId: entry.actorAccountId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    requestId: entry.requestId ?? null,
    createdAt: now,
  });
}
