import { maskIdNumber, maskPhone } from '../../lib/mask';
import { isoTime } from '../../lib/time';
import type { IdentityChangeEvent } from './identity-change-event.entity';
import type { ChangeView, StaffChangeView } from './identity-change.service';

const presentChangeHistory = (e: IdentityChangeEvent) => ({
  action: e.action,
  from: e.fromStatus,
  to: e.toStatus,
  at: isoTime(e.createdAt),
  by: e.actorRole,
  reason: e.reason,
});

/** A change request as its holder sees it: new values (numbers masked), the identity before, every step. */
export function presentChangeRequest(v: ChangeView) {
  const r = v.request;
  return {
    id: r.id,
    status: r.status,
    changes: {
      name: r.newName,
      category: r.newCategory,
      idNumberMasked: v.newIdNumberLast4 ? maskIdNumber(v.newIdNumberLast4) : null,
      phoneMasked: v.newPhoneLast4 ? maskPhone(v.newPhoneLast4) : null,
    },
    previous: {
      name: r.previousName,
      category: r.previousCategory,
      idNumberMasked: maskIdNumber(v.previousIdNumberLast4),
    },
    reason: r.reason,
    documentFileIds: JSON.parse(r.documentFileIds) as number[],
    decisionReason: r.decisionReason,
    createdAt: isoTime(r.createdAt),
    decidedAt: r.decidedAt ? isoTime(r.decidedAt) : null,
    history: v.history.map(presentChangeHistory),
    allowedActions: v.allowedActions,
  };
}

/** Staff also see the person as they stand now. */
export function presentStaffChangeRequest(v: StaffChangeView) {
  const p = v.person.person;
  return {
    ...presentChangeRequest(v),
    stationId: v.request.stationId,
    person: {
      id: p.id,
      name: p.name,
      category: p.category,
      idNumberMasked: maskIdNumber(v.person.facts.idNumberLast4),
      phoneMasked: maskPhone(p.phoneLast4),
    },
  };
}
