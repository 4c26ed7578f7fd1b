import { maskIdNumber, maskPhone } from '../../lib/mask';
import { isoTime } from '../../lib/time';
import type { PersonVisit } from './person-visit.entity';
import type { EntryView, PersonFile } from './roster.service';

const isoOrNull = (d: Date | null) => (d ? isoTime(d) : null);

/** An entry as staff see it: the ID number and phone masked. */
export const presentEntry = ({ entry, station, idNumberLast4 }: EntryView) => ({
  id: entry.id,
  name: entry.name,
  idNumberMasked: maskIdNumber(idNumberLast4),
  category: entry.category,
  station,
  stage: entry.stage,
  phoneMasked: entry.phoneLast4 ? maskPhone(entry.phoneLast4) : null,
  importId: entry.importId,
  createdAt: isoTime(entry.createdAt),
  updatedAt: isoTime(entry.updatedAt),
});

export const presentVisit = ({ visit, staffName }: { visit: PersonVisit; staffName: string }) => ({
  id: visit.id,
  visitedOn: visit.visitedOn,
  kind: visit.kind,
  note: visit.note,
  staff: { id: visit.staffAccountId, displayName: staffName },
  createdAt: isoTime(visit.createdAt),
});

export const presentFile = (f: PersonFile) => ({
  ...presentEntry(f),
  person: f.person,
  account: f.account,
  applications: f.cards.applications.map((a) => ({
    id: a.id,
    kind: a.kind,
    status: a.status,
    stationId: a.stationId,
    createdAt: isoTime(a.createdAt),
    submittedAt: isoOrNull(a.submittedAt),
    approvedAt: isoOrNull(a.approvedAt),
    issuedAt: isoOrNull(a.issuedAt),
  })),
  cards: f.cards.cards.map((c) => ({
    id: c.id,
    cardNumber: c.cardNumber,
    status: c.status,
    issuedAt: isoTime(c.issuedAt),
  })),
  appointments: f.appointments.map((a) => ({
    id: a.id,
    serviceType: a.serviceType,
    mode: a.mode,
    status: a.status,
    startsAt: isoTime(a.startsAt),
  })),
  redemptions: { total: f.redemptions.total, recent: f.redemptions.items },
  voucherOrders: f.voucherOrders.map((o) => ({
    id: o.id,
    title: o.title,
    quantity: o.quantity,
    amountFen: o.amountFen,
    status: o.status,
    createdAt: isoTime(o.createdAt),
  })),
  conversations: { count: f.conversations.count, lastMessageAt: isoOrNull(f.conversations.lastMessageAt) },
  visits: f.visits.map(presentVisit),
});
