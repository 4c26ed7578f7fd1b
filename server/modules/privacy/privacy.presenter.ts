import { isoTime } from '../../lib/time';
import type { MyData } from './privacy.service';

const iso = (d: Date) => isoTime(d);
const isoOrNull = (d: Date | null) => (d ? isoTime(d) : null);

/** Every instant as ISO 8601 in Asia/Shanghai; everything else as read. */
export function presentMyData(d: MyData) {
  return {
    account: { ...d.account, createdAt: iso(d.account.createdAt), lastLoginAt: isoOrNull(d.account.lastLoginAt) },
    identity: d.identity ? { ...d.identity, createdAt: iso(d.identity.createdAt) } : null,
    consents: d.consents.map((c) => ({ ...c, at: iso(c.at) })),
    applications: d.applications.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    identityChanges: d.identityChanges.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
    cards: d.cards.map((c) => ({ ...c, issuedAt: iso(c.issuedAt) })),
    appointments: d.appointments.map((a) => ({ ...a, startsAt: iso(a.startsAt) })),
    waitlist: d.waitlist.map((w) => ({ ...w, createdAt: iso(w.createdAt) })),
    redemptions: d.redemptions,
    complaints: d.complaints.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
    conversations: d.conversations,
    files: d.files.map((f) => ({ ...f, createdAt: iso(f.createdAt) })),
    notices: { ...d.notices, latest: d.notices.latest.map((n) => ({ ...n, createdAt: iso(n.createdAt) })) },
  };
}
