import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { wechatTime } from '../../lib/notice-template';
import type { Principal } from '../../lib/principal';
import { allowedActions, transition, type TransitionActor } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import { APPLICATION_HISTORY, JobApplicationEvent } from './employment-events.entity';
import { EmploymentErrors } from './employment.errors';
import { EMPLOYMENT_PAGES } from './employment.pages';
import { ownEmployer } from './employment.policy';
import {
  APPLICATION_TRANSITIONS,
  APPLICATIONS_PER_DAY,
  type ApplicationStatus,
  type ApplicationTransition,
  type EmployerAction,
} from './employment.states';
import { JobApplication, JobProfile } from './job-application.entity';
import { JobPosting } from './job-posting.entity';
import type { PostingsService } from './postings.service';

/** The field-crypto context of the phone numbers in profiles and their snapshots. */
export const JOB_PHONE_CONTEXT = 'employment.phone';

export interface ProfileInput {
  name: string;
  phone: string;
  skills: string;
  serviceBackground: string;
  desiredWork: string;
}

/** A profile as its owner reads it (the phone in full: it is theirs). */
export interface ProfileView extends ProfileInput {
  updatedAt: Date;
}

/** An application with its posting's title and employer, history and the reader's actions. */
export interface ApplicationDetail {
  application: JobApplication;
  postingTitle: string;
  employerName: string;
  history: JobApplicationEvent[];
  allowedActions: string[];
  /** The applicant's phone in full: for the holder themself and the employer applied to. */
  phone: string | null;
}

/** The words the holder hears for each step the employer takes. */
const STEP_WORDS: Record<EmployerAction, { title: string; remark: (note: string | null) => string }> = {
  view: { title: '简历已被查看', remark: () => '招聘单位已查看您的简历' },
  interview: { title: '收到面试邀请', remark: (note) => note ?? '请留意面试安排' },
  hire: { title: '恭喜您被录用', remark: () => '请与招聘单位联系入职' },
  decline: { title: '应聘结果通知', remark: (note) => note ?? '很遗憾，本次未被录用' },
};

/**
 * Holders' job-seeking profiles and applications: a holder with a bound identity and a profile
 * applies to an open posting (once per posting, at most 10 a day) with a snapshot of the profile;
 * the employer applied to reads the snapshot and moves the application; the holder withdraws it
 * before a decision and hears each step through the shared `service_notice` template.
 */
