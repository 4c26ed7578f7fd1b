import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { allowedActions } from '../../lib/state-machine';
import { attachFiles, setFileUses } from '../files/file-use.service';
import { StoredFile } from '../files/stored-file.entity';
import type { HolderCategory } from '../../lib/id-number';
import { Person } from '../people/person.entity';
import { Station } from '../staff/station.entity';
import { CardApplicationEvent } from './card-application-event.entity';
import { CardApplication, type ApplicationKind, type Delivery } from './card-application.entity';
import { APPLICATION_TRANSITIONS, STATUS_WORDS, type ApplicationStatus } from './card-application.states';
import type { ApplicationWorkflow } from './card-application.workflow';
import { Card } from './card.entity';
import { CardErrors } from './cards.errors';
import { checkEligibility, type Declarations } from './eligibility';

export interface ApplicationInput {
  kind: ApplicationKind;
  category: HolderCategory;
  photoFileId: number;
  documentFileIds: number[];
  stationId: number;
  delivery: Delivery;
  address?: string | null;
  declarations: Declarations;
}

export type ApplicationPatch = Partial<Omit<ApplicationInput, 'kind'>>;

export interface ApplicationView {
  application: CardApplication;
  station: Station | null;
  history: CardApplicationEvent[];
  allowedActions: string[];
}

/** Where the holder's latest application stands, in words, for the service assistant. */
export interface ApplicationStatusSummary {
  id: number;
  kind: ApplicationKind;
  status: ApplicationStatus;
  /** The status in a few words (已提交, 待补充 …) and what happens next. */
  phrase: string;
  remark: string;
  /** Why it was sent back or refused. */
  reason: string | null;
  /** Until when a sent-back application may be resubmitted. */
  needsInfoDeadline: Date | null;
  station: { name: string; phone: string | null } | null;
  allowedActions: string[];
}

/** Holder actions available by status (edit is not a transition: the draft or sent-back form). */
export function holderActions(status: ApplicationStatus): string[] {
  const actions: string[] = allowedActions(APPLICATION_TRANSITIONS, status, 'holder');
  return status === 'draft' || status === 'needs_info' ? ['edit', ...actions] : actions;
}

/** The holder's side of the 优待证: self-check, draft, submit, edit when sent back, withdraw, follow. */
export class ApplicationsService {
  constructor(
    private readonly db: Database,
    private readonly workflow: ApplicationWorkflow,
    private readonly clock: Clock,
  ) {}

  checkEligibility = checkEligibility;

