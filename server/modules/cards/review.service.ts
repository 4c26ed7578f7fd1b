import { Brackets, In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { allowedActions, transition } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import type { IdentityFacts, PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { recordAudit } from '../staff/audit.service';
import { Station } from '../staff/station.entity';
import { CardApplicationEvent } from './card-application-event.entity';
import { CardApplication } from './card-application.entity';
import {
  APPLICATION_TRANSITIONS,
  REVIEW_ACTIONS,
  type ApplicationStatus,
  type ReviewerRole,
} from './card-application.states';
import type { ApplicationWorkflow } from './card-application.workflow';
import type { CardEvent } from './card-event.entity';
import { Card, type Handover } from './card.entity';
import { CARD_HISTORY, cardHistory, recordIssued } from './card.history';
import { CARD_TRANSITIONS, cardActions, type CardAction } from './card.states';
import { CardErrors } from './cards.errors';
import { actingLevel, assertLevel, assertVisible, canSee, loadReviewer, type Reviewer } from './cards.policy';
import { CARD_PAGES } from './cards.pages';

export interface QueueFilter {
  status?: ApplicationStatus;
  stationId?: number;
  /** Only applications submitted at least this many days ago. */
  minWaitingDays?: number;
  /** Continue after this (submittedAt, id) position. */
  after?: { submittedAt: string; id: number };
  limit: number;
}

export interface StaffApplicationView {
  application: CardApplication;
  person: Person;
  station: Station;
  history: CardApplicationEvent[];
  allowedActions: string[];
  /** The card issued from this application, once there is one (staff revoke it from here). */
  card: StaffCardView | null;
  /** The applicant as reviewed (the snapshot, once a station approved), with the facts of the ID number. */
  applicant: { name: string; facts: IdentityFacts };
}

/** A card as staff read it: with its history and what the reviewer may do with it now. */
export interface StaffCardView {
  card: Card;
  history: CardEvent[];
  allowedActions: CardAction[];
}

const ACTION_NAMES: Partial<Record<keyof typeof APPLICATION_TRANSITIONS, string>> = {
  station_approve: 'approve',
  station_reject: 'reject',
  station_request_info: 'request_info',
  district_approve: 'approve',
  district_reject: 'reject',
  district_request_info: 'request_info',
  send_to_production: 'send_to_production',
  mark_card_ready: 'card_ready',
  issue: 'issue',
};

/** What a reviewer may do to an application now, in the staff API's words. */
export function staffActions(r: Reviewer, app: CardApplication): string[] {
  const out = new Set<string>();
  for (const level of r.levels) {
    const inArea = level === 'station' ? app.stationId === r.stationId : app.districtId === r.districtId;
    if (!inArea) continue;
    for (const a of allowedActions(APPLICATION_TRANSITIONS, app.status, level)) {
      const name = ACTION_NAMES[a];
      if (name) out.add(name);
    }
  }
  return [...out];
}

/** What a reviewer may do to a card now: the table's actions at each level they hold over its application. */
export function staffCardActions(r: Reviewer, card: Card, app: CardApplication): CardAction[] {
  const out = new Set<CardAction>();
  for (const level of r.levels) {
    const inArea = level === 'station' ? app.stationId === r.stationId : app.districtId === r.districtId;
    if (inArea) for (const a of cardActions(card.status, level)) out.add(a);
  }
  return [...out];
}

/** Staff review of 优待证 applications: the queue, decisions, cards arriving and being handed out, revocation. */
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly workflow: ApplicationWorkflow,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly needsInfoDays: number,
    private readonly people: PeopleService,
  ) {}

  /** Applications in the reviewer's area, oldest submission first. */
  async queue(
    principal: Principal,
    filter: QueueFilter,
  ): Promise<Array<{ application: CardApplication; person: Person }>> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const q = em.createQueryBuilder(CardApplication, 'a');
    q.where(
      new Brackets((w) => {
        if (r.levels.includes('station')) w.orWhere('a.station_id = :myStation', { myStation: r.stationId });
        if (r.levels.includes('district')) w.orWhere('a.district_id = :myDistrict', { myDistrict: r.districtId });
      }),
    );
    q.andWhere('a.status <> :draft', { draft: 'draft' });
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.stationId) q.andWhere('a.station_id = :stationId', { stationId: filter.stationId });
    if (filter.minWaitingDays) {
      q.andWhere('a.submitted_at <= :cutoff', {
        cutoff: new Date(this.clock.now().getTime() - filter.minWaitingDays * 86_400_000),
      });
    }
    if (filter.after) {
      q.andWhere('(a.submitted_at > :afterAt OR (a.submitted_at = :afterAt AND a.id > :afterId))', {
        afterAt: new Date(filter.after.submittedAt),
        afterId: filter.after.id,
      });
    }
    const apps = await q.orderBy('a.submitted_at', 'ASC').addOrderBy('a.id', 'ASC').limit(filter.limit).getMany();
    const people = apps.length ? await em.findBy(Person, { id: In([...new Set(apps.map((a) => a.personId))]) }) : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    return apps.map((application) => ({ application, person: byId.get(application.personId)! }));
  }

  async get(principal: Principal, id: number): Promise<StaffApplicationView> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const app = await em.findOneBy(CardApplication, { id });
    assertVisible(r, app);
    return this.view(em, r, app);
  }

  /**
   * approve / reject / request_info at the reviewer's level: a station reviewer moves
   * submitted → station_approved, a district reviewer station_approved → approved.
   * Reject and request_info need a reason; request_info sets the holder's deadline.
   */
  async review(
    principal: Principal,
    id: number,
    decision: 'approve' | 'reject' | 'request_info',
    reason: string | undefined,
    requestId: string,
  ) {
    if (decision !== 'approve' && !reason?.trim()) throw validationFailed('reason', '退回或不通过时须填写原因');
    // 1. The step is the one the application is at when the request arrives: a second reviewer
    //    racing for the same step then loses on the guarded update (409), while one arriving after
    //    the step moved on is asking for the next level's step (403 for a station reviewer).
    const r = await loadReviewer(this.db.manager, principal);
    const seen = await this.db.manager.findOneBy(CardApplication, { id });
    assertVisible(r, seen);
    const level: ReviewerRole | null =
      seen.status === 'submitted' ? 'station' : seen.status === 'station_approved' ? 'district' : null;
    if (!level) throw CardErrors.notUnderReview();
    assertLevel(r, level, seen);
    // 2. Apply it in a transaction, against the row as it is now.
    return this.db.transaction(async (em) => {
      const app = await em.findOneByOrFail(CardApplication, { id });
      const now = this.clock.now();
      const action = REVIEW_ACTIONS[level][decision];
      const deadline = decision === 'request_info' ? new Date(now.getTime() + this.needsInfoDays * 86_400_000) : null;
      const snapshot = action === 'station_approve' ? await this.verifyIdentity(em, app, now) : {};
      const moved = await this.workflow.move(em, app, {
        action,
        actor: { accountId: r.accountId, role: level },
        reason: decision === 'approve' ? null : reason!.trim(),
        set: {
          ...snapshot,
          ...(action === 'district_approve' ? { approvedAt: now } : {}),
          ...(deadline ? { needsInfoDeadline: deadline } : {}),
        },
        ...(deadline
          ? {
              remark: `请于${wechatTime(deadline).slice(0, 11)}前补充材料`,
              detail: `请在 ${wechatTime(deadline).slice(0, 11)} 前补充：${reason!.trim()}`,
            }
          : {}),
      });
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: `card_application.${action}`,
          targetType: 'card_application',
          targetId: id,
          detail: { reason: reason ?? null },
          requestId,
        },
        now,
      );
      return this.view(em, r, moved);
    });
  }

  /**
   * Station approval verifies the identity the station checked against the documents: the person
   * is marked verified (from then on the holder cannot change it directly) and the application
   * keeps a snapshot of it for production and the card. The flag is written before the person is
   * read, so on MySQL the row is locked and the snapshot is the committed identity, not an older read.
   */
  private async verifyIdentity(em: EntityManager, app: CardApplication, now: Date): Promise<Partial<CardApplication>> {
    await em.update(Person, { id: app.personId }, { verified: true, updatedAt: now });
    const person = await em.findOneByOrFail(Person, { id: app.personId });
    if (person.category !== app.category) throw CardErrors.identityMismatch();
    return {
      snapshotName: person.name,
      snapshotIdNumberCipher: person.idNumberCipher,
      snapshotCategory: person.category,
      identityVerifiedAt: now,
    };
  }

  /** The card of one application has arrived: card_ready, and the holder is told where and when. */
  async markReady(principal: Principal, id: number, requestId: string): Promise<StaffApplicationView> {
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const app = await em.findOneBy(CardApplication, { id });
      assertVisible(r, app);
      assertLevel(r, 'district', app);
      const moved = await this.markReadyIn(em, r, app);
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card_application.mark_card_ready',
          targetType: 'card_application',
          targetId: id,
          requestId,
        },
        this.clock.now(),
      );
      return this.view(em, r, moved);
    });
  }

  /** Used by batches too: one application to card_ready inside the caller's transaction. */
  async markReadyIn(em: EntityManager, r: Reviewer, app: CardApplication): Promise<CardApplication> {
    const station = await em.findOneByOrFail(Station, { id: app.stationId });
    const remark =
      app.delivery === 'pickup'
        ? `请携带身份证到${station.name}领取（${station.address}，工作日 9:00-17:00）`
        : '优待证已制成，将尽快邮寄给您';
    return this.workflow.move(em, app, {
      action: 'mark_card_ready',
      actor: { accountId: r.accountId, role: 'district' },
      set: { readyAt: this.clock.now() },
      remark,
    });
  }

  /**
   * Hands out the card: the card becomes active under its number; for a reissue or exchange the
   * old card is replaced in the same transaction.
   */
  async issue(principal: Principal, id: number, input: { cardNumber: string; handover?: Handover }, requestId: string) {
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const app = await em.findOneBy(CardApplication, { id });
      assertVisible(r, app);
      const level = actingLevel(r, app);
      const now = this.clock.now();
      if (app.status !== 'card_ready') throw CardErrors.cardNotArrived();

      // The old card stops being current before the new one takes its place.
      const actor = { accountId: r.accountId, role: level };
      if (app.replacesCardId) {
        await transition(em, {
          entity: Card,
          id: app.replacesCardId,
          table: CARD_TRANSITIONS,
          action: 'replace',
          actor,
          at: now,
          reason: app.kind === 'reissue' ? '补领新证' : '换领新证',
          set: { currentPersonId: null, updatedAt: now },
          history: CARD_HISTORY,
        });
      }
      // The card carries the name it is issued to: the identity the station reviewed.
      const holderName = app.snapshotName ?? (await em.findOneByOrFail(Person, { id: app.personId })).name;
      const inserted = await onUniqueViolation(
        () =>
          em.insert(Card, {
            personId: app.personId,
            applicationId: app.id,
            cardNumber: input.cardNumber,
            holderName,
            category: app.category,
            status: 'active',
            currentPersonId: app.personId,
            handover: input.handover ?? app.delivery,
            issuedAt: now,
            issuedBy: r.accountId,
            reportedLostAt: null,
            revokedAt: null,
            revokedReason: null,
            replacedByCardId: null,
            createdAt: now,
            updatedAt: now,
          }),
        CardErrors.cardNumberTaken,
      );
      const cardId = Number(inserted.identifiers[0].id);
      await recordIssued(em, cardId, actor, now);
      if (app.replacesCardId) await em.update(Card, { id: app.replacesCardId }, { replacedByCardId: cardId });
      const moved = await this.workflow.move(em, app, {
        action: 'issue',
        actor,
        set: { issuedAt: now, cardId },
        remark:
          input.handover === 'mail' || (!input.handover && app.delivery === 'mail')
            ? '优待证已寄出，请注意查收；电子证已可在小程序中出示'
            : undefined,
      });
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card_application.issue',
          targetType: 'card_application',
          targetId: id,
          detail: { cardId, handover: input.handover ?? app.delivery },
          requestId,
        },
        now,
      );
      return this.view(em, r, moved);
    });
  }

  /**
   * A card found by the number printed on it, when it belongs to an application the caller may see
   * (the way to a card whose holder is not at hand, e.g. one reported by a merchant).
   */
  async findCardByNumber(
    principal: Principal,
    cardNumber: string,
  ): Promise<(StaffCardView & { application: CardApplication; person: Person }) | null> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const card = await em.findOneBy(Card, { cardNumber });
    const application = card ? await em.findOneBy(CardApplication, { id: card.applicationId }) : null;
    if (!card || !application || !canSee(r, application)) return null;
    return {
      ...(await this.cardView(em, r, card, application)),
      application,
      person: await em.findOneByOrFail(Person, { id: card.personId }),
    };
  }

  /**
   * Revokes a card (a hidden exclusion came out, say): it stops verifying at once. District staff.
   * 1. The guarded move with its history row and the reason (409 INVALID_TRANSITION once replaced or revoked);
   * 2. the holder's notice and the audit entry, in the same transaction.
   */
  async revokeCard(principal: Principal, cardId: number, reason: string, requestId: string): Promise<Card> {
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const card = await em.findOneBy(Card, { id: cardId });
      const app = card ? await em.findOneBy(CardApplication, { id: card.applicationId }) : null;
      if (!card || !app || !canSee(r, app)) throw notFound('优待证不存在');
      assertLevel(r, 'district', app);
      const now = this.clock.now();
      await transition(em, {
        entity: Card,
        id: card.id,
        table: CARD_TRANSITIONS,
        action: 'revoke',
        actor: { accountId: r.accountId, role: 'district' },
        at: now,
        reason,
        set: { currentPersonId: null, revokedAt: now, revokedReason: reason, updatedAt: now },
        history: CARD_HISTORY,
      });
      const person = await em.findOneByOrFail(Person, { id: card.personId });
      await this.notifications.notify(em, {
        recipient: person.accountId ?? app.applicantAccountId,
        templateKey: 'application_status',
        data: { subject: '优待证', status: '已注销', time: wechatTime(now), remark: `优待证已注销：${reason}` },
        page: CARD_PAGES.card,
        idempotencyKey: `card:${card.id}:revoked`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card.revoke',
          targetType: 'card',
          targetId: card.id,
          detail: { reason },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(Card, { id: card.id });
    });
  }

  private async view(em: EntityManager, r: Reviewer, application: CardApplication): Promise<StaffApplicationView> {
    const [person, station, history, card] = await Promise.all([
      em.findOneByOrFail(Person, { id: application.personId }),
      em.findOneByOrFail(Station, { id: application.stationId }),
      em.find(CardApplicationEvent, { where: { applicationId: application.id }, order: { id: 'ASC' } }),
      em.findOneBy(Card, { applicationId: application.id }),
    ]);
    const applicant = {
      name: application.snapshotName ?? person.name,
      facts: this.people.factsOfCipher(application.snapshotIdNumberCipher ?? person.idNumberCipher),
    };
    return {
      application,
      person,
      station,
      history,
      allowedActions: staffActions(r, application),
      card: card ? await this.cardView(em, r, card, application) : null,
      applicant,
    };
  }

  private async cardView(em: EntityManager, r: Reviewer, card: Card, app: CardApplication): Promise<StaffCardView> {
    const history = (await cardHistory(em, [card.id])).get(card.id) ?? [];
    return { card, history, allowedActions: staffCardActions(r, card, app) };
  }
}
