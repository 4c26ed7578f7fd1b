import { presentHistory as presentStatusHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import { maskIdNumber, maskName, maskPhone } from '../../lib/mask';
import type { IdentityFacts } from '../people/people.service';
import type { Person } from '../people/person.entity';
import type { Station } from '../staff/station.entity';
import type { CardApplicationEvent } from './card-application-event.entity';
import type { CardApplication } from './card-application.entity';
import type { CardBatch } from './card-batch.entity';
import type { HolderCardView } from './card.service';
import type { Declarations } from './eligibility';
import type { StaffCardView } from './review.service';

const t = (d: Date | null) => (d ? isoTime(d) : null);
const DAY = 86_400_000;

export const presentHistory = (e: CardApplicationEvent) => ({
  action: e.action,
  from: e.fromStatus,
  to: e.toStatus,
  at: isoTime(e.createdAt),
  by: e.actorRole,
  reason: e.reason,
});

export function presentApplication(v: {
  application: CardApplication;
  station: Station | null;
  history: CardApplicationEvent[];
  allowedActions: string[];
}) {
  const a = v.application;
  const station = v.station;
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    category: a.category,
    station: station ? { id: station.id, name: station.name, address: station.address } : null,
    delivery: a.delivery,
    address: a.address,
    photoFileId: a.photoFileId,
    documentFileIds: JSON.parse(a.documentFileIds) as number[],
    reason: a.reason,
    needsInfoDeadline: t(a.needsInfoDeadline),
    submittedAt: t(a.submittedAt),
    createdAt: isoTime(a.createdAt),
    history: v.history.map(presentHistory),
    allowedActions: v.allowedActions,
  };
}

const waitingDays = (a: CardApplication, now: Date) =>
  a.submittedAt ? Math.floor((now.getTime() - a.submittedAt.getTime()) / DAY) : null;

export function presentStaffApplication(
  v: {
    application: CardApplication;
    person: Person;
    station: Station;
    history: CardApplicationEvent[];
    allowedActions: string[];
    card: StaffCardView | null;
    /** The applicant as reviewed, with the facts read from the decrypted ID number. */
    applicant: { name: string; facts: IdentityFacts };
  },
  now: Date,
) {
  const a = v.application;
  return {
    ...presentApplication(v),
    applicant: {
      name: v.applicant.name,
      gender: v.applicant.facts.gender,
      birthDate: v.applicant.facts.birthDate,
      idNumberMasked: maskIdNumber(v.applicant.facts.idNumberLast4),
      phoneMasked: maskPhone(v.person.phoneLast4),
      verified: v.person.verified,
    },
    caseByCase: a.caseByCase,
    declarations: JSON.parse(a.declarations) as Declarations,
    batchId: a.batchId,
    waitingDays: waitingDays(a, now),
    card: v.card ? presentStaffCard(v.card) : null,
  };
}

/** The card as staff see it: the whole number, for finding it and revoking it, with its history. */
export const presentStaffCard = ({ card: c, history, allowedActions }: StaffCardView) => ({
  id: c.id,
  cardNumber: c.cardNumber,
  status: c.status,
  category: c.category,
  issuedAt: isoTime(c.issuedAt),
  revokedReason: c.revokedReason,
  history: presentStatusHistory(history),
  allowedActions,
});

export const presentQueueItem = (now: Date) => (x: { application: CardApplication; person: Person }) => ({
  id: x.application.id,
  status: x.application.status,
  kind: x.application.kind,
  category: x.application.category,
  applicantName: x.application.snapshotName ?? x.person.name,
  stationId: x.application.stationId,
  caseByCase: x.application.caseByCase,
  submittedAt: t(x.application.submittedAt),
  waitingDays: waitingDays(x.application, now),
});

/**
 * The card number is masked to its last four characters even for its holder: the QR code proves the card.
 * The name is the one the card was issued to, not the person's name today. The history names staff
 * by role only.
 */
export const presentCard = ({ card: c, person: p, history, allowedActions, photoFileId }: HolderCardView) => ({
  cardNumber: `${'*'.repeat(Math.max(4, c.cardNumber.length - 4))}${c.cardNumber.slice(-4)}`,
  status: c.status,
  category: c.category,
  holderName: maskName(c.holderName ?? p.name),
  issuedAt: isoTime(c.issuedAt),
  history: presentStatusHistory(history),
  allowedActions,
  photoFileId,
});

export const presentBatch = (b: CardBatch) => ({
  id: b.id,
  size: b.size,
  createdAt: isoTime(b.createdAt),
  exportedAt: t(b.exportedAt),
  arrivedAt: t(b.arrivedAt),
  photosDownloadedAt: t(b.photosDownloadedAt),
});
