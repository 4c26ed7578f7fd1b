import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { shanghaiDate } from '../../lib/working-days';
import { recordAudit } from '../staff/audit.service';
import { Employer } from './employer.entity';
import { EmploymentErrors } from './employment.errors';
import { assertStaffMayAct } from './employment.policy';
import type { FairMode } from './employment.types';
import { JobFair, JobFairEmployer, JobFairIntention, JobFairSignup } from './job-fair.entity';
import type { JobApplicationsService } from './job-applications.service';

export interface FairInput {
  title: string;
  mode: FairMode;
  fairDate: string;
  place?: string | null;
  link?: string | null;
  description: string;
  capacity?: number | null;
  employerIds: number[];
}

/** A fair with its employers (id and name). */
export interface FairDetail {
  fair: JobFair;
  employers: Array<{ id: number; name: string }>;
}

/** A signup as staff see it: who (name and phone last four from their job profile, if any) and whether they came. */
export interface SignupRow {
  signup: JobFairSignup;
  name: string | null;
  phoneLast4: string | null;
}

/**
 * Job fairs (招聘会): district staff organise them with participating employers; holders sign up
 * (idempotent; the capacity holds under concurrency through a guarded counter) and cancel before
 * the day; on or after the day staff record who came and the intentions (意向) reached.
 */
