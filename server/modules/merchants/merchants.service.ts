import { Brackets, In } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition } from '../../lib/state-machine';
import { Account } from '../auth/account.entity';
import { disableAccount, grantRole, insertAccount } from '../auth/accounts.service';
import { hashPassword } from '../../lib/password';
import type { SessionGuard } from '../auth/session-guard.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import { recordAudit } from '../staff/audit.service';
import { attachFiles } from '../files/file-use.service';
import { attachableFile } from '../files/files.service';
import { likeEscape } from './browse.service';
import { MerchantCategory } from './merchant-category.entity';
import { MerchantEvent } from './merchant-event.entity';
import { MerchantMember } from './merchant-member.entity';
import { Merchant } from './merchant.entity';
import { MerchantOffer } from './merchant-offer.entity';
import { MERCHANT_TRANSITIONS, type MerchantStatus } from './merchant.states';
import { MerchantErrors } from './merchants.errors';
import { membershipOf } from './merchants.policy';
import { toE6 } from './geo';
import type { SingleFlightCache } from './single-flight-cache';
import { MERCHANT_PAGES } from './merchants.pages';

const MERCHANT_HISTORY = { entity: MerchantEvent, subjectKey: 'merchantId' } as const;

export interface MerchantApplicationInput {
  name: string;
  licenseNo: string;
  categoryId: number;
  address: string;
  lat: number;
  lng: number;
  contactPhone: string;
  intro?: string;
  /** The licence photo: a `document` file the applicant uploaded. */
  licenseFileId?: number;
}

/** The file-use owner type of an application's licence photo (staff who review merchants may read it). */
export const MERCHANT_APPLICATION_FILE = 'merchant_application';

