import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { TransitionErrors, transition } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import { recordAudit } from '../staff/audit.service';
import { Employer } from './employer.entity';
import { JobPostingEvent, POSTING_HISTORY } from './employment-events.entity';
import { assertStaffMayAct, ownEmployer } from './employment.policy';
import { POSTING_TRANSITIONS, type PostingStatus } from './employment.states';
import { POSTING_CATEGORIES } from './employment.types';
import { JobApplication } from './job-application.entity';
import { JobPosting, JobPostingSave } from './job-posting.entity';

export interface PostingInput {
  title: string;
  category: string;
  salaryMin: number;
  salaryMax: number;
  district: string;
  address: string;
  headcount: number;
  requirements: string;
  veteranPreferred: boolean;
  veteranPreferenceText?: string | null;
  validUntil: string;
}

export interface BrowseFilter {
  category?: string;
  district?: string;
  salaryAtLeast?: number;
  q?: string;
  beforeId?: number;
  limit: number;
}

/** A posting with what its readers see beside it. */
export interface PostingDetail {
  posting: JobPosting;
  employerName: string;
  /** The status as read today: a published posting past its day reads as closed. */
  status: PostingStatus;
  history: JobPostingEvent[];
}

/** The status a reader sees on `today` (Asia/Shanghai): past its valid-until day, a published posting is closed. */
export const effectiveStatus = (p: Pick<JobPosting, 'status' | 'validUntil'>, today: string): PostingStatus =>
  p.status === 'published' && p.validUntil < today ? 'closed' : p.status;

const likeEscape = (s: string) => s.replace(/[!%_]/g, '!$&');

/**
 * Job postings: an approved employer publishes, edits and closes its own; holders browse the open
 * ones and save them; district staff take one down with a reason.
 */
