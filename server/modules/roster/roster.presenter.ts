import { maskIdNumber, maskPhone } from '../../lib/mask';
import { isoTime } from '../../lib/time';
import type { PersonVisit } from './person-visit.entity';
import type { EntryView, HolderSummary, PersonFile } from './roster.service';

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
  appeals: f.appeals.map(({ appeal: a, overdue }) => ({
    id: a.id,
    kind: a.kind,
    category: a.category,
    status: a.status,
    stationId: a.stationId,
    promisedDate: a.promisedDate,
    overdue,
    rating: a.rating,
    createdAt: isoTime(a.createdAt),
    resolvedAt: isoOrNull(a.resolvedAt),
  })),
  visits: f.visits.map(presentVisit),
});

/** Appeals still waiting on the station: not yet settled, confirmed or rejected. */
const APPEALS_UNDER_WAY: readonly string[] = ['submitted', 'accepted', 'in_progress'];

/** The holder's own file in brief: counts and the latest of each, the ID number masked. */
export const presentHolderSummary = (s: HolderSummary, now: Date) => {
  const upcoming = s.appointments
    .filter((a) => a.status === 'booked' && a.startsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const [application] = s.applications;
  const [card] = s.cards;
  const [appeal] = s.appeals;
  return {
    identity: s.identity && {
      name: s.identity.name,
      idNumberMasked: maskIdNumber(s.identity.idNumberLast4),
      category: s.identity.category,
      verified: s.identity.verified,
    },
    roster: s.roster,
    card: {
      applications: s.applications.length,
      latestApplication: application
        ? {
            id: application.id,
            kind: application.kind,
            status: application.status,
            createdAt: isoTime(application.createdAt),
          }
        : null,
      card: card ? { status: card.status, issuedAt: isoTime(card.issuedAt) } : null,
    },
    appointments: {
      total: s.appointments.length,
      upcoming: upcoming.length,
      next: upcoming[0]
        ? {
            id: upcoming[0].id,
            serviceType: upcoming[0].serviceType,
            mode: upcoming[0].mode,
            startsAt: isoTime(upcoming[0].startsAt),
          }
        : null,
    },
    appeals: {
      total: s.appeals.length,
      open: s.appeals.filter((a) => APPEALS_UNDER_WAY.includes(a.status)).length,
      latest: appeal
        ? {
            id: appeal.id,
            kind: appeal.kind,
            category: appeal.category,
            status: appeal.status,
            createdAt: isoTime(appeal.createdAt),
          }
        : null,
    },
  };
};
