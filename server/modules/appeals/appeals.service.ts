import { LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { forbidden, notFound, validationFailed } from '../../lib/errors';
import { wechatTime } from '../../lib/notice-template';
import type { Principal, Role } from '../../lib/principal';
import { allowedActions, transition, type TransitionActor } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import type { ApplicationsService } from '../cards/applications.service';
import { attachableFile } from '../files/files.service';
import { attachFiles } from '../files/file-use.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import type { StaffMember, StaffService } from '../staff/staff.service';
import { AppealEvent, APPEAL_HISTORY } from './appeal-event.entity';
import { APPEAL_FILE_OWNER, AppealFile } from './appeal-file.entity';
import { Appeal } from './appeal.entity';
import {
  APPEAL_TRANSITIONS,
  APPEALS_PER_DAY,
  MAX_REOPENS,
  OPEN_WORK,
  RATABLE,
  type AppealAction,
  type AppealStatus,
  type AppealTransition,
  type HolderAction,
} from './appeal.states';
import { AppealErrors } from './appeals.errors';
import { APPEAL_PAGES } from './appeals.pages';
import { assertMayAct, assertVisible, RUNNER_ACTIONS, staffScopeOf, type AppealStaffScope } from './appeals.policy';
import { APPEAL_CATEGORIES, KIND_WORDS, type AppealKind, type ContactTime } from './appeals.types';

/** Who of a station may be named an appeal's handler. */
const HANDLER_ROLES: readonly Role[] = ['station_staff', 'errand_runner'];

export interface NewAppeal {
  kind: AppealKind;
  category: string;
  text: string;
  fileIds?: number[];
  contactTime?: ContactTime;
  /** Only read when the holder has no card application to take the station from. */
  stationId?: number;
}

/** An appeal with what its page shows: history, attachments, station and the reader's actions. */
export interface AppealDetail {
  appeal: Appeal;
  history: AppealEvent[];
  fileIds: number[];
  stationName: string | null;
  overdue: boolean;
  allowedActions: string[];
}

/** The same for staff, with who filed it. */
export interface StaffAppealDetail extends AppealDetail {
  holder: { name: string; category: string; phoneLast4: string } | null;
  handlerName: string | null;
}

export interface StaffAppealFilter {
  status?: AppealStatus;
  kind?: AppealKind;
  category?: string;
  overdue?: boolean;
  handlerAccountId?: number;
  stationId?: number;
  beforeId?: number;
  limit: number;
}

/** Whether work under way has passed its promised day (Asia/Shanghai `today`). */
export const isOverdue = (a: Pick<Appeal, 'status' | 'promisedDate'>, today: string): boolean =>
  OPEN_WORK.includes(a.status) && a.promisedDate !== null && a.promisedDate < today;

/** What the holder may do with their appeal now. */
export function holderActions(a: Pick<Appeal, 'status' | 'reopenedCount' | 'rating'>): HolderAction[] {
  const out: HolderAction[] = [];
  for (const action of allowedActions(APPEAL_TRANSITIONS, a.status, 'holder')) {
    if (action === 'reopen' && (a.reopenedCount >= MAX_REOPENS || a.rating !== null)) continue;
    out.push(action as HolderAction);
  }
  if (RATABLE.includes(a.status) && a.rating === null) out.push('rate');
  return out;
}

/**
 * Appeals and errands: holders file them and follow every step; the station's staff accept them
 * with a handler and a promised day, work on them and settle them; the holder confirms the outcome
 * or sends it back once, and rates the handling.
 */
export class AppealsService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly applications: ApplicationsService,
    private readonly staff: StaffService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * 1. The holder has a bound identity (409 IDENTITY_REQUIRED); the category belongs to the kind.
   * 2. The station: that of the holder's card application, else the one they chose (400 when none).
   * 3. In one transaction: check the attachments are the holder's own documents, take one of the
   *    day's places (409 LIMIT_REACHED past the limit), attach the files, write the first history row.
   */
  async file(principal: Principal, input: NewAppeal): Promise<AppealDetail> {
    const person = await this.people.identityOf(principal.accountId);
    if (!person) throw AppealErrors.identityRequired();
    if (!APPEAL_CATEGORIES[input.kind].includes(input.category)) {
      throw validationFailed(
        'category',
        `${KIND_WORDS[input.kind]}类别须为：${APPEAL_CATEGORIES[input.kind].join('、')}`,
      );
    }
    const stations = await this.staff.listStations();
    const fileIds = [...new Set(input.fileIds ?? [])];

    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const place = await this.applications.placeOf(em, principal.accountId);
      const stationId = place?.stationId ?? input.stationId;
      if (stationId === undefined) throw validationFailed('stationId', '请选择受理的服务站');
      if (!stations.some((s) => s.id === stationId)) throw validationFailed('stationId', '服务站不存在');
      for (const fileId of fileIds) {
        const file = await attachableFile(em, fileId, { purpose: 'document', owners: [principal.accountId] });
        if (!file) throw AppealErrors.filesNotAttachable();
      }
      const appealId = await this.insertWithinDailyLimit(em, principal.accountId, now, {
        accountId: principal.accountId,
        personId: person.id,
        kind: input.kind,
        category: input.category,
        text: input.text,
        contactTime: input.contactTime ?? null,
        stationId,
        status: 'submitted',
        handlerAccountId: null,
        promisedDate: null,
        outcome: null,
        rejectReason: null,
        reopenedCount: 0,
        rating: null,
        ratingComment: null,
        acceptedAt: null,
        resolvedAt: null,
        ratedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (fileIds.length > 0) {
        await em.insert(
          AppealFile,
          fileIds.map((fileId, position) => ({ appealId, fileId, position })),
        );
        await attachFiles(em, fileIds, { ownerType: APPEAL_FILE_OWNER, ownerId: appealId });
      }
      await this.record(
        em,
        appealId,
        'submit',
        null,
        'submitted',
        { accountId: principal.accountId, role: 'holder' },
        now,
      );
      return appealId;
    });
    return this.getMine(principal, id);
  }

  /** The caller's appeals and errands, newest first. */
  async mine(principal: Principal, opts: { beforeId?: number; limit: number }): Promise<Appeal[]> {
    const where: FindOptionsWhere<Appeal> = { accountId: principal.accountId };
    if (opts.beforeId) where.id = LessThan(opts.beforeId);
    return this.db.manager.find(Appeal, { where, order: { id: 'DESC' }, take: opts.limit });
  }

  /** One of the caller's appeals with its history and their actions; another holder's is 404. */
  async getMine(principal: Principal, id: number): Promise<AppealDetail> {
    const appeal = await this.db.manager.findOneBy(Appeal, { id, accountId: principal.accountId });
    if (!appeal) throw notFound('诉求不存在');
    return this.detail(this.db.manager, appeal, holderActions(appeal));
  }

  /** A person's appeals and errands, newest first (at most 50), for staff already allowed to read their file. */
  async appealsOf(personId: number): Promise<Appeal[]> {
    return this.db.manager.find(Appeal, { where: { personId }, order: { id: 'DESC' }, take: 50 });
  }

  /** The holder accepts the outcome. */
  async confirm(principal: Principal, id: number): Promise<AppealDetail> {
    await this.db.transaction(async (em) => {
      await this.ownAppeal(em, principal, id);
      await this.move(em, id, 'confirm', { accountId: principal.accountId, role: 'holder' });
    });
    return this.getMine(principal, id);
  }

  /**
   * The holder sends a resolved appeal back to its handler, once and only before rating it:
   * 409 REOPEN_USED the second time.
   */
  async reopen(principal: Principal, id: number, reason: string): Promise<AppealDetail> {
    await this.db.transaction(async (em) => {
      const appeal = await this.ownAppeal(em, principal, id);
      if (appeal.status === 'resolved' && appeal.reopenedCount >= MAX_REOPENS) throw AppealErrors.reopenUsed();
      await this.move(
        em,
        id,
        'reopen',
        { accountId: principal.accountId, role: 'holder' },
        { reason, set: { reopenedCount: appeal.reopenedCount + 1 } },
        // Guards against a rating or another reopening committed since the read.
        { where: 'reopened_count = :count AND rating IS NULL', params: { count: appeal.reopenedCount } },
      );
    });
    return this.getMine(principal, id);
  }

  /** The holder rates the handling, once, after it was resolved (409 ALREADY_RATED the second time). */
  async rate(principal: Principal, id: number, rating: number, comment: string | undefined): Promise<AppealDetail> {
    await this.db.transaction(async (em) => {
      const appeal = await this.ownAppeal(em, principal, id);
      if (appeal.rating !== null) throw AppealErrors.alreadyRated();
      if (!RATABLE.includes(appeal.status)) throw AppealErrors.notRatable();
      const now = this.clock.now();
      const result = await em
        .createQueryBuilder()
        .update(Appeal)
        .set({ rating, ratingComment: comment || null, ratedAt: now, updatedAt: now })
        .where('id = :id AND rating IS NULL AND status = :status', { id, status: appeal.status })
        .execute();
      if (result.affected !== 1) throw AppealErrors.alreadyRated();
      await this.record(
        em,
        id,
        'rate',
        appeal.status,
        appeal.status,
        { accountId: principal.accountId, role: 'holder' },
        now,
      );
    });
    return this.getMine(principal, id);
  }

  /** The staff member's queue: their station's (station staff) or any station's, newest first. */
  async staffList(principal: Principal, filter: StaffAppealFilter): Promise<{ rows: Appeal[]; today: string }> {
    const em = this.db.manager;
    const scope = await staffScopeOf(em, principal);
    const today = shanghaiDate(this.clock.now());
    const q = em.createQueryBuilder(Appeal, 'a').orderBy('a.id', 'DESC').take(filter.limit);
    const stationId = scope.stationId ?? filter.stationId;
    if (stationId !== undefined) q.andWhere('a.station_id = :stationId', { stationId });
    if (scope.handlerOnly) q.andWhere('a.handler_account_id = :me', { me: scope.accountId });
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.kind) q.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.category) q.andWhere('a.category = :category', { category: filter.category });
    if (filter.handlerAccountId) q.andWhere('a.handler_account_id = :handler', { handler: filter.handlerAccountId });
    if (filter.beforeId) q.andWhere('a.id < :beforeId', { beforeId: filter.beforeId });
    if (filter.overdue === true) {
      q.andWhere('a.status IN (:...open) AND a.promised_date < :today', { open: OPEN_WORK, today });
    } else if (filter.overdue === false) {
      q.andWhere('(a.status NOT IN (:...open) OR a.promised_date IS NULL OR a.promised_date >= :today)', {
        open: OPEN_WORK,
        today,
      });
    }
    return { rows: await q.getMany(), today };
  }

  /** The display names of the appeals' handlers, by account. */
  async handlerNames(appeals: readonly Pick<Appeal, 'handlerAccountId'>[]): Promise<Map<number, string>> {
    const ids = appeals.map((a) => a.handlerAccountId).filter((id): id is number => id !== null);
    const names = await this.staff.accountNames(ids);
    return new Map([...names].map(([id, n]) => [id, n.displayName]));
  }

  /**
   * Who may be named to handle an appeal of a station: its staff and its 代办员 (district staff
   * may also take one themselves). Station staff ask for their own station.
   */
  async handlers(principal: Principal, stationId: number | undefined): Promise<StaffMember[]> {
    const scope = await staffScopeOf(this.db.manager, principal);
    if (scope.handlerOnly) throw forbidden('仅服务站或区级工作人员可以指定经办人');
    const station = scope.stationId ?? stationId;
    if (station === undefined) throw validationFailed('stationId', '请选择服务站');
    return this.staff.membersOfStation(station, HANDLER_ROLES);
  }

  /** One appeal as staff handle it; another station's is 404 to station staff. */
  async staffGet(principal: Principal, id: number): Promise<StaffAppealDetail> {
    const em = this.db.manager;
    const scope = await staffScopeOf(em, principal);
    const appeal = await em.findOneBy(Appeal, { id });
    assertVisible(scope, appeal);
    return this.staffDetail(scope, appeal);
  }

  private async staffDetail(scope: AppealStaffScope, appeal: Appeal): Promise<StaffAppealDetail> {
    const [detail, holders, handlers] = await Promise.all([
      this.detail(this.db.manager, appeal, this.staffActions(scope, appeal)),
      this.people.identitiesOf([appeal.accountId]),
      this.handlerNames([appeal]),
    ]);
    const handlerName = appeal.handlerAccountId ? (handlers.get(appeal.handlerAccountId) ?? null) : null;
    return { ...detail, holder: holders.get(appeal.accountId) ?? null, handlerName };
  }

  /**
   * 受理: takes the appeal with a handler (the caller unless named) and the day it will be done by.
   * 1. The handler is enabled staff of the appeal's station, or district staff (else 400).
   * 2. The promised day is today or later (Asia/Shanghai).
   * 3. Guarded transition submitted → accepted: of two staff accepting at once, one wins and the
   *    other gets 409 INVALID_TRANSITION. The holder is told who handles it and by when.
   */
  async accept(
    principal: Principal,
    id: number,
    input: { promisedDate: string; handlerAccountId?: number },
    requestId: string,
  ): Promise<StaffAppealDetail> {
    const handlerId = input.handlerAccountId ?? principal.accountId;
    const handler = (await this.staff.findStaffMembers([handlerId])).get(handlerId);
    return this.act(principal, id, requestId, 'accept', async (em, appeal, actor, now) => {
      const eligible =
        !!handler &&
        !handler.disabled &&
        (handler.roles.includes('district_staff') ||
          (handler.stationId === appeal.stationId && HANDLER_ROLES.some((r) => handler.roles.includes(r))));
      if (!eligible) {
        throw validationFailed('handlerAccountId', '经办人须为该服务站的在职工作人员、代办员或区级工作人员');
      }
      if (input.promisedDate < shanghaiDate(now)) throw validationFailed('promisedDate', '承诺办结日期不能早于今天');
      const moved = await this.move(em, id, 'accept', actor, {
        reason: `承诺 ${input.promisedDate} 前办结`,
        set: { handlerAccountId: handlerId, promisedDate: input.promisedDate, acceptedAt: now },
      });
      await this.tellHolder(em, appeal, moved.eventId, now, {
        title: `您的${KIND_WORDS[appeal.kind]}已受理`,
        remark: `承诺${input.promisedDate}前办结`,
        detail: `您提交的${KIND_WORDS[appeal.kind]}（${appeal.category}）已受理，承诺于 ${input.promisedDate} 前办结。`,
      });
      return { handlerAccountId: handlerId, promisedDate: input.promisedDate };
    });
  }

  /** The handler starts the work (accepted → in_progress); the holder hears it is under way. */
  async start(principal: Principal, id: number, requestId: string): Promise<StaffAppealDetail> {
    return this.act(principal, id, requestId, 'start', async (em, appeal, actor, now) => {
      const moved = await this.move(em, id, 'start', actor);
      await this.tellHolder(em, appeal, moved.eventId, now, {
        title: `您的${KIND_WORDS[appeal.kind]}正在办理`,
        remark: '工作人员正在办理',
        detail: `您提交的${KIND_WORDS[appeal.kind]}（${appeal.category}）正在办理中，办结后会通知您。`,
      });
      return {};
    });
  }

  /** 办结: the outcome in words; the holder confirms it, sends it back once, and rates it. */
  async resolve(principal: Principal, id: number, outcome: string, requestId: string): Promise<StaffAppealDetail> {
    return this.act(principal, id, requestId, 'resolve', async (em, appeal, actor, now) => {
      const moved = await this.move(em, id, 'resolve', actor, {
        reason: outcome.slice(0, 500),
        set: { outcome, resolvedAt: now },
      });
      await this.tellHolder(em, appeal, moved.eventId, now, {
        title: `您的${KIND_WORDS[appeal.kind]}已办结`,
        remark: '请确认办理结果并评价',
        detail: `您提交的${KIND_WORDS[appeal.kind]}（${appeal.category}）已办结。办理结果：${outcome}`,
      });
      return {};
    });
  }

  /** Refuses an appeal not yet under way, with the reason the holder reads. */
  async reject(principal: Principal, id: number, reason: string, requestId: string): Promise<StaffAppealDetail> {
    return this.act(principal, id, requestId, 'reject', async (em, appeal, actor, now) => {
      const moved = await this.move(em, id, 'reject', actor, { reason, set: { rejectReason: reason } });
      await this.tellHolder(em, appeal, moved.eventId, now, {
        title: `您的${KIND_WORDS[appeal.kind]}未予受理`,
        remark: reason,
        detail: `您提交的${KIND_WORDS[appeal.kind]}（${appeal.category}）未予受理。原因：${reason}`,
      });
      return {};
    });
  }

  /**
   * A staff step: in one transaction, find the appeal in the caller's scope (404 outside it, 403
   * for read-only admins), take the step, and audit it with what it set.
   */
  private async act(
    principal: Principal,
    id: number,
    requestId: string,
    transitionName: AppealTransition,
    step: (em: EntityManager, appeal: Appeal, actor: TransitionActor, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<StaffAppealDetail> {
    const scope = await staffScopeOf(this.db.manager, principal);
    const action = await this.db.transaction(async (em) => {
      const appeal = await em.findOneBy(Appeal, { id });
      assertVisible(scope, appeal);
      assertMayAct(scope, transitionName);
      const now = this.clock.now();
      const before = appeal.status;
      const detail = await step(em, appeal, { accountId: principal.accountId, role: 'staff' }, now);
      const after = await em.findOneByOrFail(Appeal, { id });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: `appeal.${after.status}`,
          targetType: 'appeal',
          targetId: id,
          detail: { from: before, to: after.status, stationId: appeal.stationId, ...detail },
          requestId,
        },
        now,
      );
      return after;
    });
    return this.staffDetail(scope, action);
  }

  private staffActions(scope: AppealStaffScope, appeal: Appeal): string[] {
    if (!scope.mayAct) return [];
    const actions = allowedActions(APPEAL_TRANSITIONS, appeal.status, 'staff');
    return scope.handlerOnly ? actions.filter((a) => RUNNER_ACTIONS.includes(a as AppealTransition)) : actions;
  }

  /** The holder's own appeal, read in the transaction; anyone else's is 404. */
  private async ownAppeal(em: EntityManager, principal: Principal, id: number): Promise<Appeal> {
    const appeal = await em.findOneBy(Appeal, { id, accountId: principal.accountId });
    if (!appeal) throw notFound('诉求不存在');
    return appeal;
  }

  private move(
    em: EntityManager,
    id: number,
    action: AppealTransition,
    actor: TransitionActor,
    opts: { reason?: string; set?: Partial<Appeal> } = {},
    guard?: { where: string; params: Record<string, unknown> },
  ) {
    const now = this.clock.now();
    return transition(em, {
      entity: Appeal,
      id,
      table: APPEAL_TRANSITIONS,
      action,
      actor,
      at: now,
      reason: opts.reason ?? null,
      set: { ...opts.set, updatedAt: now },
      history: APPEAL_HISTORY,
      guard,
    });
  }

  private async record(
    em: EntityManager,
    appealId: number,
    action: AppealAction,
    from: AppealStatus | null,
    to: AppealStatus,
    actor: TransitionActor,
    at: Date,
  ): Promise<void> {
    await em.insert(AppealEvent, {
      appealId,
      action,
      fromStatus: from,
      toStatus: to,
      actorAccountId: actor.accountId,
      actorRole: actor.role as AppealEvent['actorRole'],
      reason: null,
      createdAt: at,
    });
  }

  /** A step the holder hears of: in their timeline and, where they subscribed, as a WeChat notice. */
  private async tellHolder(
    em: EntityManager,
    appeal: Appeal,
    eventId: number,
    now: Date,
    words: { title: string; remark: string; detail: string },
  ): Promise<void> {
    await this.notifications.notify(em, {
      recipient: appeal.accountId,
      templateKey: 'service_notice',
      data: { title: words.title, remark: words.remark.slice(0, 20), time: wechatTime(now), detail: words.detail },
      page: APPEAL_PAGES.appeal(appeal.id),
      idempotencyKey: `appeal:${appeal.id}:${eventId}`,
    });
  }

  private async detail(em: EntityManager, appeal: Appeal, actions: string[]): Promise<AppealDetail> {
    const [history, files, stations] = await Promise.all([
      em.find(AppealEvent, { where: { appealId: appeal.id }, order: { id: 'ASC' } }),
      em.find(AppealFile, { where: { appealId: appeal.id }, order: { position: 'ASC' } }),
      this.staff.listStations(),
    ]);
    return {
      appeal,
      history,
      fileIds: files.map((f) => f.fileId),
      stationName: stations.find((s) => s.id === appeal.stationId)?.name ?? null,
      overdue: isOverdue(appeal, shanghaiDate(this.clock.now())),
      allowedActions: actions,
    };
  }

  /** Station names for a page of appeals. */
  async stationNames(): Promise<Map<number, string>> {
    return new Map((await this.staff.listStations()).map((s) => [s.id, s.name]));
  }

  /**
   * Inserts the appeal holding one of the day's numbered places (`<account>:<day>:<n>`): the
   * unique key settles two filings racing for the same place, and the next place is tried.
   */
  private async insertWithinDailyLimit(
    em: EntityManager,
    accountId: number,
    now: Date,
    values: Omit<Appeal, 'id' | 'limitKey'>,
  ): Promise<number> {
    const prefix = `${accountId}:${shanghaiDate(now)}:`;
    for (let n = 1; n <= APPEALS_PER_DAY; n++) {
      if (await em.existsBy(Appeal, { limitKey: `${prefix}${n}` })) continue;
      try {
        const r = await em.insert(Appeal, { ...values, limitKey: `${prefix}${n}` });
        return Number(r.identifiers[0].id);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw AppealErrors.dailyLimit(APPEALS_PER_DAY);
  }
}
