import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import { accountWithRolesQuery } from '../auth/accounts.service';
import type { Role } from '../../lib/principal';
import { ageOn, factsOf, parseIdNumber, type HolderCategory, type IdNumberFacts } from '../../lib/id-number';
import { hasCurrentConsent } from './consent.service';
import { PeopleErrors } from './people.errors';
import { Person } from './person.entity';

export const ID_NUMBER_CONTEXT = 'person.id_number';
export const PHONE_CONTEXT = 'person.phone';
/** What an erased encrypted column holds once its account was deleted. */
export const ERASED = '';

export interface IdentityInput {
  name: string;
  idNumber: string;
  phone: string;
  category: HolderCategory;
}

/** What a masked display and the eligibility rules need, read from the decrypted ID number. */
export interface IdentityFacts {
  idNumberLast4: string;
  birthDate: string;
  gender: 'M' | 'F';
}

/** What the caller sees of themselves (GET /me). */
export interface Me {
  id: number;
  displayName: string;
  roles: Role[];
  identity: MaskedIdentity | null;
}

/** What a masked identity shows: no more of the person than that. */
export interface MaskedIdentity {
  person: Pick<Person, 'name' | 'phoneLast4' | 'category' | 'verified'>;
  facts: Pick<IdentityFacts, 'idNumberLast4'>;
}

interface MeRow {
  id: number | string;
  displayName: string;
  role: Role | null;
  personId: number | null;
  name: string | null;
  idNumberCipher: string | null;
  phoneLast4: string | null;
  category: HolderCategory | null;
  verified: number | string | boolean | null;
}

/** A person with the facts of their ID number. */
export interface PersonIdentity {
  person: Person;
  facts: IdentityFacts;
}

/** The facts of a valid ID number, or 400 ID_NUMBER_INVALID naming what is wrong with it. */
export function validIdNumber(raw: string, now: Date): IdNumberFacts {
  const parsed = parseIdNumber(raw, now);
  if (!parsed.ok) throw PeopleErrors.idNumberInvalid(parsed.problem);
  return parsed.facts;
}

/** A veteran's category needs an adult: checked against the birth date the ID number encodes. */
export function assertCategoryFits(category: HolderCategory, birthDate: string, now: Date): void {
  if (category === 'veteran' && ageOn(birthDate, now) < 18) {
    throw validationFailed('category', '按身份证上的出生日期，持证人不满 18 周岁，不能以退役军人身份申请');
  }
}

