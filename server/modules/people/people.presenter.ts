import { maskIdNumber, maskPhone } from '../../lib/mask';
import { isoTime } from '../../lib/time';
import type { ConsentRecord } from './consent-record.entity';
import type { ConsentStatus } from './consent.service';
import type { MaskedIdentity, Me } from './people.service';

export const presentIdentity = ({ person: p, facts }: MaskedIdentity) => ({
  name: p.name,
  idNumberMasked: maskIdNumber(facts.idNumberLast4),
  phoneMasked: maskPhone(p.phoneLast4),
  category: p.category,
  verified: p.verified,
});

export const presentMe = (m: Me) => ({
  id: m.id,
  displayName: m.displayName,
  roles: m.roles,
  identity: m.identity ? presentIdentity(m.identity) : null,
});

export const presentConsent = (s: ConsentStatus) => ({
  currentVersion: s.currentVersion,
  agreedVersion: s.agreedVersion,
  agreedAt: s.agreedAt ? isoTime(s.agreedAt) : null,
  text: s.text,
});

export const presentConsentRecord = (r: ConsentRecord) => ({
  version: r.version,
  action: r.action,
  items: JSON.parse(r.items) as string[],
  at: isoTime(r.createdAt),
});
