import { Brackets, In, IsNull, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { allowedActions, transition as transitionTo } from '../../lib/state-machine';
import { CardApplication } from '../cards/card-application.entity';
import { attachFiles } from '../files/file-use.service';
import { StoredFile } from '../files/stored-file.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { PEOPLE_PAGES } from './people.pages';
import { wechatTime } from '../../lib/notice-template';
import { recordAudit } from '../staff/audit.service';
import type { HolderCategory } from '../../lib/id-number';
import { IdentityChangeEvent } from './identity-change-event.entity';
import { IdentityChangeRequest } from './identity-change-request.entity';
import { assertChangeVisible, canSeeChange, loadChangeReviewer, type ChangeReviewer } from './identity-change.policy';
import {
  CHANGE_STATUS_WORDS,
  IDENTITY_CHANGE_TRANSITIONS,
  type IdentityChangeAction,
  type IdentityChangeActor,
  type IdentityChangeStatus,
} from './identity-change.states';
import { hasCurrentConsent } from './consent.service';
import { PeopleErrors } from './people.errors';
import { assertCategoryFits, validIdNumber, type PeopleService, type PersonIdentity } from './people.service';
import { Person } from './person.entity';

export interface ChangeInput {
  name?: string;
  category?: HolderCategory;
  idNumber?: string;
  phone?: string;
  reason: string;
  documentFileIds?: number[];
}

export interface ChangeQueueFilter {
  status?: IdentityChangeStatus;
  /** Continue after this id. */
  afterId?: number;
  limit: number;
}

/** A request with its history and what the caller may do with it; masked parts read from the ciphertext. */
export interface ChangeView {
  request: IdentityChangeRequest;
  history: IdentityChangeEvent[];
  allowedActions: string[];
  newIdNumberLast4: string | null;
  newPhoneLast4: string | null;
  previousIdNumberLast4: string;
}

/** The staff view adds the person as they stand now. */
export interface StaffChangeView extends ChangeView {
  person: PersonIdentity;
}

const SUBJECT = '身份信息变更';

/**
 * Changes to a verified identity. The holder files a request (one open at a time); staff of the
 * station that verified the identity, its district or an admin approve it, which applies the
 * change to the person in the same transaction, or reject it with a reason. Applications already
 * reviewed keep their snapshot: the change reaches a card only through a new application.
 */
export class IdentityChangeService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * 1. The caller has a verified identity (an unverified one is corrected directly) and has agreed to
   *    the current consent text.
   * 2. Keep only what differs from the identity now; something besides the phone must change.
   * 3. Check the new ID number (GB 11643, not bound to another person) and that the category fits it.
   * 4. The documents are the caller's own uploads.
   * 5. Insert with the open marker (a unique key allows one open request) and the first history row.
   */
  async submit(principal: Principal, input: ChangeInput): Promise<ChangeView> {
    const now = this.clock.now();
    const em = this.db.manager;
    const person = await em.findOneBy(Person, { accountId: principal.accountId });
    if (!person) throw PeopleErrors.identityRequired();
    if (!person.verified) throw PeopleErrors.identityNotVerified();
    // New numbers and documents are sensitive information: the current consent covers them.
    if (!(await hasCurrentConsent(em, principal.accountId))) throw PeopleErrors.consentRequired();

    const name = input.name !== undefined && input.name !== person.name ? input.name : null;
    const category = input.category !== undefined && input.category !== person.category ? input.category : null;
    let idNumber: { normalized: string; hash: string; birthDate: string } | null = null;
    if (input.idNumber !== undefined) {
      const facts = validIdNumber(input.idNumber, now);
      const hash = this.people.blindIndexIdNumber(facts.normalized);
      if (hash !== person.idNumberHash) idNumber = { normalized: facts.normalized, hash, birthDate: facts.birthDate };
    }
    if (!name && !category && !idNumber) {
      throw validationFailed('changes', '请填写要变更的姓名、身份证号码或身份类别（只改手机号码可直接在“我的”中修改）');
    }
    assertCategoryFits(
      category ?? person.category,
      idNumber?.birthDate ?? this.people.factsOfCipher(person.idNumberCipher).birthDate,
      now,
    );
    if (idNumber && (await em.existsBy(Person, { idNumberHash: idNumber.hash, id: Not(person.id) })))
      throw PeopleErrors.idNumberTaken();
    const documentFileIds = [...new Set(input.documentFileIds ?? [])];
    await this.checkDocuments(em, principal.accountId, documentFileIds);
    const place = await this.verifiedAt(em, person.id);

    return this.db.transaction(async (tx) => {
      const inserted = await onUniqueViolation(
        () =>
          tx.insert(IdentityChangeRequest, {
            personId: person.id,
            accountId: principal.accountId,
            status: 'submitted',
            openPersonId: person.id,
            stationId: place?.stationId ?? null,
            districtId: place?.districtId ?? null,
            newName: name,
            newCategory: category,
            newIdNumberCipher: idNumber ? this.people.encryptIdNumber(idNumber.normalized) : null,
            newIdNumberHash: idNumber?.hash ?? null,
            newPhoneCipher: input.phone !== undefined ? this.people.phoneValues(input.phone).phoneCipher : null,
            previousName: person.name,
            previousCategory: person.category,
            previousIdNumberCipher: person.idNumberCipher,
            reason: input.reason,
            documentFileIds: JSON.stringify(documentFileIds),
            decisionReason: null,
            decidedBy: null,
            decidedAt: null,
            statusChangedAt: now,
            createdAt: now,
            updatedAt: now,
          }),
        PeopleErrors.changeRequestExists,
      );
      const id = Number(inserted.identifiers[0].id);
      await attachFiles(tx, documentFileIds, { ownerType: 'identity_change_request', ownerId: id });
      await this.recordEvent(
        tx,
        {
          requestId: id,
          action: 'submit',
          from: null,
          to: 'submitted',
          actor: { accountId: principal.accountId, role: 'holder' },
          reason: null,
        },
        now,
      );
      return this.holderView(tx, await tx.findOneByOrFail(IdentityChangeRequest, { id }));
    });
  }

  /** The caller's requests, newest first, each with its history. */
  async listMine(principal: Principal): Promise<ChangeView[]> {
    const em = this.db.manager;
    const person = await em.findOneBy(Person, { accountId: principal.accountId });
    if (!person) return [];
    const rows = await em.find(IdentityChangeRequest, {
      where: { personId: person.id },
      order: { id: 'DESC' },
      take: 50,
    });
    return Promise.all(rows.map((r) => this.holderView(em, r)));
  }

  /** The holder takes back a request not yet decided. */
  async withdraw(principal: Principal, id: number): Promise<ChangeView> {
    return this.db.transaction(async (em) => {
      const person = await em.findOneBy(Person, { accountId: principal.accountId });
      const request = person ? await em.findOneBy(IdentityChangeRequest, { id, personId: person.id }) : null;
      if (!request) throw notFound('变更申请不存在');
      const moved = await this.move(em, request, 'withdraw', { accountId: principal.accountId, role: 'holder' }, null);
      return this.holderView(em, moved);
    });
  }

  /** Requests in the caller's area, oldest first. */
  async queue(principal: Principal, filter: ChangeQueueFilter): Promise<StaffChangeView[]> {
    const em = this.db.manager;
    const r = await loadChangeReviewer(em, principal);
    const q = em.createQueryBuilder(IdentityChangeRequest, 'c');
    if (!r.admin) {
      q.where(
        new Brackets((w) => {
          if (r.stationId !== null) w.orWhere('c.station_id = :station', { station: r.stationId });
          if (r.districtId !== null) w.orWhere('c.district_id = :district', { district: r.districtId });
        }),
      );
    }
    if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
    if (filter.afterId) q.andWhere('c.id > :afterId', { afterId: filter.afterId });
    const rows = await q.orderBy('c.id', 'ASC').limit(filter.limit).getMany();
    const people = rows.length ? await em.findBy(Person, { id: In([...new Set(rows.map((x) => x.personId))]) }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    return Promise.all(rows.map((x) => this.staffView(em, r, x, byId.get(x.personId)!)));
  }

  async get(principal: Principal, id: number): Promise<StaffChangeView> {
    const em = this.db.manager;
    const r = await loadChangeReviewer(em, principal);
    const request = await em.findOneBy(IdentityChangeRequest, { id });
    assertChangeVisible(r, request);
    return this.staffView(em, r, request, await em.findOneByOrFail(Person, { id: request.personId }));
  }

  /**
   * approve | reject (with a reason), in one transaction:
   * 1. the guarded transition (409 if the request was decided or withdrawn meanwhile);
   * 2. on approval, the change applied to the person, re-encrypted and re-indexed (another person
   *    holding the new ID number rolls everything back: 409 ID_NUMBER_TAKEN);
   * 3. the history row, the holder's notice and the audit entry.
   */
  async review(
    principal: Principal,
    id: number,
    decision: 'approve' | 'reject',
    reason: string | undefined,
    requestId: string,
  ): Promise<StaffChangeView> {
    const why = reason?.trim() || null;
    if (decision === 'reject' && !why) throw validationFailed('reason', '不通过时须填写原因');
    const r = await loadChangeReviewer(this.db.manager, principal);
    assertChangeVisible(r, await this.db.manager.findOneBy(IdentityChangeRequest, { id }));
    return this.db.transaction(async (em) => {
      const request = await em.findOneByOrFail(IdentityChangeRequest, { id });
      const now = this.clock.now();
      const moved = await this.move(em, request, decision, { accountId: r.accountId, role: 'staff' }, why, {
        decidedBy: r.accountId,
        decidedAt: now,
      });
      const changed = changedFields(request);
      if (decision === 'approve') await this.apply(em, request, now);
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: `identity_change.${decision}`,
          targetType: 'identity_change_request',
          targetId: id,
          detail: { personId: request.personId, fields: changed, reason: why },
          requestId,
        },
        now,
      );
      return this.staffView(em, r, moved, await em.findOneByOrFail(Person, { id: request.personId }));
    });
  }

  private async apply(em: EntityManager, request: IdentityChangeRequest, now: Date): Promise<void> {
    const set: Partial<Person> = { updatedAt: now };
    if (request.newName) set.name = request.newName;
    if (request.newCategory) set.category = request.newCategory;
    if (request.newIdNumberCipher && request.newIdNumberHash) {
      // Re-encrypted under the active key; the index was computed when the request was filed.
      set.idNumberCipher = this.people.encryptIdNumber(this.people.decryptIdNumber(request.newIdNumberCipher));
      set.idNumberHash = request.newIdNumberHash;
    }
    if (request.newPhoneCipher)
      Object.assign(set, this.people.phoneValues(this.people.decryptPhone(request.newPhoneCipher)));
    await onUniqueViolation(() => em.update(Person, { id: request.personId }, set), PeopleErrors.idNumberTaken);
  }

  /** One transition: guarded update, history row, and a notice to the holder when staff decided. */
  private async move(
    em: EntityManager,
    request: IdentityChangeRequest,
    action: IdentityChangeAction,
    actor: { accountId: number; role: IdentityChangeActor },
    reason: string | null,
    set: Partial<IdentityChangeRequest> = {},
  ): Promise<IdentityChangeRequest> {
    const transition = IDENTITY_CHANGE_TRANSITIONS[action];
    const now = this.clock.now();
    const { eventId } = await transitionTo(em, {
      entity: IdentityChangeRequest,
      id: request.id,
      table: IDENTITY_CHANGE_TRANSITIONS,
      action,
      actor,
      at: now,
      reason,
      set: {
        ...set,
        openPersonId: null,
        decisionReason: action === 'withdraw' ? request.decisionReason : reason,
        statusChangedAt: now,
        updatedAt: now,
      },
      history: { entity: IdentityChangeEvent, subjectKey: 'requestId' },
    });
    if (actor.role === 'staff') {
      const words = CHANGE_STATUS_WORDS[transition.to];
      await this.notifications.notify(em, {
        recipient: request.accountId,
        templateKey: 'application_status',
        data: {
          subject: SUBJECT,
          status: words.phrase,
          time: wechatTime(now),
          remark: reason ? `${words.remark}：${reason}` : words.remark,
        },
        page: PEOPLE_PAGES.identityChange,
        idempotencyKey: `identity-change:${request.id}:event:${eventId}`,
      });
    }
    return em.findOneByOrFail(IdentityChangeRequest, { id: request.id });
  }

  private async recordEvent(
    em: EntityManager,
    e: {
      requestId: number;
      action: IdentityChangeEvent['action'];
      from: IdentityChangeStatus | null;
      to: IdentityChangeStatus;
      actor: { accountId: number; role: IdentityChangeActor };
      reason: string | null;
    },
    now: Date,
  ): Promise<number> {
    const inserted = await em.insert(IdentityChangeEvent, {
      requestId: e.requestId,
      action: e.action,
      fromStatus: e.from,
      toStatus: e.to,
      actorAccountId: e.actor.accountId,
      actorRole: e.actor.role,
      reason: e.reason,
      createdAt: now,
    });
    return Number(inserted.identifiers[0].id);
  }

  /** The station and district that verified the identity: the latest application a station approved. */
  private async verifiedAt(
    em: EntityManager,
    personId: number,
  ): Promise<{ stationId: number; districtId: number } | null> {
    const app =
      (await em.findOne(CardApplication, {
        where: { personId, identityVerifiedAt: Not(IsNull()) },
        order: { identityVerifiedAt: 'DESC', id: 'DESC' },
      })) ?? (await em.findOne(CardApplication, { where: { personId, status: Not('draft') }, order: { id: 'DESC' } }));
    return app ? { stationId: app.stationId, districtId: app.districtId } : null;
  }

  private async checkDocuments(em: EntityManager, accountId: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const docs = await em.find(StoredFile, { where: { id: In(ids), ownerAccountId: accountId } });
    if (docs.length !== ids.length || docs.some((d) => d.purpose !== 'document'))
      throw validationFailed('documentFileIds', '材料文件不存在');
  }

  private async holderView(em: EntityManager, request: IdentityChangeRequest): Promise<ChangeView> {
    return this.view(em, request, allowedActions(IDENTITY_CHANGE_TRANSITIONS, request.status, 'holder'));
  }

  private async staffView(
    em: EntityManager,
    r: ChangeReviewer,
    request: IdentityChangeRequest,
    person: Person,
  ): Promise<StaffChangeView> {
    const actions = canSeeChange(r, request)
      ? allowedActions(IDENTITY_CHANGE_TRANSITIONS, request.status, 'staff')
      : [];
    return { ...(await this.view(em, request, actions)), person: this.people.withFacts(person) };
  }

  private async view(em: EntityManager, request: IdentityChangeRequest, actions: string[]): Promise<ChangeView> {
    const history = await em.find(IdentityChangeEvent, { where: { requestId: request.id }, order: { id: 'ASC' } });
    return {
      request,
      history,
      allowedActions: actions,
      newIdNumberLast4: request.newIdNumberCipher
        ? this.people.factsOfCipher(request.newIdNumberCipher).idNumberLast4
        : null,
      newPhoneLast4: request.newPhoneCipher ? this.people.decryptPhone(request.newPhoneCipher).slice(-4) : null,
      previousIdNumberLast4: this.people.factsOfCipher(request.previousIdNumberCipher).idNumberLast4,
    };
  }
}

/** The names of the fields a request changes (never their values: the audit log holds no personal data). */
function changedFields(r: IdentityChangeRequest): string[] {
  const out: string[] = [];
  if (r.newName) out.push('name');
  if (r.newCategory) out.push('category');
  if (r.newIdNumberCipher) out.push('idNumber');
  if (r.newPhoneCipher) out.push('phone');
  return out;
}