export class PostingsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Publishes a posting for the caller's approved employer (403 EMPLOYER_NOT_APPROVED otherwise). */
  async create(principal: Principal, input: PostingInput): Promise<PostingDetail> {
    const id = await this.db.transaction(async (em) => {
      const employer = await ownEmployer(em, principal, { approved: true });
      const now = this.clock.now();
      this.check(input, shanghaiDate(now));
      const r = await em.insert(JobPosting, {
        employerId: employer.id,
        ...this.fields(input),
        status: 'published',
        takedownReason: null,
        closedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const postingId = Number(r.identifiers[0].id);
      await em.insert(JobPostingEvent, {
        postingId,
        action: 'publish',
        fromStatus: null,
        toStatus: 'published',
        actorAccountId: principal.accountId,
        actorRole: 'employer',
        reason: null,
        createdAt: now,
      });
      return postingId;
    });
    return this.detail(this.db.manager, id);
  }

  /** Edits one of the employer's published postings (the result is checked as a whole). */
  async update(principal: Principal, id: number, patch: Partial<PostingInput>): Promise<PostingDetail> {
    await this.db.transaction(async (em) => {
      const employer = await ownEmployer(em, principal, { approved: true });
      const posting = await em.findOneBy(JobPosting, { id, employerId: employer.id });
      if (!posting) throw notFound('岗位不存在');
      const now = this.clock.now();
      const merged: PostingInput = { ...posting, ...patch };
      this.check(merged, shanghaiDate(now));
      const r = await em
        .createQueryBuilder()
        .update(JobPosting)
        .set({ ...this.fields(merged), updatedAt: now })
        .where('id = :id AND status = :published', { id, published: 'published' })
        .execute();
      // Closed or taken down meanwhile: only a published posting is edited.
      if (r.affected !== 1) throw TransitionErrors.moved();
    });
    return this.detail(this.db.manager, id);
  }

  /** The employer stops recruiting for one of its postings. */
  async close(principal: Principal, id: number): Promise<PostingDetail> {
    await this.db.transaction(async (em) => {
      const employer = await ownEmployer(em, principal);
      if (!(await em.existsBy(JobPosting, { id, employerId: employer.id }))) throw notFound('岗位不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: JobPosting,
        id,
        table: POSTING_TRANSITIONS,
        action: 'close',
        actor: { accountId: principal.accountId, role: 'employer' },
        at: now,
        set: { closedAt: now, updatedAt: now },
        history: POSTING_HISTORY,
      });
    });
    return this.detail(this.db.manager, id);
  }

  /** The employer's own postings, newest first, with how many applications each has (withdrawn ones aside). */
  async listMine(
    principal: Principal,
  ): Promise<{ rows: JobPosting[]; today: string; applications: Map<number, number> }> {
    const em = this.db.manager;
    const employer = await ownEmployer(em, principal);
    const rows = await em.find(JobPosting, { where: { employerId: employer.id }, order: { id: 'DESC' } });
    const counts = await em
      .createQueryBuilder(JobApplication, 'a')
      .select('a.posting_id', 'postingId')
      .addSelect('COUNT(*)', 'n')
      .where('a.employer_id = :employer', { employer: employer.id })
      .andWhere('a.status <> :withdrawn', { withdrawn: 'withdrawn' })
      .groupBy('a.posting_id')
      .getRawMany<{ postingId: number | string; n: number | string }>();
    const applications = new Map(counts.map((c) => [Number(c.postingId), Number(c.n)]));
    return { rows, today: this.today(), applications };
  }

  /**
   * What holders browse: published, not past their day, of approved employers; by category, district,
   * a salary at least (the posting's maximum reaches it) and a keyword (title, requirements, company);
   * newest first.
   */
  async browse(filter: BrowseFilter): Promise<{ rows: JobPosting[]; names: Map<number, string>; today: string }> {
    const today = this.today();
    const q = this.db.manager
      .createQueryBuilder(JobPosting, 'p')
      .innerJoin(Employer, 'e', 'e.id = p.employer_id')
      .where('p.status = :published AND p.valid_until >= :today AND e.status = :approved', {
        published: 'published',
        today,
        approved: 'approved',
      })
      .orderBy('p.id', 'DESC')
      .take(filter.limit);
    if (filter.category) q.andWhere('p.category = :category', { category: filter.category });
    if (filter.district) q.andWhere('p.district = :district', { district: filter.district });
    if (filter.salaryAtLeast !== undefined) q.andWhere('p.salary_max >= :salary', { salary: filter.salaryAtLeast });
    if (filter.q) {
      const like = `%${likeEscape(filter.q)}%`;
      q.andWhere(
        "(p.title LIKE :like ESCAPE '!' OR p.requirements LIKE :like ESCAPE '!' OR e.company_name LIKE :like ESCAPE '!')",
        { like },
      );
    }
    if (filter.beforeId) q.andWhere('p.id < :beforeId', { beforeId: filter.beforeId });
    const rows = await q.getMany();
    return { rows, names: await this.namesOf(rows.map((p) => p.employerId)), today };
  }

  /**
   * One posting as a holder reads it: a published or closed posting of an approved employer (taken
   * down, or of an employer not approved: 404), with whether the caller saved and applied to it.
   */
  async getForHolder(id: number): Promise<PostingDetail> {
    const em = this.db.manager;
    const posting = await em.findOneBy(JobPosting, { id });
    if (!posting || posting.status === 'taken_down') throw notFound('岗位不存在');
    if (!(await em.existsBy(Employer, { id: posting.employerId, status: 'approved' }))) throw notFound('岗位不存在');
    return this.detail(em, id);
  }

  /** One of the employer's own postings. */
  async getMine(principal: Principal, id: number): Promise<PostingDetail> {
    const employer = await ownEmployer(this.db.manager, principal);
    if (!(await this.db.manager.existsBy(JobPosting, { id, employerId: employer.id }))) throw notFound('岗位不存在');
    return this.detail(this.db.manager, id);
  }

  /** Saves a posting the holder can read (idempotent). */
  async save(principal: Principal, id: number): Promise<void> {
    await this.getForHolder(id);
    try {
      await this.db.transaction(async (em) => {
        if (await em.existsBy(JobPostingSave, { accountId: principal.accountId, postingId: id })) return;
        await em.insert(JobPostingSave, { accountId: principal.accountId, postingId: id, createdAt: this.clock.now() });
      });
    } catch (err) {
      // Two saves at once: the other one stored it.
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** Removes a save (idempotent). */
  async unsave(principal: Principal, id: number): Promise<void> {
    await this.db.transaction((em) => em.delete(JobPostingSave, { accountId: principal.accountId, postingId: id }));
  }

  /** The holder's saved postings (taken-down ones left out), latest saved first. */
  async saved(principal: Principal): Promise<{ rows: JobPosting[]; names: Map<number, string>; today: string }> {
    const em = this.db.manager;
    const saves = await em.find(JobPostingSave, { where: { accountId: principal.accountId }, order: { id: 'DESC' } });
    const postings = saves.length ? await em.findBy(JobPosting, { id: In(saves.map((s) => s.postingId)) }) : [];
    const byId = new Map(postings.map((p) => [p.id, p]));
    const rows = saves
      .map((s) => byId.get(s.postingId))
      .filter((p): p is JobPosting => !!p && p.status !== 'taken_down');
    return { rows, names: await this.namesOf(rows.map((p) => p.employerId)), today: this.today() };
  }

  /** Which of some postings the holder saved. */
  async savedAmong(principal: Principal, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.manager.find(JobPostingSave, {
      where: { accountId: principal.accountId, postingId: In([...ids]) },
      select: { postingId: true },
    });
    return new Set(rows.map((r) => r.postingId));
  }

  /** Staff's list of every posting, newest first, by status and employer. */
  async staffList(filter: {
    status?: PostingStatus;
    employerId?: number;
    beforeId?: number;
    limit: number;
  }): Promise<{ rows: JobPosting[]; names: Map<number, string>; today: string }> {
    const q = this.db.manager.createQueryBuilder(JobPosting, 'p').orderBy('p.id', 'DESC').take(filter.limit);
    if (filter.status) q.andWhere('p.status = :status', { status: filter.status });
    if (filter.employerId) q.andWhere('p.employer_id = :employerId', { employerId: filter.employerId });
    if (filter.beforeId) q.andWhere('p.id < :beforeId', { beforeId: filter.beforeId });
    const rows = await q.getMany();
    return { rows, names: await this.namesOf(rows.map((p) => p.employerId)), today: this.today() };
  }

  async staffGet(id: number): Promise<PostingDetail> {
    return this.detail(this.db.manager, id);
  }

  /** District staff take a posting down with the reason its employer reads. Audited. */
  async takeDown(actor: Principal, id: number, reason: string, requestId: string): Promise<PostingDetail> {
    assertStaffMayAct(actor);
    await this.db.transaction(async (em) => {
      if (!(await em.existsBy(JobPosting, { id }))) throw notFound('岗位不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: JobPosting,
        id,
        table: POSTING_TRANSITIONS,
        action: 'take_down',
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason,
        set: { takedownReason: reason, updatedAt: now },
        history: POSTING_HISTORY,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'job_posting.take_down',
          targetType: 'job_posting',
          targetId: id,
          detail: { reason },
          requestId,
        },
        now,
      );
    });
    return this.detail(this.db.manager, id);
  }

  /**
   * A posting open to applications, read in the applying transaction: published, not past its day,
   * of an approved employer. Null otherwise.
   */
  async openPosting(em: EntityManager, id: number): Promise<JobPosting | null> {
    const posting = await em.findOneBy(JobPosting, { id });
    if (!posting || effectiveStatus(posting, shanghaiDate(this.clock.now())) !== 'published') return null;
    if (!(await em.existsBy(Employer, { id: posting.employerId, status: 'approved' }))) return null;
    return posting;
  }

  /** Postings by id (for lists of applications). */
  async postingsById(ids: readonly number[]): Promise<Map<number, JobPosting>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.findBy(JobPosting, { id: In(unique) });
    return new Map(rows.map((p) => [p.id, p]));
  }

  async namesOf(ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Employer, {
      where: { id: In(unique) },
      select: { id: true, companyName: true },
    });
    return new Map(rows.map((e) => [e.id, e.companyName]));
  }

  private check(input: PostingInput, today: string): void {
    if (!(POSTING_CATEGORIES as readonly string[]).includes(input.category)) {
      throw validationFailed('category', `岗位类别须为：${POSTING_CATEGORIES.join('、')}`);
    }
    if (input.salaryMin > input.salaryMax) throw validationFailed('salaryMax', '最高月薪不能低于最低月薪');
    if (input.validUntil < today) throw validationFailed('validUntil', '有效期不能早于今天');
  }

  private fields(input: PostingInput) {
    return {
      title: input.title,
      category: input.category,
      salaryMin: input.salaryMin,
      salaryMax: input.salaryMax,
      district: input.district,
      address: input.address,
      headcount: input.headcount,
      requirements: input.requirements,
      veteranPreferred: input.veteranPreferred,
      veteranPreferenceText: input.veteranPreferred ? (input.veteranPreferenceText ?? null) : null,
      validUntil: input.validUntil,
    };
  }

  private async detail(em: EntityManager, id: number): Promise<PostingDetail> {
    const posting = await em.findOneBy(JobPosting, { id });
    if (!posting) throw notFound('岗位不存在');
    const [names, history] = await Promise.all([
      this.namesOf([posting.employerId]),
      em.find(JobPostingEvent, { where: { postingId: id }, order: { id: 'ASC' } }),
    ]);
    return {
      posting,
      employerName: names.get(posting.employerId) ?? '',
      status: effectiveStatus(posting, this.today()),
      history,
    };
  }
}
