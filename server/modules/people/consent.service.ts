import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Principal } from '../../lib/principal';
import { ConsentRecord } from './consent-record.entity';
import { CONSENT_ITEM_KEYS, CONSENT_TEXT, CONSENT_VERSION } from './consent.text';
import { PeopleErrors } from './people.errors';

export interface ConsentStatus {
  currentVersion: string;
  /** The version of the caller's standing agreement; null when none (never agreed, or withdrawn). */
  agreedVersion: string | null;
  agreedAt: Date | null;
  text: typeof CONSENT_TEXT;
}

/** The account's latest consent row (its standing), if any. */
export function latestConsent(em: EntityManager, accountId: number): Promise<ConsentRecord | null> {
  return em.findOne(ConsentRecord, { where: { accountId }, order: { id: 'DESC' } });
}

/** True when the account's standing is an agreement to the current text. */
export async function hasCurrentConsent(em: EntityManager, accountId: number): Promise<boolean> {
  const last = await latestConsent(em, accountId);
  return last?.action === 'agree' && last.version === CONSENT_VERSION;
}

/** Appends a withdrawal (account deletion ends the consent); the agreements before it stay. */
export async function recordConsentWithdrawal(em: EntityManager, accountId: number, now: Date): Promise<void> {
  const last = await latestConsent(em, accountId);
  if (last?.action !== 'agree') return;
  await em.insert(ConsentRecord, {
    accountId,
    version: last.version,
    action: 'withdraw',
    items: last.items,
    createdAt: now,
  });
}

/** Every consent row of an account, oldest first. */
export function consentHistory(em: EntityManager, accountId: number): Promise<ConsentRecord[]> {
  return em.find(ConsentRecord, { where: { accountId }, order: { id: 'ASC' } });
}

/** Separate consent to sensitive personal information, versioned, kept as a history of rows. */
export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async status(principal: Principal): Promise<ConsentStatus> {
    const last = await latestConsent(this.db.manager, principal.accountId);
    const agreed = last?.action === 'agree' ? last : null;
    return {
      currentVersion: CONSENT_VERSION,
      agreedVersion: agreed?.version ?? null,
      agreedAt: agreed?.createdAt ?? null,
      text: CONSENT_TEXT,
    };
  }

  /** Agrees to the text the caller read; a version other than the current one is 409 (re-read it). */
  async agree(principal: Principal, version: string): Promise<ConsentRecord> {
    if (version !== CONSENT_VERSION) throw PeopleErrors.consentVersionStale();
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const result = await em.insert(ConsentRecord, {
        accountId: principal.accountId,
        version,
        action: 'agree',
        items: JSON.stringify(CONSENT_ITEM_KEYS),
        createdAt: now,
      });
      return em.findOneByOrFail(ConsentRecord, { id: Number(result.identifiers[0].id) });
    });
  }
}
