import { maskName } from '../../lib/mask';
import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { Appeal } from './appeal.entity';
import type { AppealDetail, StaffAppealDetail } from './appeals.service';
import { APPEAL_STATUS_WORDS } from './appeals.types';
import { isOverdue } from './appeals.service';

/** An appeal in a list: what it is about, where it stands, by when it is promised. */
export function presentAppeal(a: Appeal, stationName: string | null, today: string) {
  return {
    id: a.id,
    kind: a.kind,
    category: a.category,
    status: a.status,
    statusText: APPEAL_STATUS_WORDS[a.status],
    text: a.text,
    contactTime: a.contactTime,
    stationId: a.stationId,
    stationName,
    promisedDate: a.promisedDate,
    overdue: isOverdue(a, today),
    reopenedCount: a.reopenedCount,
    rating: a.rating,
    createdAt: isoTime(a.createdAt),
    updatedAt: isoTime(a.updatedAt),
  };
}

/** An appeal in the staff queue: the list view plus who handles it. */
export function presentStaffAppeal(a: Appeal, stationName: string | null, today: string, handlerName: string | null) {
  return { ...presentAppeal(a, stationName, today), handlerAccountId: a.handlerAccountId, handlerName };
}

/** An appeal's page for its holder: the outcome or reason, attachments, every step, their actions. */
export function presentAppealDetail(d: AppealDetail, today: string) {
  const a = d.appeal;
  return {
    ...presentAppeal(a, d.stationName, today),
    outcome: a.outcome,
    rejectReason: a.rejectReason,
    ratingComment: a.ratingComment,
    acceptedAt: a.acceptedAt ? isoTime(a.acceptedAt) : null,
    resolvedAt: a.resolvedAt ? isoTime(a.resolvedAt) : null,
    fileIds: d.fileIds,
    history: presentHistory(d.history),
    allowedActions: d.allowedActions,
  };
}

/** The same for staff: who handles it, and who filed it (masked name, category, phone's last four). */
export function presentStaffAppealDetail(d: StaffAppealDetail, today: string) {
  return {
    ...presentAppealDetail(d, today),
    handlerAccountId: d.appeal.handlerAccountId,
    handlerName: d.handlerName,
    holder: d.holder
      ? { nameMasked: maskName(d.holder.name), category: d.holder.category, phoneLast4: d.holder.phoneLast4 }
      : null,
  };
}