export class FairsService {
  constructor(
    private readonly db: Database,
    private readonly applications: JobApplicationsService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Fairs from today on, soonest first, with the caller's signups among them. */
  async upcoming(principal: Principal): Promise<{ fairs: FairDetail[]; mine: Map<number, JobFairSignup> }> {
    const em = this.db.manager;
    const rows = await em.find(JobFair, {
      where: { fairDate: MoreThanOrEqual(this.today()) },
      order: { fairDate: 'ASC', id: 'ASC' },
      take: 100,
    });
    return {
      fairs: await this.withEmployers(em, rows),
      mine: await this.signupsOf(
        principal,
        rows.map((f) => f.id),
      ),
    };
  }

  async getForHolder(principal: Principal, id: number): Promise<{ fair: FairDetail; mine: JobFairSignup | null }> {
    const em = this.db.manager;
    const fair = await em.findOneBy(JobFair, { id });
    if (!fair) throw notFound('招聘会不存在');
    const [detail] = await this.withEmployers(em, [fair]);
    return { fair: detail, mine: (await this.signupsOf(principal, [id])).get(id) ?? null };
  }

  /** The caller's signups (cancelled ones too), newest first, with their fairs. */
  async mySignups(principal: Principal): Promise<Array<{ signup: JobFairSignup; fair: JobFair }>> {
    const em = this.db.manager;
    const signups = await em.find(JobFairSignup, { where: { accountId: principal.accountId }, order: { id: 'DESC' } });
    const fairs = signups.length ? await em.findBy(JobFair, { id: In(signups.map((s) => s.fairId)) }) : [];
    const byId = new Map(fairs.map((f) => [f.id, f]));
    return signups.map((signup) => ({ signup, fair: byId.get(signup.fairId)! }));
  }

  /**
   * Signs the holder up before the day (409 FAIR_STARTED on or after it). Idempotent: a standing
   * signup is returned as it is. A place is taken with a guarded `signup_count < capacity` update,
   * so concurrent signups never pass the capacity (409 FAIR_FULL).
   */
  async signUp(principal: Principal, fairId: number): Promise<JobFairSignup> {
    const attempt = () =>
      this.db.transaction(async (em) => {
        const fair = await em.findOneBy(JobFair, { id: fairId });
        if (!fair) throw notFound('招聘会不存在');
        const now = this.clock.now();
        if (fair.fairDate <= shanghaiDate(now)) throw EmploymentErrors.fairStarted();
        const existing = await em.findOneBy(JobFairSignup, { fairId, accountId: principal.accountId });
        if (existing?.status === 'signed_up') return existing;
        // The row first: of two signups of one holder at once, the unique key keeps one.
        if (existing) {
          const r = await em.update(
            JobFairSignup,
            { id: existing.id, status: 'cancelled' },
            { status: 'signed_up', updatedAt: now },
          );
          if (r.affected !== 1) return em.findOneByOrFail(JobFairSignup, { id: existing.id });
        } else {
          await em.insert(JobFairSignup, {
            fairId,
            accountId: principal.accountId,
            status: 'signed_up',
            attended: false,
            attendedAt: null,
            createdAt: now,
            updatedAt: now,
          });
        }
        await this.takePlace(em, fairId, now);
        return em.findOneByOrFail(JobFairSignup, { fairId, accountId: principal.accountId });
      });
    try {
      return await attempt();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Signed up by a request of the same holder a moment ago.
      return this.db.manager.findOneByOrFail(JobFairSignup, { fairId, accountId: principal.accountId });
    }
  }

  /** Cancels the holder's signup before the day, giving the place back (idempotent). */
  async cancel(principal: Principal, fairId: number): Promise<JobFairSignup> {
    return this.db.transaction(async (em) => {
      const fair = await em.findOneBy(JobFair, { id: fairId });
      const signup = await em.findOneBy(JobFairSignup, { fairId, accountId: principal.accountId });
      if (!fair || !signup) throw notFound('报名记录不存在');
      const now = this.clock.now();
      if (fair.fairDate <= shanghaiDate(now)) throw EmploymentErrors.fairStarted();
      if (signup.status === 'cancelled') return signup;
      const r = await em.update(
        JobFairSignup,
        { id: signup.id, status: 'signed_up' },
        { status: 'cancelled', updatedAt: now },
      );
      if (r.affected === 1) {
        await em
          .createQueryBuilder()
          .update(JobFair)
          .set({ signupCount: () => 'signup_count - 1', updatedAt: now })
          .where('id = :id AND signup_count > 0', { id: fairId })
          .execute();
      }
      return em.findOneByOrFail(JobFairSignup, { id: signup.id });
    });
  }

  /** Staff's list: every fair, latest day first. */
  async staffList(): Promise<FairDetail[]> {
    const em = this.db.manager;
    const rows = await em.find(JobFair, { order: { fairDate: 'DESC', id: 'DESC' }, take: 200 });
    return this.withEmployers(em, rows);
  }

  async staffGet(id: number): Promise<FairDetail> {
    const em = this.db.manager;
    const fair = await em.findOneBy(JobFair, { id });
    if (!fair) throw notFound('招聘会不存在');
    return (await this.withEmployers(em, [fair]))[0];
  }

  /** Creates a fair (district staff). Audited. */
  async create(actor: Principal, input: FairInput, requestId: string): Promise<FairDetail> {
    assertStaffMayAct(actor);
    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      if (input.fairDate < shanghaiDate(now)) throw validationFailed('fairDate', '招聘会日期不能早于今天');
      await this.checkEmployers(em, input.employerIds);
      const r = await em.insert(JobFair, {
        title: input.title,
        mode: input.mode,
        fairDate: input.fairDate,
        place: input.place ?? null,
        link: input.link ?? null,
        description: input.description,
        capacity: input.capacity ?? null,
        signupCount: 0,
        createdBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
      });
      const fairId = Number(r.identifiers[0].id);
      for (const employerId of new Set(input.employerIds)) await em.insert(JobFairEmployer, { fairId, employerId });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'job_fair.create',
          targetType: 'job_fair',
          targetId: fairId,
          requestId,
        },
        now,
      );
      return fairId;
    });
    return this.staffGet(id);
  }

  /** Edits a fair (district staff): a capacity below the signups standing is refused. Audited. */
  async update(actor: Principal, id: number, input: FairInput, requestId: string): Promise<FairDetail> {
    assertStaffMayAct(actor);
    await this.db.transaction(async (em) => {
      const fair = await em.findOneBy(JobFair, { id });
      if (!fair) throw notFound('招聘会不存在');
      const now = this.clock.now();
      if (input.fairDate !== fair.fairDate && input.fairDate < shanghaiDate(now)) {
        throw validationFailed('fairDate', '招聘会日期不能早于今天');
      }
      await this.checkEmployers(em, input.employerIds);
      const capacity = input.capacity ?? null;
      const q = em
        .createQueryBuilder()
        .update(JobFair)
        .set({
          title: input.title,
          mode: input.mode,
          fairDate: input.fairDate,
          place: input.place ?? null,
          link: input.link ?? null,
          description: input.description,
          capacity,
          updatedAt: now,
        })
        .where('id = :id', { id });
      // Guarded: signups taken meanwhile count too.
      if (capacity !== null) q.andWhere('signup_count <= :capacity', { capacity });
      const r = await q.execute();
      if (r.affected !== 1) throw validationFailed('capacity', '名额不能少于已报名人数');
      await em.delete(JobFairEmployer, { fairId: id });
      for (const employerId of new Set(input.employerIds)) await em.insert(JobFairEmployer, { fairId: id, employerId });
      await recordAudit(
        em,
        { actorAccountId: actor.accountId, action: 'job_fair.update', targetType: 'job_fair', targetId: id, requestId },
        now,
      );
    });
    return this.staffGet(id);
  }

  /**
   * A fair's signups with names and phones' last four from the holders' job profiles, for the
   * check-in desk. Staff reads of them are audit-logged.
   */
  async signups(principal: Principal, fairId: number, requestId: string): Promise<SignupRow[]> {
    const em = this.db.manager;
    if (!(await em.existsBy(JobFair, { id: fairId }))) throw notFound('招聘会不存在');
    const rows = await em.find(JobFairSignup, { where: { fairId }, order: { id: 'ASC' } });
    const profiles = await this.applications.profileSummaries(rows.map((r) => r.accountId));
    await this.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actorAccountId: principal.accountId,
          action: 'job_fair.signups_read',
          targetType: 'job_fair',
          targetId: fairId,
          detail: { count: rows.length },
          requestId,
        },
        this.clock.now(),
      ),
    );
    return rows.map((signup) => ({
      signup,
      name: profiles.get(signup.accountId)?.name ?? null,
      phoneLast4: profiles.get(signup.accountId)?.phoneLast4 ?? null,
    }));
  }

  /** Records whether a signed-up holder came, on or after the day (409 FAIR_NOT_YET before). Audited. */
  async recordAttendance(
    actor: Principal,
    fairId: number,
    signupId: number,
    attended: boolean,
    requestId: string,
  ): Promise<JobFairSignup> {
    assertStaffMayAct(actor);
    return this.db.transaction(async (em) => {
      const fair = await em.findOneBy(JobFair, { id: fairId });
      const signup = await em.findOneBy(JobFairSignup, { id: signupId, fairId });
      if (!fair || !signup) throw notFound('报名记录不存在');
      const now = this.clock.now();
      if (fair.fairDate > shanghaiDate(now)) throw EmploymentErrors.fairNotYet();
      if (signup.status !== 'signed_up') throw EmploymentErrors.notSignedUp();
      await em.update(JobFairSignup, { id: signupId }, { attended, attendedAt: attended ? now : null, updatedAt: now });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'job_fair.attendance',
          targetType: 'job_fair_signup',
          targetId: signupId,
          detail: { fairId, attended },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(JobFairSignup, { id: signupId });
    });
  }

  /**
   * Records an intention (意向) reached at the fair between a holder who signed up and a
   * participating employer, on or after the day; the same pair again updates the note. Audited.
   */
  async recordIntention(
    actor: Principal,
    fairId: number,
    input: { signupId: number; employerId: number; note: string },
    requestId: string,
  ): Promise<JobFairIntention> {
    assertStaffMayAct(actor);
    return this.db.transaction(async (em) => {
      const fair = await em.findOneBy(JobFair, { id: fairId });
      if (!fair) throw notFound('招聘会不存在');
      const now = this.clock.now();
      if (fair.fairDate > shanghaiDate(now)) throw EmploymentErrors.fairNotYet();
      const signup = await em.findOneBy(JobFairSignup, { id: input.signupId, fairId });
      if (!signup || signup.status !== 'signed_up') throw EmploymentErrors.notSignedUp();
      if (!(await em.existsBy(JobFairEmployer, { fairId, employerId: input.employerId }))) {
        throw validationFailed('employerId', '该单位未参加这场招聘会');
      }
      const key = { fairId, accountId: signup.accountId, employerId: input.employerId };
      const existing = await em.findOneBy(JobFairIntention, key);
      if (existing) await em.update(JobFairIntention, { id: existing.id }, { note: input.note });
      else await em.insert(JobFairIntention, { ...key, note: input.note, recordedBy: actor.accountId, createdAt: now });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'job_fair.intention',
          targetType: 'job_fair',
          targetId: fairId,
          detail: { signupId: input.signupId, employerId: input.employerId },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(JobFairIntention, key);
    });
  }

  /** The intentions recorded at a fair, oldest first. */
  intentions(fairId: number): Promise<JobFairIntention[]> {
    return this.db.manager.find(JobFairIntention, { where: { fairId }, order: { id: 'ASC' } });
  }

  private async takePlace(em: EntityManager, fairId: number, now: Date): Promise<void> {
    const r = await em
      .createQueryBuilder()
      .update(JobFair)
      .set({ signupCount: () => 'signup_count + 1', updatedAt: now })
      .where('id = :id AND (capacity IS NULL OR signup_count < capacity)', { id: fairId })
      .execute();
    if (r.affected !== 1) throw EmploymentErrors.fairFull();
  }

  private async checkEmployers(em: EntityManager, ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await em.countBy(Employer, { id: In(unique), status: 'approved' });
    if (found !== unique.length) throw validationFailed('employerIds', '参会单位须为审核通过的招聘单位');
  }

  private async signupsOf(principal: Principal, fairIds: number[]): Promise<Map<number, JobFairSignup>> {
    if (fairIds.length === 0) return new Map();
    const rows = await this.db.manager.findBy(JobFairSignup, { accountId: principal.accountId, fairId: In(fairIds) });
    return new Map(rows.map((r) => [r.fairId, r]));
  }

  private async withEmployers(em: EntityManager, fairs: JobFair[]): Promise<FairDetail[]> {
    if (fairs.length === 0) return [];
    const links = await em.findBy(JobFairEmployer, { fairId: In(fairs.map((f) => f.id)) });
    const employers = links.length
      ? await em.find(Employer, {
          where: { id: In(links.map((l) => l.employerId)) },
          select: { id: true, companyName: true },
        })
      : [];
    const names = new Map(employers.map((e) => [e.id, e.companyName]));
    return fairs.map((fair) => ({
      fair,
      employers: links
        .filter((l) => l.fairId === fair.id)
        .sort((a, b) => a.id - b.id)
        .map((l) => ({ id: l.employerId, name: names.get(l.employerId) ?? '' })),
    }));
  }
}
