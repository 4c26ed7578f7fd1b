import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { AppError, conflict, notFound, validationFailed } from '../../http/errors';
import type { Principal } from '../../http/context';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import { Account } from '../auth/account.entity';
import { rolesOf } from '../auth/accounts';
import { ageOn, ID_NUMBER_MESSAGES, parseIdNumber, type HolderCategory } from './id-number';
import { Person } from './person.entity';

export const ID_NUMBER_CONTEXT = 'person.id_number';
export const PHONE_CONTEXT = 'person.phone';

export interface IdentityInput {
  name: string;
  idNumber: string;
  phone: string;
  category: HolderCategory;
}

const idNumberTaken = () => conflict('ID_NUMBER_TAKEN', '该身份证号码已绑定其他账号，如有疑问请联系服务站');

/** Holders and their identities. */
export class PeopleService {
  constructor(
    private readonly db: Database,
    private readonly fieldCrypto: FieldCrypto,
    private readonly clock: Clock,
  ) {}

  async getMe(principal: Principal): Promise<{ account: Account; roles: string[]; person: Person | null }> {
    const em = this.db.manager;
    const account = await em.findOneBy(Account, { id: principal.accountId });
    if (!account) throw notFound();
    const [roles, person] = await Promise.all([rolesOf(em, account.id), em.findOneBy(Person, { accountId: account.id })]);
    return { account, roles, person };
  }

  /**
   * Binds (or, until staff verify it, corrects) the caller's identity.
   * 1. Check the ID number (GB 11643) and that the category fits the birth date.
   * 2. Encrypt ID number and phone; index them by keyed hash.
   * 3. Insert or update; the unique blind index settles races between two accounts.
   */
  async bindIdentity(principal: Principal, input: IdentityInput): Promise<Person> {
    const now = this.clock.now();
    const parsed = parseIdNumber(input.idNumber, now);
    if (!parsed.ok) {
      throw new AppError(400, 'ID_NUMBER_INVALID', ID_NUMBER_MESSAGES[parsed.problem], [
        { field: 'idNumber', rule: parsed.problem, message: ID_NUMBER_MESSAGES[parsed.problem] },
      ]);
    }
    const { normalized, birthDate, gender } = parsed.facts;
    if (input.category === 'veteran' && ageOn(birthDate, now) < 18) {
      throw validationFailed('category', '按身份证上的出生日期，持证人不满 18 周岁，不能以退役军人身份申请');
    }

    const idNumberHash = this.fieldCrypto.blindIndex(normalized, ID_NUMBER_CONTEXT);
    const values = {
      name: input.name,
      idNumberCipher: this.fieldCrypto.encrypt(normalized, ID_NUMBER_CONTEXT),
      idNumberHash,
      idNumberLast4: normalized.slice(-4),
      phoneCipher: this.fieldCrypto.encrypt(input.phone, PHONE_CONTEXT),
      phoneHash: this.fieldCrypto.blindIndex(input.phone, PHONE_CONTEXT),
      phoneLast4: input.phone.slice(-4),
      birthDate,
      gender,
      category: input.category,
      updatedAt: now,
    };

    return this.db.transaction(async (em) => {
      const holder = await em.findOneBy(Person, { idNumberHash });
      if (holder && holder.accountId !== principal.accountId) throw idNumberTaken();

      const mine = await em.findOneBy(Person, { accountId: principal.accountId });
      if (mine?.verified) {
        throw conflict('IDENTITY_LOCKED', '身份信息已由工作人员核验，如需更改请到服务站办理');
      }
      if (mine) {
        await onUniqueViolation(() => em.update(Person, { id: mine.id }, values), idNumberTaken);
        return em.findOneByOrFail(Person, { id: mine.id });
      }
      const result = await onUniqueViolation(
        () => em.insert(Person, { ...values, accountId: principal.accountId, verified: false, createdAt: now }),
        idNumberTaken,
      );
      return em.findOneByOrFail(Person, { id: Number(result.identifiers[0].id) });
    });
  }

  /** The full ID number, for the few places that need it (card production export). */
  revealIdNumber(person: Person): string {
    return this.fieldCrypto.decrypt(person.idNumberCipher, ID_NUMBER_CONTEXT);
  }
}
