import { maskIdNumber, maskPhone } from '../../lib/mask';
import type { Account } from '../auth/account.entity';
import type { Person } from './person.entity';

export const presentIdentity = (p: Person) => ({
  name: p.name,
  idNumberMasked: maskIdNumber(p.idNumberLast4),
  phoneMasked: maskPhone(p.phoneLast4),
  category: p.category,
  verified: p.verified,
});

export const presentMe = (m: { account: Account; roles: string[]; person: Person | null }) => ({
  id: m.account.id,
  displayName: m.account.displayName,
  roles: m.roles,
  identity: m.person ? presentIdentity(m.person) : null,
});
