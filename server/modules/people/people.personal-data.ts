import { IsNull, Not } from 'typeorm';
import { maskIdNumber, maskPhone } from '../../lib/mask';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { consentHistory, recordConsentWithdrawal } from './consent.service';
import { IdentityChangeRequest } from './identity-change-request.entity';
import { ERASED, type PeopleService } from './people.service';

/**
 * The identity (masked numbers only), the consent history and identity change requests. Deleting
 * erases the identity (the person row stays, detached: issued cards and reviewed applications point
 * to it), clears the values a change request carried, and records the consent as withdrawn.
 */
export const peoplePersonalData = (people: PeopleService) =>
  personalDataPart({
    async read(em, { accountId }) {
      const person = await people.identityIn(em, accountId);
      const facts = person ? people.withFacts(person).facts : null;
      const changes = await em.find(IdentityChangeRequest, {
        where: { accountId },
        select: { id: true, status: true, createdAt: true },
        order: { id: 'DESC' },
      });
      return {
        identity:
          person && facts
            ? {
                name: person.name,
                idNumberMasked: maskIdNumber(facts.idNumberLast4),
                phoneMasked: maskPhone(person.phoneLast4),
                category: person.category,
                verified: Boolean(person.verified),
                createdAt: isoTime(person.createdAt),
              }
            : null,
        consents: (await consentHistory(em, accountId)).map((c) => ({
          version: c.version,
          action: c.action,
          items: JSON.parse(c.items) as string[],
          at: isoTime(c.createdAt),
        })),
        identityChanges: changes.map((c) => ({ id: c.id, status: c.status, createdAt: isoTime(c.createdAt) })),
      };
    },
    async blockers(em, { accountId }) {
      const open = await em.count(IdentityChangeRequest, { where: { accountId, openPersonId: Not(IsNull()) } });
      return open > 0 ? [{ what: '您有一份身份信息变更申请正在审核', action: '请先撤回，或等审核结束' }] : [];
    },
    async erase(em, { accountId, personId, now }) {
      if (personId !== null) await people.erase(em, personId, now);
      await em.update(
        IdentityChangeRequest,
        { accountId },
        {
          newName: null,
          newIdNumberCipher: null,
          newIdNumberHash: null,
          newPhoneCipher: null,
          previousName: '已注销',
          previousIdNumberCipher: ERASED,
          reason: '',
          documentFileIds: '[]',
        },
      );
      await recordConsentWithdrawal(em, accountId, now);
      return undefined;
    },
  });
