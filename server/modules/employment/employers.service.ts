import { In, LessThan, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import { wechatTime } from '../../lib/notice-template';
import type { Principal } from '../../lib/principal';
import { transition } from '../../lib/state-machine';
import { attachFiles } from '../files/file-use.service';
import { attachableFile } from '../files/files.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { recordAudit } from '../staff/audit.service';
import { isValidCreditCode } from './credit-code';
import { Employer } from './employer.entity';
import { EMPLOYER_HISTORY, EmployerEvent } from './employment-events.entity';
import { EmploymentErrors } from './employment.errors';
import { EMPLOYER_LICENCE_FILE, assertStaffMayAct, ownEmployer } from './employment.policy';
import { EMPLOYER_TRANSITIONS, type EmployerStatus } from './employment.states';

export interface EmployerInput {
  companyName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string;
  /** The business licence: a `document` file the applicant uploaded. */
  licenceFileId: number;
}

/** An employer with its review history. */
export interface EmployerDetail {
  employer: Employer;
  history: EmployerEvent[];
}

/** Statuses in which an owner may not apply again. */
const LIVE: EmployerStatus[] = ['submitted', 'approved', 'suspended'];

/**
 * Employers (招聘单位): a mini-program user applies with the company's particulars and licence;
 * district staff approve or reject it, and suspend and restore an approved one.
 */
export class EmployersService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * 1. The credit code's check character matches (400 CREDIT_CODE_INVALID).
   * 2. In one transaction: no live employer of the same owner (409 EMPLOYER_EXISTS); the licence is
   *    the applicant's own document; the employer, its licence's use and its first history row.
   */
  async apply(principal: Principal, input: EmployerInput): Promise<EmployerDetail> {
    if (!isValidCreditCode(input.creditCode)) throw EmploymentErrors.creditCodeInvalid();
    const id = await this.db.transaction(async (em) => {
      if (await em.existsBy(Employer, { ownerAccountId: principal.accountId, status: In(LIVE) })) {
        throw EmploymentErrors.employerExists();
      }
      const file = await attachableFile(em, input.licenceFileId, {
        purpose: 'document',
        owners: [principal.accountId],
      });
      if (!file) throw EmploymentErrors.fileNotAttachable();
      const now = this.clock.now();
      const r = await em.insert(Employer, {
        ownerAccountId: principal.accountId,
        companyName: input.companyName,
        creditCode: input.creditCode,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        address: input.address,
        licenceFileId: input.licenceFileId,
        status: 'submitted',
        reason: null,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const employerId = Number(r.identifiers[0].id);
      await attachFiles(em, [input.licenceFileId], { ownerType: EMPLOYER_LICENCE_FILE, ownerId: employerId });
      await em.insert(EmployerEvent, {
        employerId,
        action: 'apply',
        fromStatus: null,
        toStatus: 'submitted',
        actorAccountId: principal.accountId,
        actorRole: 'applicant',
        reason: null,
        createdAt: now,
      });
      return employerId;
    });
    return this.detail(id);
  }

  /** The caller's latest employer, with its review history (404 when they never applied). */
  async mine(principal: Principal): Promise<EmployerDetail> {
    const employer = await this.db.manager.findOne(Employer, {
      where: { ownerAccountId: principal.accountId },
      order: { id: 'DESC' },
    });
    if (!employer) throw notFound('您还没有登记招聘单位');
    return this.detail(employer.id);
  }

  /** Staff's list, newest first, by status. */
  staffList(filter: { status?: EmployerStatus; beforeId?: number; limit: number }): Promise<Employer[]> {
    const where: FindOptionsWhere<Employer> = {};
    if (filter.status) where.status = filter.status;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.db.manager.find(Employer, { where, order: { id: 'DESC' }, take: filter.limit });
  }

  async staffGet(id: number): Promise<EmployerDetail> {
    return this.detail(id);
  }

  /** Approve or reject (with a reason) a submitted employer; the owner is told; audited. */
  async review(
    actor: Principal,
    id: number,
    decision: 'approve' | 'reject',
    reason: string | undefined,
    requestId: string,
  ): Promise<EmployerDetail> {
    assertStaffMayAct(actor);
    if (decision === 'reject' && !reason) throw validationFailed('reason', '不通过时须填写原因');
    await this.db.transaction(async (em) => {
      const employer = await em.findOneBy(Employer, { id });
      if (!employer) throw notFound('招聘单位不存在');
      const now = this.clock.now();
      const moved = await transition(em, {
        entity: Employer,
        id,
        table: EMPLOYER_TRANSITIONS,
        action: decision,
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason: decision === 'reject' ? reason : null,
        set: {
          reason: decision === 'reject' ? reason : null,
          reviewedBy: actor.accountId,
          reviewedAt: now,
          updatedAt: now,
        },
        history: EMPLOYER_HISTORY,
      });
      await this.notifications.notify(em, {
        recipient: employer.ownerAccountId,
        templateKey: 'service_notice',
        data: {
          title: decision === 'approve' ? '招聘单位审核通过' : '招聘单位审核未通过',
          remark: decision === 'approve' ? '可以发布招聘岗位了' : `原因：${reason}`.slice(0, 20),
          time: wechatTime(now),
          detail:
            decision === 'approve'
              ? `${employer.companyName}已通过审核，可以在就业超市发布招聘岗位。`
              : `${employer.companyName}未通过审核。原因：${reason}`,
        },
        idempotencyKey: `employer:${id}:${moved.eventId}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: `employer.${decision}`,
          targetType: 'employer',
          targetId: id,
          detail: { reason: reason ?? null },
          requestId,
        },
        now,
      );
    });
    return this.detail(id);
  }

  /** Suspend (with a reason) or restore an approved employer; a suspended one cannot publish. Audited. */
  async setSuspended(
    actor: Principal,
    id: number,
    suspend: boolean,
    reason: string | undefined,
    requestId: string,
  ): Promise<EmployerDetail> {
    assertStaffMayAct(actor);
    if (suspend && !reason) throw validationFailed('reason', '暂停时须填写原因');
    await this.db.transaction(async (em) => {
      const employer = await em.findOneBy(Employer, { id });
      if (!employer) throw notFound('招聘单位不存在');
      const now = this.clock.now();
      const moved = await transition(em, {
        entity: Employer,
        id,
        table: EMPLOYER_TRANSITIONS,
        action: suspend ? 'suspend' : 'restore',
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason: suspend ? reason : null,
        set: { reason: suspend ? reason : null, updatedAt: now },
        history: EMPLOYER_HISTORY,
      });
      await this.notifications.notify(em, {
        recipient: employer.ownerAccountId,
        templateKey: 'service_notice',
        data: {
          title: suspend ? '招聘单位已暂停' : '招聘单位已恢复',
          remark: suspend ? `原因：${reason}`.slice(0, 20) : '可以继续发布岗位',
          time: wechatTime(now),
        },
        idempotencyKey: `employer:${id}:${moved.eventId}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: suspend ? 'employer.suspend' : 'employer.restore',
          targetType: 'employer',
          targetId: id,
          detail: { reason: reason ?? null },
          requestId,
        },
        now,
      );
    });
    return this.detail(id);
  }

  /** Names of employers by id (for postings and fairs). */
  async namesOf(ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Employer, {
      where: { id: In(unique) },
      select: { id: true, companyName: true },
    });
    return new Map(rows.map((e) => [e.id, e.companyName]));
  }

  /** The caller's approved employer (403 otherwise). */
  approvedOf(principal: Principal): Promise<Employer> {
    return ownEmployer(this.db.manager, principal, { approved: true });
  }

  private async detail(id: number): Promise<EmployerDetail> {
    const em = this.db.manager;
    const employer = await em.findOneBy(Employer, { id });
    if (!employer) throw notFound('招聘单位不存在');
    const history = await em.find(EmployerEvent, { where: { employerId: id }, order: { id: 'ASC' } });
    return { employer, history };
  }
}
