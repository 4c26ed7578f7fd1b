import { isoTime } from '../../../lib/time';
import { maskName, maskPhone } from '../../../lib/mask';
import { presentHistory } from '../../../lib/state-machine';
import type { ChatMessage } from '../chat-message.entity';
import type { BusinessHoursView } from './business-hours.service';
import type { CannedReply } from './canned-reply.entity';
import type { ChatInternalNote } from './chat-internal-note.entity';
import type { ConversationContext, InboxEntry, StaffLine } from './inbox.service';

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** A conversation in the inbox: who (masked), where, how long it has waited, who has it. */
export function presentEntry(e: InboxEntry) {
  const h = e.handover;
  const waitedUntil = e.conversation.status === 'waiting_staff' ? e.now : (h.claimedAt ?? h.resolvedAt ?? e.now);
  return {
    id: e.conversation.id,
    state: e.conversation.status,
    holder: {
      name: e.holder ? maskName(e.holder.name) : '未实名用户',
      category: e.holder?.category ?? null,
      verified: e.holder?.verified ?? false,
    },
    station: e.station ? { id: e.station.id, name: e.station.name } : null,
    trigger: h.trigger,
    handedOverAt: isoTime(h.handedOverAt),
    waitingSince: isoTime(h.waitingSince),
    waitingSeconds: seconds(h.waitingSince, waitedUntil),
    agent: e.agent,
    resolvedAt: h.resolvedAt ? isoTime(h.resolvedAt) : null,
    outcome: h.outcome,
    lastMessage: e.lastMessage
      ? { from: e.lastMessage.sender, text: e.lastMessage.text, at: isoTime(e.lastMessage.createdAt) }
      : null,
  };
}

export function presentMessageForStaff(m: ChatMessage) {
  return {
    id: m.id,
    internal: false,
    cursor: String(m.seq),
    from: m.sender,
    kind: m.kind,
    text: m.text,
    staffName: m.sender === 'staff' ? (m.authorName ?? '工作人员') : undefined,
    fileId: m.fileId ?? undefined,
    forReview: m.moderation === 'review',
    at: isoTime(m.createdAt),
  };
}

export function presentNote(n: ChatInternalNote) {
  return {
    id: n.id,
    internal: true,
    cursor: null,
    from: 'staff' as const,
    kind: 'text' as const,
    text: n.text,
    staffName: n.authorName,
    forReview: false,
    at: isoTime(n.createdAt),
  };
}

const presentLine = (l: StaffLine) => (l.kind === 'message' ? presentMessageForStaff(l.message) : presentNote(l.note));

export function presentContext(c: ConversationContext) {
  const who = c.entry.holder;
  return {
    conversation: presentEntry(c.entry),
    holder: {
      name: who ? maskName(who.name) : null,
      category: who?.category ?? null,
      verified: who?.verified ?? false,
      phone: who ? maskPhone(who.phoneLast4) : null,
    },
    application: c.application,
    appointments: c.appointments.map((a) => ({ ...a, startsAt: isoTime(a.startsAt) })),
    redemptions: c.redemptions.map((r) => ({ ...r, at: isoTime(r.at) })),
    complaints: c.complaints.map((x) => ({ ...x, at: isoTime(x.at) })),
    assistantIntent: c.assistantIntent,
    items: c.lines.map(presentLine),
    history: presentHistory(c.history),
  };
}

export const presentCannedReply = (r: CannedReply) => ({
  id: r.id,
  title: r.title,
  text: r.text,
  stationId: r.stationId,
  districtId: r.districtId,
  updatedAt: isoTime(r.updatedAt),
});

export const presentBusinessHours = (v: BusinessHoursView) => ({
  stationId: v.stationId,
  weekly: v.hours.weekly,
  holidays: v.hours.holidays,
  extraWorkdays: v.hours.extraWorkdays,
  openNow: v.openNow,
  nextOpening: v.nextOpening ? isoTime(v.nextOpening) : null,
});