  /**
   * Creates a draft.
   * 1. The holder must have bound an identity; the category must be theirs; no exclusion applies.
   * 2. A reissue needs a card reported lost, an exchange an active card; a new card needs neither.
   * 3. Photo and documents must be the holder's own uploads of the right purpose.
   * 4. One open application per person (a unique key settles races).
   */
  async create(principal: Principal, input: ApplicationInput): Promise<ApplicationView> {
    const person = await this.personOf(principal);
    if (input.category !== person.category) {
      throw validationFailed('category', '申请类别须与已登记的身份类别一致');
    }
    const verdict = checkEligibility(input.category, input.declarations);
    if (verdict.verdict === 'ineligible') throw CardErrors.notEligible(verdict.reasons);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const current = await em.findOneBy(Card, { currentPersonId: person.id });
      const replacesCardId = this.checkKind(input.kind, current);
      const station = await this.checkPlace(em, input.stationId, input.delivery, input.address);
      await this.checkFiles(em, principal.accountId, input.photoFileId, input.documentFileIds);

      const result = await onUniqueViolation(
        () =>
          em.insert(CardApplication, {
            personId: person.id,
            applicantAccountId: principal.accountId,
            kind: input.kind,
            replacesCardId,
            category: input.category,
            photoFileId: input.photoFileId,
            documentFileIds: JSON.stringify(input.documentFileIds),
            stationId: station.id,
            districtId: station.districtId,
            delivery: input.delivery,
            address: input.delivery === 'mail' ? input.address!.trim() : null,
            declarations: JSON.stringify(input.declarations),
            caseByCase: verdict.verdict === 'case_by_case',
            status: 'draft',
            openPersonId: person.id,
            reason: null,
            needsInfoDeadline: null,
            batchId: null,
            cardId: null,
            submittedAt: null,
            approvedAt: null,
            readyAt: null,
            issuedAt: null,
            statusChangedAt: now,
            createdAt: now,
            updatedAt: now,
          }),
        CardErrors.applicationExists,
      );
      const id = Number(result.identifiers[0].id);
      await attachFiles(em, [input.photoFileId, ...input.documentFileIds], {
        ownerType: 'card_application',
        ownerId: id,
      });
      await em.insert(CardApplicationEvent, {
        applicationId: id,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorAccountId: principal.accountId,
        actorRole: 'holder',
        reason: null,
        createdAt: now,
      });
      return this.view(em, await em.findOneByOrFail(CardApplication, { id }));
    });
  }

  /** Edits a draft, or a sent-back application before its deadline. */
  async update(principal: Principal, id: number, patch: ApplicationPatch): Promise<ApplicationView> {
    return this.db.transaction(async (em) => {
      const app = await this.mine(em, principal, id);
      if (app.status !== 'draft' && app.status !== 'needs_info') throw CardErrors.notEditable();
      this.checkDeadline(app);
      if (patch.category !== undefined && patch.category !== app.category) {
        throw validationFailed('category', '申请类别须与已登记的身份类别一致');
      }
      const delivery = patch.delivery ?? app.delivery;
      const address = patch.address !== undefined ? patch.address : app.address;
      const station = await this.checkPlace(em, patch.stationId ?? app.stationId, delivery, address);
      const documentFileIds = patch.documentFileIds ?? (JSON.parse(app.documentFileIds) as number[]);
      await this.checkFiles(em, principal.accountId, patch.photoFileId ?? app.photoFileId, documentFileIds);
      let caseByCase = app.caseByCase;
      if (patch.declarations) {
        const verdict = checkEligibility(app.category, patch.declarations);
        if (verdict.verdict === 'ineligible') throw CardErrors.notEligible(verdict.reasons);
        caseByCase = verdict.verdict === 'case_by_case';
      }
      const result = await em
        .createQueryBuilder()
        .update(CardApplication)
        .set({
          photoFileId: patch.photoFileId ?? app.photoFileId,
          documentFileIds: JSON.stringify(documentFileIds),
          stationId: station.id,
          districtId: station.districtId,
          delivery,
          address: delivery === 'mail' ? address!.trim() : null,
          declarations: patch.declarations ? JSON.stringify(patch.declarations) : app.declarations,
          caseByCase,
          updatedAt: this.clock.now(),
        })
        .where('id = :id AND status = :status', { id, status: app.status })
        .execute();
      if (result.affected !== 1) throw CardErrors.changedMeanwhile();
      // A replaced photo or dropped document is no longer the application's: staff stop seeing it.
      await setFileUses(em, [patch.photoFileId ?? app.photoFileId, ...documentFileIds], {
        ownerType: 'card_application',
        ownerId: id,
      });
      return this.view(em, await em.findOneByOrFail(CardApplication, { id }));
    });
  }

  /** Submits a draft, or resubmits a sent-back application before its deadline. */
  async submit(principal: Principal, id: number): Promise<ApplicationView> {
    return this.db.transaction(async (em) => {
      const app = await this.mine(em, principal, id);
      if (app.status !== 'draft' && app.status !== 'needs_info') throw CardErrors.notSubmittable();
      this.checkDeadline(app);
      const missing: string[] = [];
      if ((JSON.parse(app.documentFileIds) as number[]).length === 0)
        missing.push('请上传身份证、户口簿、退伍证或关系证明等材料');
      if (missing.length) throw CardErrors.incomplete(missing);
      const now = this.clock.now();
      const moved = await this.workflow.move(em, app, {
        action: app.status === 'needs_info' ? 'resubmit' : 'submit',
        actor: { accountId: principal.accountId, role: 'holder' },
        set: { submittedAt: app.submittedAt ?? now, needsInfoDeadline: null },
      });
      return this.view(em, moved);
    });
  }

  async withdraw(principal: Principal, id: number): Promise<ApplicationView> {
    return this.db.transaction(async (em) => {
      const app = await this.mine(em, principal, id);
      const moved = await this.workflow.move(em, app, {
        action: 'withdraw',
        actor: { accountId: principal.accountId, role: 'holder' },
      });
      return this.view(em, moved);
    });
  }

  async listMine(principal: Principal): Promise<ApplicationView[]> {
    const em = this.db.manager;
    const person = await em.findOneBy(Person, { accountId: principal.accountId });
    if (!person) return [];
    const apps = await em.find(CardApplication, { where: { personId: person.id }, order: { id: 'DESC' } });
    return Promise.all(apps.map((a) => this.view(em, a)));
  }

  async getMine(principal: Principal, id: number): Promise<ApplicationView> {
    return this.view(this.db.manager, await this.mine(this.db.manager, principal, id));
  }

  /** The holder's latest application in words, or null when they have none (or no identity yet). */
  async statusOf(principal: Principal): Promise<ApplicationStatusSummary | null> {
    const em = this.db.manager;
    const person = await em.findOneBy(Person, { accountId: principal.accountId });
    const application = person
      ? await em.findOne(CardApplication, { where: { personId: person.id }, order: { id: 'DESC' } })
      : null;
    if (!application) return null;
    const { station, allowedActions } = await this.view(em, application);
    const words = STATUS_WORDS[application.status];
    return {
      id: application.id,
      kind: application.kind,
      status: application.status,
      phrase: words.phrase,
      remark: words.remark,
      reason: application.reason,
      needsInfoDeadline: application.needsInfoDeadline,
      station: station ? { name: station.name, phone: station.phone } : null,
      allowedActions,
    };
  }

  /**
   * The station and district a holder belongs to: those of their latest application (a draft's
   * choice counts: it is where they mean to go). Null for a holder without one. Reads through the
   * caller's transaction, so it sees what that transaction sees.
   */
  async placeOf(em: EntityManager, accountId: number): Promise<{ stationId: number; districtId: number } | null> {
    const person = await em.findOneBy(Person, { accountId });
    if (!person) return null;
    const app = await em.findOne(CardApplication, { where: { personId: person.id }, order: { id: 'DESC' } });
    return app ? { stationId: app.stationId, districtId: app.districtId } : null;
  }

  private async view(em: EntityManager, application: CardApplication): Promise<ApplicationView> {
    const [history, station] = await Promise.all([
      em.find(CardApplicationEvent, { where: { applicationId: application.id }, order: { id: 'ASC' } }),
      em.findOneBy(Station, { id: application.stationId }),
    ]);
    const sentBackExpired = application.status === 'needs_info' && this.deadlinePassed(application);
    return {
      application,
      station,
      history,
      allowedActions: holderActions(application.status).filter((a) => !sentBackExpired || a === 'withdraw'),
    };
  }

  private async personOf(principal: Principal): Promise<Person> {
    const person = await this.db.manager.findOneBy(Person, { accountId: principal.accountId });
    if (!person) throw CardErrors.identityRequired();
    return person;
  }

  /** The caller's own application, or 404 as if it did not exist. */
  private async mine(em: EntityManager, principal: Principal, id: number): Promise<CardApplication> {
    const person = await em.findOneBy(Person, { accountId: principal.accountId });
    const app = person ? await em.findOneBy(CardApplication, { id, personId: person.id }) : null;
    if (!app) throw notFound('申请不存在');
    return app;
  }

  private deadlinePassed(app: CardApplication): boolean {
    return app.needsInfoDeadline !== null && app.needsInfoDeadline.getTime() <= this.clock.now().getTime();
  }

  private checkDeadline(app: CardApplication): void {
    if (app.status === 'needs_info' && this.deadlinePassed(app)) throw CardErrors.deadlinePassed();
  }

  private checkKind(kind: ApplicationKind, current: Card | null): number | null {
    if (kind === 'new') {
      if (current) throw CardErrors.cardExists();
      return null;
    }
    if (kind === 'reissue') {
      if (current?.status !== 'reported_lost') throw CardErrors.cardNotLost();
      return current.id;
    }
    if (current?.status !== 'active') throw CardErrors.noActiveCardToExchange();
    return current.id;
  }

  private async checkPlace(
    em: EntityManager,
    stationId: number,
    delivery: Delivery,
    address: string | null | undefined,
  ): Promise<Station> {
    const station = await em.findOneBy(Station, { id: stationId });
    if (!station) throw validationFailed('stationId', '服务站不存在');
    if (delivery === 'mail' && (!address || address.trim().length < 5)) {
      throw validationFailed('address', '选择邮寄时请填写详细收件地址');
    }
    return station;
  }

  private async checkFiles(
    em: EntityManager,
    accountId: number,
    photoFileId: number,
    documentFileIds: number[],
  ): Promise<void> {
    const photo = await em.findOneBy(StoredFile, { id: photoFileId, ownerAccountId: accountId });
    if (!photo || photo.purpose !== 'card_photo') throw validationFailed('photoFileId', '请先上传符合要求的证件照');
    if (documentFileIds.length === 0) return;
    const docs = await em.find(StoredFile, { where: { id: In(documentFileIds), ownerAccountId: accountId } });
    if (docs.length !== new Set(documentFileIds).size || docs.some((d) => d.purpose !== 'document')) {
      throw validationFailed('documentFileIds', '材料文件不存在');
    }
  }
}
