import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { DeletionBlocker, PersonalDataPart, PersonalDataScope } from '../../lib/personal-data';
import type { Principal } from '../../lib/principal';
import type { SessionGuard } from '../auth/session-guard.service';
import type { FileStorage } from '../files/storage.port';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import { DELETION_KEEPS, DELETION_REMOVES, type KeptRecord } from './deletion.text';
import { PrivacyErrors } from './privacy.errors';
import type { myDataView } from './privacy.schemas';

/** What the system holds about one account: every module's sections together. */
export type MyData = z.infer<typeof myDataView>;

export interface DeletionPlan {
  removes: readonly string[];
  keeps: readonly KeptRecord[];
  /** What must be finished first; empty when the account can be deleted now. */
  blockers: DeletionBlocker[];
}

/**
 * The holder's privacy requests: a plain account of what is stored about them, and deleting the
 * account. Each module says what it keeps about a holder and how to erase it (its `personalData`
 * declaration); this service asks all of them, in the module list's order, and owns the
 * transaction, the refusal while something is open, the audit entry and removing the files' bytes.
 */
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly parts: readonly PersonalDataPart[],
    private readonly sessions: SessionGuard,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async myData(principal: Principal): Promise<MyData> {
    const em = this.db.manager;
    const scope = await this.scopeOf(em, principal.accountId);
    const sections: Record<string, unknown> = {};
    for (const part of this.parts) if (part.read) Object.assign(sections, await part.read(em, scope));
    return sections as MyData;
  }

  /** What deletion would remove and keep, and what the holder must finish first. */
  async deletionPlan(principal: Principal): Promise<DeletionPlan> {
    const em = this.db.manager;
    return {
      removes: DELETION_REMOVES,
      keeps: DELETION_KEEPS,
      blockers: await this.blockers(em, await this.scopeOf(em, principal.accountId)),
    };
  }

  /**
   * Deletes the caller's account, in one transaction: refused (409 DELETION_BLOCKED, naming each)
   * while any module reports open business (an application under review, an upcoming appointment,
   * a work role…), which the holder finishes or cancels with its own rules and notices; otherwise
   * every module erases what it keeps, an audit entry is written, and after the commit the
   * sessions end and the files' bytes are removed from storage.
   */
  async deleteAccount(principal: Principal, requestId: string): Promise<{ deletedAt: Date }> {
    const id = principal.accountId;
    const now = this.clock.now();
    const keys = await this.db.transaction(async (em) => {
      const scope = await this.scopeOf(em, id, now);
      const blockers = await this.blockers(em, scope);
      if (blockers.length) throw PrivacyErrors.deletionBlocked(blockers);
      const storageKeys: string[] = [];
      for (const part of this.parts) if (part.erase) storageKeys.push(...((await part.erase(em, scope)) ?? []));
      await recordAudit(
        em,
        { actorAccountId: id, action: 'account.delete', targetType: 'account', targetId: id, requestId },
        now,
      );
      return storageKeys;
    });
    this.sessions.invalidate(id);
    for (const key of keys)
      await this.storage
        .remove(key)
        .catch((e) => this.logger.warn('erased file not removed', { storageKey: key, err: e }));
    return { deletedAt: now };
  }

  private async scopeOf(em: EntityManager, accountId: number, now = this.clock.now()): Promise<PersonalDataScope> {
    const person = await this.people.identityIn(em, accountId);
    return { accountId, personId: person?.id ?? null, now };
  }

  private async blockers(em: EntityManager, scope: PersonalDataScope): Promise<DeletionBlocker[]> {
    const out: DeletionBlocker[] = [];
    for (const part of this.parts) if (part.blockers) out.push(...(await part.blockers(em, scope)));
    return out;
  }
}