/** Holders and their identities. */
export class PeopleService {
  constructor(
    private readonly db: Database,
    private readonly fieldCrypto: FieldCrypto,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's account, roles and identity in one statement (a join giving one row per role): the
   * mini-program asks for it on every launch.
   */
  async getMe(principal: Principal): Promise<Me> {
    const rows: MeRow[] = await accountWithRolesQuery(this.db.manager, principal.accountId)
      .leftJoin(Person, 'p', 'p.account_id = a.id')
      .addSelect('p.id', 'personId')
      .addSelect('p.name', 'name')
      .addSelect('p.id_number_cipher', 'idNumberCipher')
      .addSelect('p.phone_last4', 'phoneLast4')
      .addSelect('p.category', 'category')
      .addSelect('p.verified', 'verified')
      .getRawMany();
    const first = rows[0];
    if (!first) throw notFound();
    const roles = rows.flatMap((r) => (r.role ? [r.role] : [])).sort();
    const identity =
      first.personId === null
        ? null
        : {
            person: {
              name: first.name!,
              phoneLast4: first.phoneLast4!,
              category: first.category!,
              verified: Boolean(Number(first.verified)),
            },
            facts: this.factsOfCipher(first.idNumberCipher!),
          };
    return { id: Number(first.id), displayName: first.displayName, roles, identity };
  }

  /**
   * Binds (or, until a station verifies it, corrects) the caller's identity.
   * 0. The caller has agreed to the current consent text (403 CONSENT_REQUIRED otherwise): the ID
   *    number is not even read before that.
   * 1. Check the ID number (GB 11643) and that the category fits the birth date.
   * 2. Encrypt ID number and phone; index them by keyed hash.
   * 3. A verified identity is locked: the same name, number and category with a new phone changes
   *    the phone (contact data, not part of what was reviewed); anything else is 409.
   * 4. Insert or update; the unique blind index settles races between two accounts, and the update
   *    only applies while the identity is still unverified (a station approving meanwhile wins).
   */
  async bindIdentity(principal: Principal, input: IdentityInput): Promise<PersonIdentity> {
    if (!(await hasCurrentConsent(this.db.manager, principal.accountId))) throw PeopleErrors.consentRequired();
    const now = this.clock.now();
    const { normalized, birthDate } = validIdNumber(input.idNumber, now);
    assertCategoryFits(input.category, birthDate, now);

    const idNumberHash = this.fieldCrypto.blindIndex(normalized, ID_NUMBER_CONTEXT);
    const phone = this.phoneValues(input.phone);
    const values = {
      name: input.name,
      idNumberCipher: this.fieldCrypto.encrypt(normalized, ID_NUMBER_CONTEXT),
      idNumberHash,
      ...phone,
      category: input.category,
      updatedAt: now,
    };

    const person = await this.db.transaction(async (em) => {
      const mine = await em.findOneBy(Person, { accountId: principal.accountId });
      if (mine?.verified) {
        const unchanged =
          mine.name === input.name && mine.idNumberHash === idNumberHash && mine.category === input.category;
        if (!unchanged) throw PeopleErrors.identityLocked();
        await em.update(Person, { id: mine.id }, { ...phone, updatedAt: now });
        return em.findOneByOrFail(Person, { id: mine.id });
      }

      const holder = await em.findOneBy(Person, { idNumberHash });
      if (holder && holder.accountId !== principal.accountId) throw PeopleErrors.idNumberTaken();
      if (mine) {
        const result = await onUniqueViolation(
          () => em.update(Person, { id: mine.id, verified: false }, values),
          PeopleErrors.idNumberTaken,
        );
        if (result.affected !== 1) throw PeopleErrors.identityLocked();
        return em.findOneByOrFail(Person, { id: mine.id });
      }
      const result = await onUniqueViolation(
        () => em.insert(Person, { ...values, accountId: principal.accountId, verified: false, createdAt: now }),
        PeopleErrors.idNumberTaken,
      );
      return em.findOneByOrFail(Person, { id: Number(result.identifiers[0].id) });
    });
    return this.withFacts(person);
  }

  /** The person with the facts of their ID number (decrypted here, never stored beside it). */
  withFacts(person: Person): PersonIdentity {
    return { person, facts: this.factsOfCipher(person.idNumberCipher) };
  }

  /** Last four, birth date and gender of an ID number encrypted under the person's context. */
  factsOfCipher(cipher: string): IdentityFacts {
    if (cipher === ERASED) return { idNumberLast4: '****', birthDate: '', gender: 'M' };
    const { normalized, birthDate, gender } = factsOf(this.decryptIdNumber(cipher));
    return { idNumberLast4: normalized.slice(-4), birthDate, gender };
  }

  /** Encrypted phone, its blind index and the last four shown masked. */
  phoneValues(phone: string): Pick<Person, 'phoneCipher' | 'phoneHash' | 'phoneLast4'> {
    return {
      phoneCipher: this.fieldCrypto.encrypt(phone, PHONE_CONTEXT),
      phoneHash: this.fieldCrypto.blindIndex(phone, PHONE_CONTEXT),
      phoneLast4: phone.slice(-4),
    };
  }

  /** The full ID number, for the few places that need it (card production export). */
  revealIdNumber(person: Person): string {
    return this.fieldCrypto.decrypt(person.idNumberCipher, ID_NUMBER_CONTEXT);
  }

  /** An ID number encrypted under the person's context elsewhere (an application's reviewed snapshot). */
  decryptIdNumber(cipher: string): string {
    return this.fieldCrypto.decrypt(cipher, ID_NUMBER_CONTEXT);
  }

  /** Encrypted under the person's column context, so the value can be copied between rows that hold it. */
  encryptIdNumber(normalized: string): string {
    return this.fieldCrypto.encrypt(normalized, ID_NUMBER_CONTEXT);
  }

  blindIndexIdNumber(normalized: string): string {
    return this.fieldCrypto.blindIndex(normalized, ID_NUMBER_CONTEXT);
  }

  decryptPhone(cipher: string): string {
    return this.fieldCrypto.decrypt(cipher, PHONE_CONTEXT);
  }

  /** The identity bound to an account, read inside the caller's transaction. */
  identityIn(em: EntityManager, accountId: number): Promise<Person | null> {
    return em.findOneBy(Person, { accountId });
  }

  /**
   * Erases a person whose account is deleted: name, encrypted ID number and phone and their blind
   * indexes (replaced by a marker unique to the row), detached from the account. The row stays:
   * issued cards and reviewed applications point to it.
   */
  async erase(em: EntityManager, personId: number, now: Date): Promise<void> {
    const tomb = `erased:${personId}`;
    await em.update(
      Person,
      { id: personId },
      {
        accountId: null,
        name: '已注销',
        idNumberCipher: ERASED,
        idNumberHash: tomb,
        phoneCipher: ERASED,
        phoneHash: tomb,
        phoneLast4: '',
        updatedAt: now,
      },
    );
  }

  /** A person by id (their login is `accountId`, null when detached or erased); null when unknown. */
  personById(personId: number): Promise<Person | null> {
    return this.db.manager.findOneBy(Person, { id: personId });
  }

  /** The identity bound to an account, or null when the holder has not bound one. */
  identityOf(accountId: number): Promise<Person | null> {
    return this.db.manager.findOneBy(Person, { accountId });
  }

  /**
   * Name and full phone number of the holders behind some accounts, for a provider who must reach
   * them (a phone consultation). The caller decides who may see them; accounts without an identity
   * are left out. Never log what this returns.
   */
  async contactsOf(accountIds: number[]): Promise<Map<number, { name: string; phone: string }>> {
    const ids = [...new Set(accountIds)];
    const people = ids.length ? await this.db.manager.findBy(Person, { accountId: In(ids) }) : [];
    return new Map(
      people.map((p) => [
        p.accountId!,
        { name: p.name, phone: this.fieldCrypto.decrypt(p.phoneCipher, PHONE_CONTEXT) },
      ]),
    );
  }

  /**
   * The people whose ID numbers have these blind indexes (`blindIndexIdNumber`), by index: their id
   * and login (null when detached). An erased person keeps no index, so never matches.
   */
  async findByIdNumberHashes(
    hashes: readonly string[],
  ): Promise<Map<string, { personId: number; accountId: number | null; verified: boolean }>> {
    const unique = [...new Set(hashes)];
    const out = new Map<string, { personId: number; accountId: number | null; verified: boolean }>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.manager.find(Person, {
        where: { idNumberHash: In(unique.slice(i, i + 500)) },
        select: { id: true, accountId: true, idNumberHash: true, verified: true },
      });
      for (const p of rows)
        out.set(p.idNumberHash, { personId: p.id, accountId: p.accountId, verified: Boolean(p.verified) });
    }
    return out;
  }

  /**
   * Who the holders behind some accounts are, without decrypting anything: name (the caller
   * masks it where it must), category and whether a station has verified the identity.
   */
  async identitiesOf(
    accountIds: readonly number[],
  ): Promise<Map<number, { name: string; category: HolderCategory; verified: boolean; phoneLast4: string }>> {
    const ids = [...new Set(accountIds)];
    const people = ids.length ? await this.db.manager.findBy(Person, { accountId: In(ids) }) : [];
    return new Map(
      people.map((p) => [
        p.accountId!,
        { name: p.name, category: p.category, verified: Boolean(p.verified), phoneLast4: p.phoneLast4 },
      ]),
    );
  }
}
