import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import type { Database } from '../../db/database';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { toCsv } from '../../lib/csv';
import { zipStored } from '../../lib/zip';
import type { FilesService } from '../files/files.service';
import { parseIdNumber } from '../../lib/id-number';
import type { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { recordAudit } from '../staff/audit.service';
import { Station } from '../staff/station.entity';
import { CardApplication } from './card-application.entity';
import type { ApplicationWorkflow } from './card-application.workflow';
import { CardBatch } from './card-batch.entity';
import { CardErrors } from './cards.errors';
import { type BankMatch, type BatchEntry, matchBankRows, readBankFile } from './bank-return';
import { CardBankNumber } from './card-bank-number.entity';
import { Card } from './card.entity';
import { maskIdNumber } from '../../lib/mask';
import { loadReviewer, type Reviewer } from './cards.policy';
import type { ReviewService } from './review.service';

const CATEGORY_NAMES = {
  veteran: '退役军人',
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
} as const;
const KIND_NAMES = { new: '申领', reissue: '补领', exchange: '换领' } as const;
const BANK_HEADER = [
  '申请编号',
  '类型',
  '姓名',
  '性别',
  '出生日期',
  '身份证号码',
  '类别',
  '服务站',
  '领取方式',
  '邮寄地址',
  '照片文件',
];
const ID_COLUMN = 5;

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
    private readonly files: FilesService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends approved applications of the caller's district to production as one batch. All or
   * nothing: one application that is not (or no longer) approved fails the whole batch with 409.
   */
  async create(
    principal: Principal,
    applicationIds: number[],
    requestId: string,
  ): Promise<{ batch: CardBatch; applications: CardApplication[] }> {
    const ids = [...new Set(applicationIds)];
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const districtId = districtReviewer(r);
      const apps = await em.find(CardApplication, { where: { id: In(ids), districtId }, order: { id: 'ASC' } });
      if (apps.length !== ids.length) throw notFound('部分申请不存在');
      const notApproved = apps.filter((a) => a.status !== 'approved').map((a) => a.id);
      if (notApproved.length) throw CardErrors.notAllApproved(notApproved);
      const now = this.clock.now();
      const inserted = await em.insert(CardBatch, {
        districtId,
        createdBy: r.accountId,
        size: apps.length,
        exportedAt: null,
        arrivedAt: null,
        createdAt: now,
      });
      const batchId = Number(inserted.identifiers[0].id);
      const moved: CardApplication[] = [];
      for (const app of apps) {
        moved.push(
          await this.workflow.move(em, app, {
            action: 'send_to_production',
            actor: { accountId: r.accountId, role: 'district' },
            set: { batchId },
          }),
        );
      }
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card_batch.create',
          targetType: 'card_batch',
          targetId: batchId,
          detail: { applicationIds: ids },
          requestId,
        },
        now,
      );
      return { batch: await em.findOneByOrFail(CardBatch, { id: batchId }), applications: moved };
    });
  }

  async list(principal: Principal): Promise<CardBatch[]> {
    const r = await loadReviewer(this.db.manager, principal);
    return this.db.manager.find(CardBatch, {
      where: { districtId: districtReviewer(r) },
      order: { id: 'DESC' },
      take: 100,
    });
  }

  /** How many applications of each batch are in each status (for the list: in production, ready, issued). */
  async statusCounts(batchIds: number[]): Promise<Map<number, Record<string, number>>> {
    const out = new Map<number, Record<string, number>>();
    if (!batchIds.length) return out;
    const rows: Array<{ batchId: number | string; status: string; n: number | string }> = await this.db.manager
      .createQueryBuilder(CardApplication, 'a')
      .select('a.batch_id', 'batchId')
      .addSelect('a.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('a.batch_id IN (:...ids)', { ids: batchIds })
      .groupBy('a.batch_id')
      .addGroupBy('a.status')
      .getRawMany();
    for (const r of rows) {
      const counts = out.get(Number(r.batchId)) ?? {};
      counts[r.status] = Number(r.n);
      out.set(Number(r.batchId), counts);
    }
    return out;
  }

  /**
   * The batch as CSV for the bank. ID numbers are written as text cells (`="…"`), so a spreadsheet
   * does not turn them into numbers and lose the last digits. Audit-logged like every export.
   */
  async exportCsv(
    principal: Principal,
    batchId: number,
    requestId: string,
  ): Promise<{ filename: string; csv: string }> {
    const { rows } = await this.bankRows(principal, batchId, requestId, 'csv');
    const csv = toCsv(
      BANK_HEADER,
      rows.map((row) => row.map((v, i) => (i === ID_COLUMN ? { text: String(v) } : v))),
    );
    return { filename: `card-batch-${batchId}.csv`, csv };
  }

  /** The same rows as an Excel workbook, every cell of the ID column typed as text. */
  async exportXlsx(
    principal: Principal,
    batchId: number,
    requestId: string,
  ): Promise<{ filename: string; bytes: Buffer }> {
    const { rows } = await this.bankRows(principal, batchId, requestId, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(`批次${batchId}`);
    sheet.addRow(BANK_HEADER).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    const idColumn = sheet.getColumn(ID_COLUMN + 1);
    idColumn.numFmt = '@';
    idColumn.width = 22;
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return { filename: `card-batch-${batchId}.xlsx`, bytes };
  }

  /**
   * The batch's photos for the bank, one JPEG per application named by its ID number. The package
   * leaves once: the download is claimed by a guarded update (a second one is 409 until an admin
   * reopens it), and the claim and the audit entry commit before the bytes are sent.
   */
  async photoPackage(
    principal: Principal,
    batchId: number,
    requestId: string,
  ): Promise<{ filename: string; bytes: Buffer }> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
    if (!batch) throw notFound('批次不存在');
    if (batch.photosDownloadedAt) throw CardErrors.photosTaken();
    const apps = await em.find(CardApplication, { where: { batchId }, order: { id: 'ASC' } });
    const photos = await this.files.readStored(apps.map((a) => a.photoFileId));
    const identities = await this.identities(apps);
    const names = new Set<string>();
    const entries = apps.map((a) => {
      let name = `${identities.get(a.id)!.idNumber}.jpg`;
      // A reissue and the first card of one person never share a batch, but never overwrite a photo.
      if (names.has(name)) name = `${identities.get(a.id)!.idNumber}-${a.id}.jpg`;
      names.add(name);
      return { name, bytes: photos.get(a.photoFileId)!, modified: a.updatedAt };
    });
    const bytes = zipStored(entries);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(CardBatch)
        .set({ photosDownloadedAt: now, photosDownloadedBy: r.accountId })
        .where('id = :id AND photos_downloaded_at IS NULL', { id: batchId })
        .execute();
      if (!claimed.affected) throw CardErrors.photosTaken();
      await recordAudit(
        tx,
        {
          actorAccountId: r.accountId,
          action: 'card_batch.photos',
          targetType: 'card_batch',
          targetId: batchId,
          detail: { photos: entries.length },
          requestId,
        },
        now,
      );
    });
    return { filename: `card-batch-${batchId}-photos.zip`, bytes };
  }

  /** An admin lets the photo package be downloaded once more (the bank lost it), with the reason on record. */
  async reopenPhotoPackage(
    principal: Principal,
    batchId: number,
    reason: string,
    requestId: string,
  ): Promise<CardBatch> {
    return this.db.transaction(async (em) => {
      const batch = await em.findOneBy(CardBatch, { id: batchId });
      if (!batch) throw notFound('批次不存在');
      if (!batch.photosDownloadedAt) throw CardErrors.photosNotTaken();
      const now = this.clock.now();
      await em.update(CardBatch, { id: batchId }, { photosDownloadedAt: null, photosDownloadedBy: null });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'card_batch.photos_reopen',
          targetType: 'card_batch',
          targetId: batchId,
          detail: { reason },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(CardBatch, { id: batchId });
    });
  }

  /**
   * The rows the bank receives, in application order, with the identity as reviewed (the snapshot
   * taken at station approval) rather than whatever the person's row says today. The only place
   * ID numbers leave the database in full, so every export is audit-logged.
   */
  private async bankRows(principal: Principal, batchId: number, requestId: string, format: 'csv' | 'xlsx') {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
    if (!batch) throw notFound('批次不存在');
    const apps = await em.find(CardApplication, { where: { batchId }, order: { id: 'ASC' } });
    const identities = await this.identities(apps);
    const stations = new Map(
      (await em.findBy(Station, { id: In([...new Set(apps.map((a) => a.stationId))]) })).map((s) => [s.id, s]),
    );
    const rows: Array<Array<string | number | null>> = apps.map((a) => {
      const who = identities.get(a.id)!;
      return [
        a.id,
        KIND_NAMES[a.kind],
        who.name,
        who.gender === 'M' ? '男' : '女',
        who.birthDate,
        who.idNumber,
        CATEGORY_NAMES[who.category],
        stations.get(a.stationId)?.name ?? '',
        a.delivery === 'pickup' ? '自取' : '邮寄',
        a.address,
        `${who.idNumber}.jpg`,
      ];
    });
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.update(CardBatch, { id: batchId }, { exportedAt: now });
      await recordAudit(
        tx,
        {
          actorAccountId: r.accountId,
          action: 'card_batch.export',
          targetType: 'card_batch',
          targetId: batchId,
          detail: { rows: apps.length, format },
          requestId,
        },
        now,
      );
    });
    return { rows };
  }

  /** Name, ID number (with the birth date and sex it encodes) and category of each application as reviewed. */
  private async identities(apps: CardApplication[]) {
    const people = new Map(
      (await this.db.manager.findBy(Person, { id: In(apps.map((a) => a.personId)) })).map((p) => [p.id, p]),
    );
    const today = this.clock.now();
    return new Map(
      apps.map((a) => {
        const p = people.get(a.personId)!;
        const idNumber = a.snapshotIdNumberCipher
          ? this.people.decryptIdNumber(a.snapshotIdNumberCipher)
          : this.people.revealIdNumber(p);
        const parsed = parseIdNumber(idNumber, today);
        const facts = parsed.ok ? parsed.facts : { birthDate: '', gender: 'M' as const };
        return [
          a.id,
          {
            name: a.snapshotName ?? p.name,
            idNumber,
            birthDate: facts.birthDate,
            gender: facts.gender,
            category: a.snapshotCategory ?? a.category,
          },
        ];
      }),
    );
  }

  /** The batch's cards arrived at the district centre: each application still in production becomes card_ready. */
  async markArrived(
    principal: Principal,
    batchId: number,
    requestId: string,
  ): Promise<{ batch: CardBatch; ready: number }> {
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
      if (!batch) throw notFound('批次不存在');
      if (batch.arrivedAt) throw CardErrors.batchArrived();
      const apps = await em.find(CardApplication, {
        where: { batchId, status: 'in_production' },
        order: { id: 'ASC' },
      });
      for (const app of apps) await this.review.markReadyIn(em, r, app);
      const now = this.clock.now();
      await em.update(CardBatch, { id: batchId }, { arrivedAt: now });
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card_batch.arrived',
          targetType: 'card_batch',
          targetId: batchId,
          detail: { ready: apps.length },
          requestId,
        },
        now,
      );
      return { batch: await em.findOneByOrFail(CardBatch, { id: batchId }), ready: apps.length };
    });
  }

  /** One batch of the caller's district with its applications: who, where, status, the bank's number and the card. */
  async detail(principal: Principal, batchId: number) {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
    if (!batch) throw notFound('批次不存在');
    const apps = await em.find(CardApplication, { where: { batchId }, order: { id: 'ASC' } });
    const items = await this.itemsOf(batchId, apps);
    return { batch, items };
  }

  /** The batch page's rows for these applications of one batch: who (masked), where, status, the bank's number, the card. */
  private async itemsOf(batchId: number, apps: CardApplication[]) {
    const em = this.db.manager;
    const identities = await this.identities(apps);
    const ids = apps.map((a) => a.id);
    const [numbers, cards, stations] = await Promise.all([
      em.findBy(CardBankNumber, { batchId }),
      ids.length ? em.findBy(Card, { applicationId: In(ids) }) : Promise.resolve([] as Card[]),
      em.findBy(Station, { id: In([...new Set(apps.map((a) => a.stationId))]) }),
    ]);
    const numberOf = new Map(numbers.map((n) => [n.applicationId, n.cardNumber]));
    const cardOf = new Map(cards.map((c) => [c.applicationId, c]));
    const stationOf = new Map(stations.map((s) => [s.id, s.name]));
    return apps.map((a) => {
      const who = identities.get(a.id)!;
      const card = cardOf.get(a.id);
      return {
        applicationId: a.id,
        name: who.name,
        idNumberMasked: maskIdNumber(who.idNumber.slice(-4)),
        stationId: a.stationId,
        stationName: stationOf.get(a.stationId) ?? '',
        delivery: a.delivery,
        status: a.status,
        bankCardNumber: numberOf.get(a.id) ?? null,
        card: card ? { id: card.id, cardNumber: card.cardNumber, status: card.status } : null,
      };
    });
  }

  /**
   * The bank's returned file, matched to the batch by ID number. With `confirm` false nothing is
   * written: the clerk sees the matched rows, the mismatches and the unknown rows. With `confirm`
   * true the same match is made again and only the matched rows are recorded (audit-logged).
   */
  async importBankNumbers(
    principal: Principal,
    batchId: number,
    file: Buffer | undefined,
    confirm: boolean,
    requestId: string,
  ): Promise<BankMatch & { recorded: number }> {
    const rows = await readBankFile(file);
    return this.db.transaction(async (em) => {
      const r = await loadReviewer(em, principal);
      const batch = await em.findOneBy(CardBatch, { id: batchId, districtId: districtReviewer(r) });
      if (!batch) throw notFound('批次不存在');
      const apps = await em.find(CardApplication, { where: { batchId }, order: { id: 'ASC' } });
      const identities = await this.identities(apps);
      const recorded = new Map(
        (await em.findBy(CardBankNumber, { batchId })).map((n) => [n.applicationId, n.cardNumber]),
      );
      const numbers = [...new Set(rows.map((x) => x.cardNumber).filter(Boolean))];
      const taken = new Map<string, number | null>();
      if (numbers.length) {
        for (const n of await em.findBy(CardBankNumber, { cardNumber: In(numbers) }))
          taken.set(n.cardNumber, n.applicationId);
        for (const c of await em.findBy(Card, { cardNumber: In(numbers) })) taken.set(c.cardNumber, null);
      }
      const entries: BatchEntry[] = apps.map((a) => ({
        applicationId: a.id,
        idNumber: identities.get(a.id)!.idNumber.toUpperCase(),
        name: identities.get(a.id)!.name,
        status: a.status,
        recorded: recorded.get(a.id) ?? null,
      }));
      const match = matchBankRows(entries, rows, taken);
      if (!confirm) return { ...match, recorded: 0 };
      const now = this.clock.now();
      const fresh = match.matched.filter((m) => !m.alreadyRecorded);
      for (const m of fresh) {
        await em.insert(CardBankNumber, {
          applicationId: m.applicationId,
          batchId,
          cardNumber: m.cardNumber,
          recordedBy: r.accountId,
          recordedAt: now,
        });
      }
      await recordAudit(
        em,
        {
          actorAccountId: r.accountId,
          action: 'card_batch.bank_numbers',
          targetType: 'card_batch',
          targetId: batchId,
          detail: {
            recorded: fresh.map((m) => m.applicationId),
            mismatched: match.mismatched.length,
            unknown: match.unknown.length,
          },
          requestId,
        },
        now,
      );
      return { ...match, recorded: fresh.length };
    });
  }

  /**
   * The pickup list (签收单) of a batch for one station: cards waiting to be collected there
   * (delivery by pickup, card ready), with name, masked ID number and the bank's card number.
   * District staff print it for any station of their district's batches. Station staff print
   * their own station's only: another station is 403, and a batch that holds no application of
   * their station is 404 (as if it did not exist).
   */
  async pickupList(principal: Principal, batchId: number, stationId: number) {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const ownDistrict =
      r.levels.includes('district') && r.districtId !== null
        ? await em.findOneBy(CardBatch, { id: batchId, districtId: r.districtId })
        : null;
    if (!ownDistrict) {
      if (!r.levels.includes('station')) throw notFound('批次不存在');
      if (stationId !== r.stationId) throw forbidden('只能查看本服务站的签收单');
    }
    const apps = await em.find(CardApplication, { where: { batchId, stationId }, order: { id: 'ASC' } });
    // A station's staff learn nothing of a batch that holds none of their station's applications.
    const batch = ownDistrict ?? (apps.length ? await em.findOneBy(CardBatch, { id: batchId }) : null);
    if (!batch) throw notFound('批次不存在');
    const station = await em.findOneBy(Station, { id: stationId });
    if (!station) throw notFound('服务站不存在');
    const waiting = apps.filter((a) => a.delivery === 'pickup' && a.status === 'card_ready');
    return {
      batch,
      station: { id: station.id, name: station.name },
      items: await this.itemsOf(batchId, waiting),
    };
  }

  /**
   * For station staff: the batches (of any district) holding cards that wait for pickup at the
   * caller's station, newest first, with how many wait in each.
   */
  async stationPickups(principal: Principal) {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    if (!r.levels.includes('station') || r.stationId === null) throw forbidden('签收单由服务站工作人员查看');
    const station = await em.findOneByOrFail(Station, { id: r.stationId });
    const rows: Array<{ batchId: number | string; n: number | string }> = await em
      .createQueryBuilder(CardApplication, 'a')
      .select('a.batch_id', 'batchId')
      .addSelect('COUNT(*)', 'n')
      .where('a.station_id = :stationId', { stationId: r.stationId })
      .andWhere('a.batch_id IS NOT NULL')
      .andWhere('a.status = :status', { status: 'card_ready' })
      .andWhere('a.delivery = :delivery', { delivery: 'pickup' })
      .groupBy('a.batch_id')
      .getRawMany();
    const ready = new Map(rows.map((x) => [Number(x.batchId), Number(x.n)]));
    const found = ready.size
      ? await em.find(CardBatch, { where: { id: In([...ready.keys()]) }, order: { id: 'DESC' } })
      : [];
    return {
      station: { id: station.id, name: station.name },
      batches: found.map((batch) => ({ batch, ready: ready.get(batch.id) ?? 0 })),
    };
  }
}
