import { maskIdNumber, maskPhone } from '../../lib/mask';
import type { Account } from '../auth/account.entity';
import { isoTime } from '../../lib/time';
import type { ConsentRecord } from './consent-record.entity';
import type { ConsentStatus } from './consent.service';
import type { PersonIdentity } from './people.service';

export const presentIdentity = ({ person: p, facts }: PersonIdentity) => ({
  name: p.name,
  idNumberMasked: maskIdNumber(facts.idNumberLast4),
  phoneMasked: maskPhone(p.phoneLast4),
  category: p.category,
  verified: p.verified,
});

export const presentMe = (m: { account: Account; roles: string[]; identity: PersonIdentity | null }) => ({
  id: m.account.id,
  displayName: m.account.displayName,
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
