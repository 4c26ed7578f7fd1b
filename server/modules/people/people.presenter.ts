import { maskIdNumber, maskPhone } from '../../lib/mask';
import type { Account } from '../auth/account.entity';
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