/** Joining the alliance, staff oversight, categories and the owner's clerks. */
export class MerchantsService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly cache: SingleFlightCache<unknown>,
    private readonly sessions: SessionGuard,
  ) {}

  categories(): Promise<MerchantCategory[]> {
    return this.cache.get('categories', () =>
      this.db.manager.find(MerchantCategory, { where: { active: true }, order: { sort: 'ASC', id: 'ASC' } }),
    ) as Promise<MerchantCategory[]>;
  }

  async saveCategory(
    actor: Principal,
    input: { id?: number; name?: string; sort?: number; active?: boolean },
    requestId: string,
  ): Promise<MerchantCategory> {
    if (!input.id && !input.name) throw validationFailed('name', '请填写分类名称');
    const saved = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      let id = input.id;
      if (id) {
        if (!(await em.existsBy(MerchantCategory, { id }))) throw notFound('分类不存在');
        await onUniqueViolation(
          () =>
            em.update(
              MerchantCategory,
              { id },
              {
                ...(input.name !== undefined ? { name: input.name } : {}),
                ...(input.sort !== undefined ? { sort: input.sort } : {}),
                ...(input.active !== undefined ? { active: input.active } : {}),
              },
            ),
          MerchantErrors.categoryExists,
        );
      } else {
        const r = await onUniqueViolation(
          () =>
            em.insert(MerchantCategory, {
              name: input.name!,
              sort: input.sort ?? 100,
              active: input.active ?? true,
              createdAt: now,
            }),
          MerchantErrors.categoryExists,
        );
        id = Number(r.identifiers[0].id);
      }
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: input.id ? 'merchant_category.update' : 'merchant_category.create',
          targetType: 'merchant_category',
          targetId: id,
          detail: { name: input.name ?? null, active: input.active ?? null },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(MerchantCategory, { id });
    });
    this.cache.invalidate('categories');
    this.cache.invalidate('categories:all');
    return saved;
  }

  /** A logged-in person applies to join with their business; staff review it. */
  async apply(principal: Principal, input: MerchantApplicationInput): Promise<Merchant> {
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(MerchantCategory, { id: input.categoryId, active: true })))
        throw validationFailed('categoryId', '分类不存在');
      if (await em.existsBy(Merchant, { ownerAccountId: principal.accountId, status: 'pending' })) {
        throw MerchantErrors.applicationExists();
      }
      if (input.licenseFileId !== undefined) {
        if (!(await attachableFile(em, input.licenseFileId, { purpose: 'document', owners: [principal.accountId] }))) {
          throw validationFailed('licenseFileId', '请重新上传营业执照照片');
        }
      }
      const now = this.clock.now();
      const r = await em.insert(Merchant, {
        ownerAccountId: principal.accountId,
        name: input.name,
        licenseNo: input.licenseNo,
        licenseFileId: input.licenseFileId ?? null,
        categoryId: input.categoryId,
        address: input.address,
        latE6: toE6(input.lat),
        lngE6: toE6(input.lng),
        contactPhone: input.contactPhone,
        intro: input.intro ?? null,
        status: 'pending',
        reason: null,
        upheldComplaints: 0,
        reviewedBy: null,
        reviewedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const id = Number(r.identifiers[0].id);
      if (input.licenseFileId !== undefined) {
        await attachFiles(em, [input.licenseFileId], { ownerType: MERCHANT_APPLICATION_FILE, ownerId: id });
      }
      await em.insert(MerchantEvent, {
        merchantId: id,
        action: 'apply',
        fromStatus: null,
        toStatus: 'pending',
        actorAccountId: principal.accountId,
        actorRole: 'applicant',
        reason: null,
        createdAt: now,
      });
      return em.findOneByOrFail(Merchant, { id });
    });
  }

  /** Approve (the applicant becomes owner of an active merchant) or reject with a reason. Audited. */
  async review(
    actor: Principal,
    id: number,
    decision: 'approve' | 'reject',
    reason: string | undefined,
    requestId: string,
  ): Promise<Merchant> {
    if (decision === 'reject' && !reason?.trim()) throw validationFailed('reason', '不通过时须填写原因');
    const reviewed = await this.db.transaction(async (em) => {
      const merchant = await em.findOneBy(Merchant, { id });
      if (!merchant) throw notFound('商户申请不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: Merchant,
        id,
        table: MERCHANT_TRANSITIONS,
        action: decision,
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason: decision === 'reject' ? reason!.trim() : null,
        set: {
          reason: decision === 'reject' ? reason!.trim() : null,
          reviewedBy: actor.accountId,
          reviewedAt: now,
          updatedAt: now,
        },
        history: MERCHANT_HISTORY,
      });
      if (decision === 'approve') {
        await grantRole(em, merchant.ownerAccountId, 'merchant_owner', now);
        await em.insert(MerchantMember, {
          merchantId: id,
          accountId: merchant.ownerAccountId,
          role: 'owner',
          active: true,
          createdAt: now,
        });
      }
      await this.notifications.notify(em, {
        recipient: merchant.ownerAccountId,
        templateKey: 'service_notice',
        data: {
          title: `拥军优待联盟入盟申请${decision === 'approve' ? '已通过' : '未通过'}`,
          remark:
            decision === 'approve' ? `${merchant.name}已加入联盟，请重新登录后发布优惠` : `原因：${reason!.trim()}`,
          time: wechatTime(now),
        },
        page: MERCHANT_PAGES.merchantApplication,
        idempotencyKey: `merchant:${id}:review:${decision}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: `merchant.${decision}`,
          targetType: 'merchant',
          targetId: id,
          detail: { reason: reason ?? null },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(Merchant, { id });
    });
    // An approved merchant joins the searches at once.
    this.cache.invalidate(`merchant:${id}`);
    return reviewed;
  }

  /** Suspend (complaints) or restore a merchant; a suspended merchant is hidden and cannot verify. */
  async setSuspended(
    actor: Principal,
    id: number,
    suspend: boolean,
    reason: string | undefined,
    requestId: string,
  ): Promise<Merchant> {
    if (suspend && !reason?.trim()) throw validationFailed('reason', '暂停时须填写原因');
    const result = await this.db.transaction(async (em) => {
      if (!(await em.existsBy(Merchant, { id }))) throw notFound('商户不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: Merchant,
        id,
        table: MERCHANT_TRANSITIONS,
        action: suspend ? 'suspend' : 'restore',
        actor: { accountId: actor.accountId, role: 'staff' },
        at: now,
        reason: suspend ? reason!.trim() : null,
        set: { reason: suspend ? reason!.trim() : null, updatedAt: now },
        history: MERCHANT_HISTORY,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: suspend ? 'merchant.suspend' : 'merchant.restore',
          targetType: 'merchant',
          targetId: id,
          detail: { reason: reason ?? null },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(Merchant, { id });
    });
    this.cache.invalidate(`merchant:${id}`);
    return result;
  }

  /**
   * Staff's list, newest first, filtered by status, category and a text on name, licence number,
   * address or phone; `beforeId` pages through what the filter keeps.
   */
  async listForStaff(filter: {
    status?: MerchantStatus;
    categoryId?: number;
    q?: string;
    beforeId?: number;
    limit: number;
  }): Promise<Merchant[]> {
    const q = this.db.manager.createQueryBuilder(Merchant, 'm');
    if (filter.status) q.andWhere('m.status = :status', { status: filter.status });
    if (filter.categoryId) q.andWhere('m.category_id = :categoryId', { categoryId: filter.categoryId });
    if (filter.q) {
      // Licence numbers are stored upper-case and shown in groups of six: spaces typed are dropped.
      const like = `%${likeEscape(filter.q)}%`;
      const upper = `%${likeEscape(filter.q.toUpperCase().replace(/\s+/g, ''))}%`;
      q.andWhere(
        new Brackets((w) =>
          w
            .where("m.name LIKE :like ESCAPE '!'", { like })
            .orWhere("m.license_no LIKE :upper ESCAPE '!'", { upper })
            .orWhere("m.address LIKE :like ESCAPE '!'", { like })
            .orWhere("m.contact_phone LIKE :like ESCAPE '!'", { like }),
        ),
      );
    }
    if (filter.beforeId) q.andWhere('m.id < :before', { before: filter.beforeId });
    return q.orderBy('m.id', 'DESC').limit(filter.limit).getMany();
  }

  /** Each merchant's status changes, oldest first, for the staff view. */
  async historyOf(ids: readonly number[]): Promise<Map<number, MerchantEvent[]>> {
    const byMerchant = new Map<number, MerchantEvent[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byMerchant;
    const rows = await this.db.manager.find(MerchantEvent, {
      where: { merchantId: In([...ids]) },
      order: { id: 'ASC' },
    });
    for (const r of rows) byMerchant.get(r.merchantId)?.push(r);
    return byMerchant;
  }

  /** The caller's latest application to join (any state) with its category and history; null if none. */
  async myApplication(
    principal: Principal,
  ): Promise<{ merchant: Merchant; category: MerchantCategory | null; history: MerchantEvent[] } | null> {
    const merchant = await this.db.manager.findOne(Merchant, {
      where: { ownerAccountId: principal.accountId },
      order: { id: 'DESC' },
    });
    if (!merchant) return null;
    const category = await this.db.manager.findOneBy(MerchantCategory, { id: merchant.categoryId });
    const history = (await this.historyOf([merchant.id])).get(merchant.id) ?? [];
    return { merchant, category, history };
  }

  async mine(principal: Principal) {
    return membershipOf(this.db.manager, principal, { mustBeActive: false });
  }

  /** Shop names and offer titles by id, as they read now: for another module's report of them. */
  async namesOf(
    merchantIds: readonly number[],
    offerIds: readonly number[] = [],
  ): Promise<{ merchants: Map<number, string>; offers: Map<number, string> }> {
    const [merchants, offers] = await Promise.all([
      merchantIds.length
        ? this.db.manager.find(Merchant, { where: { id: In([...merchantIds]) }, select: { id: true, name: true } })
        : [],
      offerIds.length
        ? this.db.manager.find(MerchantOffer, { where: { id: In([...offerIds]) }, select: { id: true, title: true } })
        : [],
    ]);
    return {
      merchants: new Map(merchants.map((m) => [m.id, m.name])),
      offers: new Map(offers.map((o) => [o.id, o.title])),
    };
  }

  /** Shops by id with their name, address and whether they are open: for another module that lists them. */
  async shopsOf(ids: readonly number[]): Promise<Map<number, { name: string; address: string; open: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.find(Merchant, {
      where: { id: In([...ids]) },
      select: { id: true, name: true, address: true, status: true },
    });
    return new Map(rows.map((m) => [m.id, { name: m.name, address: m.address, open: m.status === 'active' }]));
  }

  /**
   * The shop a counter clerk or owner works for, which must be open (403 for a non-member, 409
   * MERCHANT_INACTIVE for a suspended shop): what another module's counter action checks first.
   */
  async counter(principal: Principal): Promise<{ merchantId: number; merchantName: string }> {
    const { merchant } = await membershipOf(this.db.manager, principal);
    return { merchantId: merchant.id, merchantName: merchant.name };
  }

  /** The owner adds a counter clerk with a password login of its own. */
  async addClerk(
    principal: Principal,
    input: { username: string; password: string; displayName: string },
    requestId: string,
  ): Promise<{ id: number }> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true });
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const account = await onUniqueViolation(
        () =>
          insertAccount(
            em,
            { username: input.username, passwordHash, displayName: input.displayName, roles: ['merchant_clerk'] },
            now,
          ),
        MerchantErrors.usernameTaken,
      );
      await em.insert(MerchantMember, {
        merchantId: merchant.id,
        accountId: account.id,
        role: 'clerk',
        active: true,
        createdAt: now,
      });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'merchant.clerk_add',
          targetType: 'merchant',
          targetId: merchant.id,
          detail: { clerkAccountId: account.id },
          requestId,
        },
        now,
      );
      return { id: account.id };
    });
  }

  async listClerks(principal: Principal): Promise<Array<{ member: MerchantMember; account: Account }>> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true, mustBeActive: false });
    const members = await this.db.manager.find(MerchantMember, {
      where: { merchantId: merchant.id, role: 'clerk', active: true },
      order: { id: 'ASC' },
    });
    const accounts = await Promise.all(
      members.map((m) => this.db.manager.findOneByOrFail(Account, { id: m.accountId })),
    );
    return members.map((member, i) => ({ member, account: accounts[i] }));
  }

  /**
   * Removes a clerk: their membership ends and their login is disabled, with its sessions and
   * access tokens ended at once. Another merchant's clerk is 404.
   */
  async removeClerk(principal: Principal, clerkAccountId: number, requestId: string): Promise<void> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true, mustBeActive: false });
    await this.db.transaction(async (em) => {
      const member = await em.findOneBy(MerchantMember, {
        merchantId: merchant.id,
        accountId: clerkAccountId,
        role: 'clerk',
        active: true,
      });
      if (!member) throw notFound('店员不存在');
      const now = this.clock.now();
      await em.update(MerchantMember, { id: member.id }, { active: false });
      await disableAccount(em, clerkAccountId, now);
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'merchant.clerk_remove',
          targetType: 'merchant',
          targetId: merchant.id,
          detail: { clerkAccountId },
          requestId,
        },
        now,
      );
    });
    this.sessions.invalidate(clerkAccountId);
  }
}
