import { In } from 'typeorm';
import type { Database } from '../../db/database';
import { conflict, forbidden, notFound } from '../../http/errors';
import type { Principal } from '../../http/context';
import type { Clock } from '../../lib/clock';
import { toCsv } from '../../lib/csv';
import type { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { recordAudit } from '../staff/audit';
import { Station } from '../staff/station.entity';
import { CardApplication } from './card-application.entity';
import type { ApplicationWorkflow } from './card-application.workflow';
import { CardBatch } from './card-batch.entity';
import { loadReviewer, type Reviewer } from './cards.policy';
import type { ReviewService } from './review.service';

const CATEGORY_NAMES = { veteran: '退役军人', martyr_family: '烈士遗属', duty_death_family: '因公牺牲军人遗属', illness_death_family: '病故军人遗属' } as const;
const KIND_NAMES = { new: '申领', reissue: '补领', exchange: '换领' } as const;

function districtReviewer(r: Reviewer): number {
  if (!r.levels.includes('district') || r.districtId === null) throw forbidden('制卡批次由区退役军人事务局办理');
  return r.districtId;
}

/** Production batches: approved applications go to the bank together, come back together. */
export class BatchesService {
  constructor(
    private readonly db: Database,
    private readonly workflow: ApplicationWorkflow,
    private readonly review: ReviewService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends approved applications of the caller's district to production as one batch. All or
   * nothing: one application that is not (or no longer) approved fails the whole batch with 409.
   */
  async create(principal: Principal, applicationIds: number[], requestId: string): Promise<{ batch: CardBatch; applications: CardApplication[] }> {
    const ids = [...new Set(applicationIds)];
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const districtId = districtReviewer(r);
      const apps = await em.find(CardApplication, { where: { id: In(ids), districtId }, order: { id: 'ASC' } });
      if (apps.length !== ids.length) throw notFound('部分申请不存在');
      const notApproved = apps.filter((a) => a.status !== 'approved').map((a) => a.id);
      if (notApproved.length) throw conflict('INVALID_TRANSITION', `以下申请不是待制卡状态：${notApproved.join('、')}`);
      const now = this.clock.now();
      const inserted = await em.insert(CardBatch, { districtId, createdBy: r.accountId, size: apps.length, exportedAt: null, arrivedAt: null, createdAt: now });
      const batchId = Number(inserted.identifiers[0].id);
      const moved: CardApplication[] = [];
      for (const app of apps) {
        moved.push(await this.workflow.move(em, app, { action: 'send_to_production', actor: { accountId: r.accountId, role: 'district' }, set: { batchId } }));
      }
      await recordAudit(em, { actorAccountId: r.accountId, action: 'card_batch.create', targetType: 'card_batch', targetId: batchId, detail: { applicationIds: ids }, requestId }, now);
      return { batch: await em.findOneByOrFail(CardBatch, { id: batchId }), applications: moved };
    });
  }

  async list(principal: Principal): Promise<CardBatch[]> {
    const r = await loadReviewer(this.db.manager, principal);
    return this.db.manager.find(CardBatch, { where: { districtId: districtReviewer(r) }, order: { id: 'DESC' }, take: 100 });
  }

  /**
   * The batch as CSV for the bank. The only place ID numbers leave the database in full, so
   * every export is audit-logged.
   */
  async exportCsv(principal: Principal, batchId: number, requestId: string): Promise<{ filename: string; csv: string }> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
    if (!batch) throw notFound('批次不存在');
    const apps = await em.find(CardApplication, { where: { batchId }, order: { id: 'ASC' } });
    const people = new Map((await em.findBy(Person, { id: In(apps.map((a) => a.personId)) })).map((p) => [p.id, p]));
    const stations = new Map((await em.findBy(Station, { id: In([...new Set(apps.map((a) => a.stationId))]) })).map((s) => [s.id, s]));
    const csv = toCsv(
      ['申请编号', '类型', '姓名', '性别', '出生日期', '身份证号码', '类别', '服务站', '领取方式', '邮寄地址', '照片文件编号'],
      apps.map((a) => {
        const p = people.get(a.personId)!;
        return [
          a.id,
          KIND_NAMES[a.kind],
          p.name,
          p.gender === 'M' ? '男' : '女',
          p.birthDate,
          this.people.revealIdNumber(p),
          CATEGORY_NAMES[a.category],
          stations.get(a.stationId)?.name ?? '',
          a.delivery === 'pickup' ? '自取' : '邮寄',
          a.address,
          a.photoFileId,
        ];
      }),
    );
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.update(CardBatch, { id: batchId }, { exportedAt: now });
      await recordAudit(tx, { actorAccountId: r.accountId, action: 'card_batch.export', targetType: 'card_batch', targetId: batchId, detail: { rows: apps.length }, requestId }, now);
    });
    return { filename: `card-batch-${batchId}.csv`, csv };
  }

  /** The batch's cards arrived at the district centre: each application still in production becomes card_ready. */
  async markArrived(principal: Principal, batchId: number, requestId: string): Promise<{ batch: CardBatch; ready: number }> {
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
      if (!batch) throw notFound('批次不存在');
      if (batch.arrivedAt) throw conflict('INVALID_TRANSITION', '该批次已登记到达');
      const apps = await em.find(CardApplication, { where: { batchId, status: 'in_production' }, order: { id: 'ASC' } });
      for (const app of apps) await this.review.markReadyIn(em, r, app);
      const now = this.clock.now();
      await em.update(CardBatch, { id: batchId }, { arrivedAt: now });
      await recordAudit(em, { actorAccountId: r.accountId, action: 'card_batch.arrived', targetType: 'card_batch', targetId: batchId, detail: { ready: apps.length }, requestId }, now);
      return { batch: await em.findOneByOrFail(CardBatch, { id: batchId }), ready: apps.length };
    });
  }
}
