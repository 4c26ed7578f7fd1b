import { isoTime } from '../../lib/time';
import type { AuditLog } from './audit-log.entity';

export const presentAuditEntry = (a: AuditLog) => ({
  id: a.id,
  actorAccountId: a.actorAccountId,
  action: a.action,
  targetType: a.targetType,
  targetId: a.targetId,
  detail: a.detail ? (JSON.parse(a.detail) as Record<string, unknown>) : null,
  requestId: a.requestId,
  at: isoTime(a.createdAt),
});