export class JobApplicationsService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly postings: PostingsService,
    private readonly notifications: NotificationsService,
    private readonly crypto: FieldCrypto,
    private readonly clock: Clock,
  ) {}

  /** The caller's own profile, or null before they write one. */
  async profile(principal: Principal): Promise<ProfileView | null> {
    const p = await this.db.manager.findOneBy(JobProfile, { accountId: principal.accountId });
    if (!p) return null;
    return {
      name: p.name,
      phone: this.crypto.decrypt(p.phoneCipher, JOB_PHONE_CONTEXT),
      skills: p.skills,
      serviceBackground: p.serviceBackground,
      desiredWork: p.desiredWork,
      updatedAt: p.updatedAt,
    };
  }

  /** Writes the caller's profile (one per holder); applications already sent keep their snapshot. */
  async saveProfile(principal: Principal, input: ProfileInput): Promise<ProfileView> {
    const fields = {
      name: input.name,
      phoneCipher: this.crypto.encrypt(input.phone, JOB_PHONE_CONTEXT),
      phoneLast4: input.phone.slice(-4),
      skills: input.skills,
      serviceBackground: input.serviceBackground,
      desiredWork: input.desiredWork,
    };
    const write = () =>
      this.db.transaction(async (em) => {
        const now = this.clock.now();
        const existing = await em.findOneBy(JobProfile, { accountId: principal.accountId });
        if (existing) await em.update(JobProfile, { id: existing.id }, { ...fields, updatedAt: now });
        else await em.insert(JobProfile, { accountId: principal.accountId, ...fields, createdAt: now, updatedAt: now });
      });
    try {
      await write();
    } catch (err) {
      // Two first saves at once: the unique account key let one insert; this one updates it.
      if (!isUniqueViolation(err)) throw err;
      await write();
    }
    return (await this.profile(principal))!;
  }

  /** Names and phones' last four from some holders' job profiles (for a fair's check-in desk). */
  async profileSummaries(accountIds: readonly number[]): Promise<Map<number, { name: string; phoneLast4: string }>> {
    const ids = [...new Set(accountIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.find(JobProfile, {
      where: { accountId: In(ids) },
      select: { accountId: true, name: true, phoneLast4: true },
    });
    return new Map(rows.map((p) => [p.accountId, { name: p.name, phoneLast4: p.phoneLast4 }]));
  }

  /**
   * 1. A bound identity (409 IDENTITY_REQUIRED) and a profile (409 PROFILE_REQUIRED).
   * 2. In one transaction: the posting is open (409 POSTING_CLOSED; unknown: 404); the holder has
   *    not applied to it (409 ALREADY_APPLIED, settled by a unique key); one of the day's places
   *    (409 LIMIT_REACHED past 10); the snapshot of the profile and the first history row.
   */
  async apply(principal: Principal, postingId: number): Promise<ApplicationDetail> {
    if (!(await this.people.identityOf(principal.accountId))) throw EmploymentErrors.identityRequired();
    const profile = await this.db.manager.findOneBy(JobProfile, { accountId: principal.accountId });
    if (!profile) throw EmploymentErrors.profileRequired();
    let id: number;
    try {
      id = await this.db.transaction(async (em) => {
        if (!(await em.existsBy(JobPosting, { id: postingId }))) throw notFound('岗位不存在');
        const posting = await this.postings.openPosting(em, postingId);
        if (!posting) throw EmploymentErrors.postingClosed();
        if (await em.existsBy(JobApplication, { postingId, accountId: principal.accountId })) {
          throw EmploymentErrors.alreadyApplied();
        }
        const now = this.clock.now();
        const applicationId = await this.insertWithinDailyLimit(em, principal.accountId, now, {
          postingId,
          employerId: posting.employerId,
          accountId: principal.accountId,
          status: 'submitted',
          name: profile.name,
          phoneCipher: profile.phoneCipher,
          phoneLast4: profile.phoneLast4,
          skills: profile.skills,
          serviceBackground: profile.serviceBackground,
          desiredWork: profile.desiredWork,
          interviewNote: null,
          declineReason: null,
          hiredAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(JobApplicationEvent, {
          applicationId,
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          actorAccountId: principal.accountId,
          actorRole: 'holder',
          reason: null,
          createdAt: now,
        });
        return applicationId;
      });
    } catch (err) {
      // The same posting applied to twice at once: the unique (posting, holder) key kept one.
      if (isUniqueViolation(err)) throw EmploymentErrors.alreadyApplied();
      throw err;
    }
    return this.getMine(principal, id);
  }

  /** The caller's applications, newest first. */
  mine(principal: Principal, opts: { beforeId?: number; limit: number }): Promise<JobApplication[]> {
    const where: FindOptionsWhere<JobApplication> = { accountId: principal.accountId };
    if (opts.beforeId) where.id = LessThan(opts.beforeId);
    return this.db.manager.find(JobApplication, { where, order: { id: 'DESC' }, take: opts.limit });
  }

  /** One of the caller's applications; another holder's is 404. */
  async getMine(principal: Principal, id: number): Promise<ApplicationDetail> {
    const a = await this.db.manager.findOneBy(JobApplication, { id, accountId: principal.accountId });
    if (!a) throw notFound('投递记录不存在');
    return this.detail(this.db.manager, a, allowedActions(APPLICATION_TRANSITIONS, a.status, 'holder'));
  }

  /** The holder withdraws an application not yet decided. */
  async withdraw(principal: Principal, id: number): Promise<ApplicationDetail> {
    await this.db.transaction(async (em) => {
      if (!(await em.existsBy(JobApplication, { id, accountId: principal.accountId }))) {
        throw notFound('投递记录不存在');
      }
      await this.move(em, id, 'withdraw', { accountId: principal.accountId, role: 'holder' });
    });
    return this.getMine(principal, id);
  }

  /** Which of some postings the caller applied to. */
  async appliedAmong(principal: Principal, postingIds: readonly number[]): Promise<Set<number>> {
    if (postingIds.length === 0) return new Set();
    const rows = await this.db.manager.find(JobApplication, {
      where: { accountId: principal.accountId, postingId: In([...postingIds]) },
      select: { postingId: true },
    });
    return new Set(rows.map((r) => r.postingId));
  }

  /**
   * The applications the caller's employer received (optionally for one posting, in one status),
   * newest first: the profiles holders chose to send it. Each read is audit-logged.
   */
  async received(
    principal: Principal,
    filter: { postingId?: number; status?: ApplicationStatus; beforeId?: number; limit: number },
    requestId: string,
  ): Promise<ApplicationDetail[]> {
    const em = this.db.manager;
    const employer = await ownEmployer(em, principal);
    const where: FindOptionsWhere<JobApplication> = { employerId: employer.id };
    if (filter.postingId) where.postingId = filter.postingId;
    if (filter.status) where.status = filter.status;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    const rows = await em.find(JobApplication, { where, order: { id: 'DESC' }, take: filter.limit });
    await this.auditRead(principal, 'employer', rows, requestId, { employerId: employer.id });
    return Promise.all(
      rows.map((a) => this.detail(em, a, allowedActions(APPLICATION_TRANSITIONS, a.status, 'employer'))),
    );
  }

  /** One application the caller's employer received (any other: 404). Audit-logged. */
  async receivedOne(principal: Principal, id: number, requestId: string): Promise<ApplicationDetail> {
    const em = this.db.manager;
    const employer = await ownEmployer(em, principal);
    const a = await em.findOneBy(JobApplication, { id, employerId: employer.id });
    if (!a) throw notFound('投递记录不存在');
    await this.auditRead(principal, 'employer', [a], requestId, { employerId: employer.id });
    return this.detail(em, a, allowedActions(APPLICATION_TRANSITIONS, a.status, 'employer'));
  }

  /**
   * The employer moves an application it received: viewed, interview (with the time and place),
   * hired, declined (with an optional reason). The holder is told in the same transaction.
   */
  async employerStep(
    principal: Principal,
    id: number,
    action: EmployerAction,
    note: string | undefined,
    requestId: string,
  ): Promise<ApplicationDetail> {
    await this.db.transaction(async (em) => {
      const employer = await ownEmployer(em, principal);
      const a = await em.findOneBy(JobApplication, { id, employerId: employer.id });
      if (!a) throw notFound('投递记录不存在');
      const now = this.clock.now();
      const set: Partial<JobApplication> =
        action === 'interview'
          ? { interviewNote: note ?? null }
          : action === 'decline'
            ? { declineReason: note ?? null }
            : action === 'hire'
              ? { hiredAt: now }
              : {};
      const moved = await this.move(em, id, action, { accountId: principal.accountId, role: 'employer' }, note, set);
      const posting = await em.findOneBy(JobPosting, { id: a.postingId });
      const words = STEP_WORDS[action];
      const remark = words.remark(note ?? null);
      await this.notifications.notify(em, {
        recipient: a.accountId,
        templateKey: 'service_notice',
        data: {
          title: words.title,
          remark: remark.slice(0, 20),
          time: wechatTime(now),
          detail: `${employer.companyName}「${posting?.title ?? ''}」：${remark}`,
        },
        page: EMPLOYMENT_PAGES.myApplications,
        idempotencyKey: `job-application:${id}:${moved.eventId}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: `job_application.${action}`,
          targetType: 'job_application',
          targetId: id,
          detail: { employerId: employer.id },
          requestId,
        },
        now,
      );
    });
    const a = await this.db.manager.findOneByOrFail(JobApplication, { id });
    return this.detail(this.db.manager, a, allowedActions(APPLICATION_TRANSITIONS, a.status, 'employer'));
  }

  /** Staff read the applications to one posting (profiles included). Audit-logged like the roster. */
  async staffForPosting(principal: Principal, postingId: number, requestId: string): Promise<ApplicationDetail[]> {
    const em = this.db.manager;
    if (!(await em.existsBy(JobPosting, { id: postingId }))) throw notFound('岗位不存在');
    const rows = await em.find(JobApplication, { where: { postingId }, order: { id: 'DESC' } });
    await this.auditRead(principal, 'staff', rows, requestId, { postingId });
    return Promise.all(rows.map((a) => this.detail(em, a, [])));
  }

  private async auditRead(
    principal: Principal,
    as: 'employer' | 'staff',
    rows: JobApplication[],
    requestId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      for (const a of rows) {
        await recordAudit(
          tx,
          {
            actorAccountId: principal.accountId,
            action: `job_application.read_by_${as}`,
            targetType: 'job_application',
            targetId: a.id,
            detail,
            requestId,
          },
          now,
        );
      }
    });
  }

  private move(
    em: EntityManager,
    id: number,
    action: ApplicationTransition,
    actor: TransitionActor,
    reason?: string,
    set: Partial<JobApplication> = {},
  ) {
    const now = this.clock.now();
    return transition(em, {
      entity: JobApplication,
      id,
      table: APPLICATION_TRANSITIONS,
      action,
      actor,
      at: now,
      reason: reason ?? null,
      set: { ...set, updatedAt: now },
      history: APPLICATION_HISTORY,
    });
  }

  private async detail(em: EntityManager, a: JobApplication, actions: string[]): Promise<ApplicationDetail> {
    const [posting, history] = await Promise.all([
      em.findOneBy(JobPosting, { id: a.postingId }),
      em.find(JobApplicationEvent, { where: { applicationId: a.id }, order: { id: 'ASC' } }),
    ]);
    const names = await this.postings.namesOf([a.employerId]);
    return {
      application: a,
      postingTitle: posting?.title ?? '',
      employerName: names.get(a.employerId) ?? '',
      history,
      allowedActions: actions,
      phone: a.phoneCipher ? this.crypto.decrypt(a.phoneCipher, JOB_PHONE_CONTEXT) : null,
    };
  }

  /**
   * Inserts the application holding one of the day's numbered places (`<account>:<day>:<n>`): the
   * unique key settles two applications racing for the same place, and the next place is tried.
   */
  private async insertWithinDailyLimit(
    em: EntityManager,
    accountId: number,
    now: Date,
    values: Omit<JobApplication, 'id' | 'limitKey'>,
  ): Promise<number> {
    const prefix = `${accountId}:${shanghaiDate(now)}:`;
    for (let n = 1; n <= APPLICATIONS_PER_DAY; n++) {
      if (await em.existsBy(JobApplication, { limitKey: `${prefix}${n}` })) continue;
      try {
        const r = await em.insert(JobApplication, { ...values, limitKey: `${prefix}${n}` });
        return Number(r.identifiers[0].id);
      } catch (err) {
        // Another application took this place meanwhile: try the next. Any other key is the caller's.
        if (!isUniqueViolation(err) || !/limit_key/.test(String((err as Error).message))) throw err;
      }
    }
    throw EmploymentErrors.dailyLimit(APPLICATIONS_PER_DAY);
  }
}
