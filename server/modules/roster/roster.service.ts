import { In, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { upsert, type OnExisting } from '../../db/upsert';
import type { Clock } from '../../lib/clock';
import { forbidden, notFound, validationFailed } from '../../lib/errors';
import { type HolderCategory, parseIdNumber } from '../../lib/id-number';
import type { Principal, Role } from '../../lib/principal';
import type { UploadedFile } from '../../lib/uploaded-file';
import { shanghaiDate } from '../../lib/working-days';
import { type AppealsService, isOverdue } from '../appeals/appeals.service';
import { placementOf, rolesOf } from '../auth/accounts.service';
import type { CardStatsService } from '../cards/card-stats.service';
import type { ChatService } from '../chat/chat.service';
import type { BookingService } from '../legal-aid/booking.service';
import type { RedemptionsService } from '../merchants/redemptions.service';
import type { OrdersService } from '../payments/orders.service';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import type { StaffService } from '../staff/staff.service';
import { PersonVisit } from './person-visit.entity';
import { RosterEntry } from './roster-entry.entity';
import { checkRosterRows, readRosterFile, type RejectedRow, type RosterRow } from './roster-file';
import { RosterImport } from './roster-import.entity';
import {
  importRefusal,
  mayManageStation,
  mayReadFiles,
  type RosterViewer,
  rosterViewerOf,
  type StationPlace,
} from './roster.policy';
import { NOT_YET_ELIGIBLE, type RosterStage, type VisitKind } from './roster.types';

/** What an import did (or, on a dry run, would do). */
export interface ImportReport {
  importId: number | null;
  dryRun: boolean;
  /** Rows that add a new entry. */
  accepted: number;
  /** Rows that update an entry already on the roster (the same ID number). */
  updated: number;
  rejected: RejectedRow[];
}

/** A roster entry with what a masked display needs. */
export interface EntryView {
  entry: RosterEntry;
  station: { id: number; name: string; districtId: number };
  idNumberLast4: string;
}

/** Counts and rates over a station, a district or everything visible. */
export interface RateFigures {
  /** On the roster and out of the forces (not 入伍 or 服役): the application rate's denominator. */
  eligible: number;
  /** Of those, people who have submitted an application (whatever became of it). */
  applied: number;
  /** Of those who applied, people with an application approved at some point. */
  approved: number;
  /** Of those who applied, people with a card issued. */
  issued: number;
  /** 申领率: applied / eligible, in percent with one decimal; null without eligible people. */
  applicationRate: number | null;
  /** 发放率: issued / applied, in percent with one decimal; null without applicants. */
  issuanceRate: number | null;
}

/** Everything the system knows of the person behind a roster entry. */
export interface PersonFile extends EntryView {
  person: { id: number; verified: boolean } | null;
  account: { id: number; displayName: string; roles: Role[]; disabled: boolean } | null;
  cards: Awaited<ReturnType<CardStatsService['recordOf']>>;
  appointments: Awaited<ReturnType<BookingService['appointmentsOf']>>;
  redemptions: Awaited<ReturnType<RedemptionsService['recentOf']>>;
  voucherOrders: Awaited<ReturnType<OrdersService['ordersOf']>>;
  conversations: { count: number; lastMessageAt: Date | null };
  /** The person's appeals and errands, newest first, each with whether it has passed its promised day. */
  appeals: Array<{ appeal: Awaited<ReturnType<AppealsService['appealsOf']>>[number]; overdue: boolean }>;
  visits: Array<{ visit: PersonVisit; staffName: string }>;
}

/** A holder's own file in brief: the roster's record of them and their latest business with the bureau. */
export interface HolderSummary {
  /** The identity the holder bound; null before they bind one (then nothing else can be matched). */
  identity: { name: string; idNumberLast4: string; category: HolderCategory; verified: boolean } | null;
  /** Their roster entry (matched by ID number); null when they are not on the roster. */
  roster: { category: HolderCategory; station: { id: number; name: string }; stage: RosterStage } | null;
  applications: CardApplication[];
  cards: Card[];
  appointments: LegalAppointment[];
  appeals: Appeal[];
}
type CardApplication = Awaited<ReturnType<CardStatsService['recordOf']>>['applications'][number];
type Card = Awaited<ReturnType<CardStatsService['recordOf']>>['cards'][number];
type LegalAppointment = Awaited<ReturnType<BookingService['appointmentsOf']>>[number];
type Appeal = Awaited<ReturnType<AppealsService['appealsOf']>>[number];

export interface VisitInput {
  visitedOn: string;
  kind: VisitKind;
  note: string;
}

/** The stage a new entry takes when the file gives none: a veteran has left the forces, a family is cared for. */
const defaultStage = (category: HolderCategory): RosterStage => (category === 'veteran' ? 'retired' : 'privileged');

/**
 * The upload's file name as the clerk saw it. Multipart carries it as raw bytes, read as Latin-1:
 * a Chinese name sent in UTF-8 is read back as UTF-8 when that is what its bytes are.
 */
function readableName(name: string | undefined): string {
  if (!name) return 'roster';
  if ([...name].some((ch) => ch.charCodeAt(0) > 0xff)) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1'));
  } catch {
    return name;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const rate = (part: number, whole: number) => (whole ? round1((part / whole) * 100) : null);

/** The services the roster reads people's records through. */
export interface RosterReads {
  people: PeopleService;
  staff: Pick<StaffService, 'findStaffMembers' | 'listStations'>;
  cardStats: Pick<CardStatsService, 'progressOf' | 'recordOf'>;
  booking: Pick<BookingService, 'appointmentsOf'>;
  redemptions: Pick<RedemptionsService, 'recentOf'>;
  orders: Pick<OrdersService, 'ordersOf'>;
  chat: Pick<ChatService, 'summaryOf'>;
  appeals: Pick<AppealsService, 'appealsOf'>;
}

/**
 * The bureau's roster (建档立卡): imports from a spreadsheet, the list, the one-person file
 * (一人一档) with everything the other modules know of the person, visits, and the roster as the
 * denominator of the application rate.
 */
export class RosterService {
  constructor(
    private readonly db: Database,
    private readonly r: RosterReads,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports the roster.
   * 1. Read the file (400 without one or with no usable header, 415 of another kind), check every
   *    row on its own (stations must exist and be the caller's to import).
   * 2. Entries are keyed by the ID number's blind index: a row whose person is on the roster
   *    updates the entry (an empty phone or stage keeps the one on record), never adds one.
   * 3. A dry run writes nothing; otherwise the import, every entry and the audit entry are written
   *    in one transaction. Rejected rows are reported and skipped.
   */
  async importRoster(
    principal: Principal,
    file: UploadedFile | undefined,
    dryRun: boolean,
    requestId: string,
  ): Promise<ImportReport> {
    const v = await this.viewer(principal);
    const table = await readRosterFile(file?.bytes);
    const stations = await this.r.staff.listStations();
    const byId = new Map(stations.map((s) => [s.id, s]));
    const now = this.clock.now();
    const { rows, rejected } = checkRosterRows(table, {
      stations,
      mayImport: (id) => importRefusal(v, byId.get(id)!),
      now,
    });
    const hashed = rows.map((row) => ({ row, hash: this.r.people.blindIndexIdNumber(row.idNumber) }));

    if (dryRun) {
      const known = await this.existing(
        this.db.manager,
        hashed.map((h) => h.hash),
      );
      return { importId: null, dryRun, ...this.counts(hashed, known), rejected };
    }
    return this.db.transaction(async (em) => {
      const known = await this.existing(
        em,
        hashed.map((h) => h.hash),
      );
      const counts = this.counts(hashed, known);
      const inserted = await em.insert(RosterImport, {
        importedBy: v.accountId,
        fileName: readableName(file?.filename).slice(0, 255),
        ...counts,
        rejected: rejected.length,
        createdAt: now,
      });
      const importId = Number(inserted.identifiers[0].id);
      for (const { row, hash } of hashed) await this.write(em, row, hash, importId, now);
      await recordAudit(
        em,
        {
          actorAccountId: v.accountId,
          action: 'roster.import',
          targetType: 'roster_import',
          targetId: importId,
          detail: { ...counts, rejected: rejected.length },
          requestId,
        },
        now,
      );
      return { importId, dryRun, ...counts, rejected };
    });
  }

  private counts(hashed: Array<{ hash: string }>, known: Set<string>) {
    const updated = hashed.filter((h) => known.has(h.hash)).length;
    return { accepted: hashed.length - updated, updated };
  }

  /** The blind indexes among these that are on the roster already. */
  private async existing(em: EntityManager, hashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await em.find(RosterEntry, {
        where: { idNumberHash: In(hashes.slice(i, i + 500)) },
        select: { id: true, idNumberHash: true },
      });
      for (const r of rows) out.add(r.idNumberHash);
    }
    return out;
  }

  /** Inserts the entry or updates the one with the same ID number, in one statement (no gap-lock deadlock). */
  private async write(em: EntityManager, row: RosterRow, hash: string, importId: number, now: Date): Promise<void> {
    const phone = row.phone ? this.r.people.phoneValues(row.phone) : null;
    const values: Partial<RosterEntry> = {
      name: row.name,
      idNumberCipher: this.r.people.encryptIdNumber(row.idNumber),
      idNumberHash: hash,
      category: row.category,
      stationId: row.stationId,
      ...(phone ?? {}),
      stage: row.stage ?? defaultStage(row.category),
      importId,
      createdAt: now,
      updatedAt: now,
    };
    const set: Partial<Record<keyof RosterEntry & string, OnExisting>> = {
      name: 'inserted',
      category: 'inserted',
      stationId: 'inserted',
      importId: 'inserted',
      updatedAt: 'inserted',
    };
    if (phone) Object.assign(set, { phoneCipher: 'inserted', phoneHash: 'inserted', phoneLast4: 'inserted' });
    if (row.stage) set.stage = 'inserted';
    await upsert(em, RosterEntry, values, ['idNumberHash'], set);
  }

  /**
   * The roster over the caller's stations, in import order, a page at a time. `q` is a whole ID
   * number (found by its blind index) or a part of a name.
   */
  async list(
    principal: Principal,
    filter: {
      stationId?: number;
      category?: HolderCategory;
      stage?: RosterStage;
      q?: string;
      afterId?: number;
      limit: number;
    },
  ): Promise<EntryView[]> {
    const v = await this.viewer(principal);
    const stations = await this.visibleStations(v);
    const ids = [...stations.keys()];
    if (filter.stationId !== undefined && !stations.has(filter.stationId))
      throw forbidden('只能查看本服务站（本区）的名册');
    const q = this.db.manager.createQueryBuilder(RosterEntry, 'e');
    if (filter.stationId !== undefined) q.where('e.station_id = :sid', { sid: filter.stationId });
    else if (!v.admin) {
      if (ids.length === 0) return [];
      q.where('e.station_id IN (:...ids)', { ids });
    }
    if (filter.category) q.andWhere('e.category = :category', { category: filter.category });
    if (filter.stage) q.andWhere('e.stage = :stage', { stage: filter.stage });
    const text = filter.q?.trim();
    if (text) {
      const parsed = parseIdNumber(text, this.clock.now());
      if (parsed.ok)
        q.andWhere('e.id_number_hash = :hash', { hash: this.r.people.blindIndexIdNumber(parsed.facts.normalized) });
      else q.andWhere("e.name LIKE :like ESCAPE '!'", { like: `%${text.replace(/[!%_]/g, '!$&')}%` });
    }
    if (filter.afterId) q.andWhere('e.id > :after', { after: filter.afterId });
    const rows = await q.orderBy('e.id', 'ASC').limit(filter.limit).getMany();
    return rows.map((entry) => this.view(entry, stations.get(entry.stationId)!));
  }

  /**
   * The one-person file: the entry, and everything the system knows of the same person (matched
   * by the ID number's blind index to the identity a holder bound), read through the owning
   * modules' services; visits staff recorded. Staff of the person's station and district only
   * (anyone else: 404); every read is audit-logged.
   */
  async file(principal: Principal, id: number, requestId: string): Promise<PersonFile> {
    const v = await this.viewer(principal);
    const { entry, station } = await this.readable(v, id);
    const person = (await this.r.people.findByIdNumberHashes([entry.idNumberHash])).get(entry.idNumberHash) ?? null;
    const accountId = person?.accountId ?? null;
    const em = this.db.manager;
    const [cards, redemptions, appeals, placement, roles, appointments, voucherOrders, conversations, visits] =
      await Promise.all([
        person ? this.r.cardStats.recordOf(person.personId) : { applications: [], cards: [] },
        person ? this.r.redemptions.recentOf(person.personId, 20) : { total: 0, items: [] },
        person ? this.r.appeals.appealsOf(person.personId) : [],
        accountId ? placementOf(em, accountId) : null,
        accountId ? rolesOf(em, accountId) : [],
        accountId ? this.r.booking.appointmentsOf(accountId) : [],
        accountId ? this.r.orders.ordersOf(accountId) : [],
        accountId ? this.r.chat.summaryOf(accountId) : { count: 0, lastMessageAt: null },
        this.visitsOf(entry.id),
      ]);
    const today = shanghaiDate(this.clock.now());
    await this.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actorAccountId: v.accountId,
          action: 'roster.file_read',
          targetType: 'roster_entry',
          targetId: entry.id,
          detail: { personMatched: person !== null },
          requestId,
        },
        this.clock.now(),
      ),
    );
    return {
      ...this.view(entry, station),
      person: person ? { id: person.personId, verified: person.verified } : null,
      account:
        accountId && placement
          ? { id: accountId, displayName: placement.displayName, roles, disabled: Boolean(placement.disabled) }
          : null,
      cards,
      appointments,
      redemptions,
      voucherOrders,
      conversations,
      appeals: appeals.map((appeal) => ({ appeal, overdue: isOverdue(appeal, today) })),
      visits,
    };
  }

  /**
   * The holder's own file in brief: their bound identity, their roster entry (matched by the ID
   * number's blind index), card applications and cards, legal-aid appointments, appeals and
   * errands. Their own data, so not audit-logged; nothing but the last four of the ID number.
   */
  async summaryFor(principal: Principal): Promise<HolderSummary> {
    const person = await this.r.people.identityOf(principal.accountId);
    if (!person) return { identity: null, roster: null, applications: [], cards: [], appointments: [], appeals: [] };
    const entry = await this.db.manager.findOneBy(RosterEntry, { idNumberHash: person.idNumberHash });
    const [record, appointments, appeals, stations] = await Promise.all([
      this.r.cardStats.recordOf(person.id),
      this.r.booking.appointmentsOf(principal.accountId),
      this.r.appeals.appealsOf(person.id),
      entry ? this.r.staff.listStations() : [],
    ]);
    const station = entry ? stations.find((s) => s.id === entry.stationId) : undefined;
    return {
      identity: {
        name: person.name,
        idNumberLast4: this.r.people.factsOfCipher(person.idNumberCipher).idNumberLast4,
        category: person.category,
        verified: Boolean(person.verified),
      },
      roster:
        entry && station
          ? { category: entry.category, station: { id: station.id, name: station.name }, stage: entry.stage }
          : null,
      applications: record.applications,
      cards: record.cards,
      appointments,
      appeals,
    };
  }

  /** Records a visit (走访慰问) on an entry: staff of the person's station or district; audit-logged. */
  async addVisit(
    principal: Principal,
    id: number,
    input: VisitInput,
    requestId: string,
  ): Promise<{ visit: PersonVisit; staffName: string }> {
    const v = await this.viewer(principal);
    const { entry } = await this.readable(v, id);
    const now = this.clock.now();
    if (input.visitedOn > shanghaiDate(now)) throw validationFailed('visitedOn', '走访日期不能晚于今天');
    const visit = await this.db.transaction(async (em) => {
      const inserted = await em.insert(PersonVisit, {
        rosterEntryId: entry.id,
        staffAccountId: v.accountId,
        visitedOn: input.visitedOn,
        kind: input.kind,
        note: input.note,
        createdAt: now,
        updatedAt: now,
      });
      const visitId = Number(inserted.identifiers[0].id);
      await recordAudit(
        em,
        {
          actorAccountId: v.accountId,
          action: 'roster.visit_add',
          targetType: 'roster_entry',
          targetId: entry.id,
          detail: { visitId, kind: input.kind },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(PersonVisit, { id: visitId });
    });
    const staff = (await this.r.staff.findStaffMembers([v.accountId])).get(v.accountId);
    return { visit, staffName: staff?.displayName ?? '' };
  }

  /**
   * The roster as the denominator of the application rate, per station, per district and over
   * everything the caller sees. People are matched to their applications by the ID number's blind
   * index; the counts are people, not applications, so a reissue does not count twice.
   */
  async rates(principal: Principal): Promise<{
    stations: Array<RateFigures & { stationId: number; stationName: string; districtId: number }>;
    districts: Array<RateFigures & { districtId: number; districtName: string }>;
    total: RateFigures;
  }> {
    const v = await this.viewer(principal);
    const all = await this.r.staff.listStations();
    const visible = all.filter((s) => mayManageStation(v, s));
    const entries: RosterEntry[] = [];
    const ids = visible.map((s) => s.id);
    for (let i = 0; i < ids.length; i += 500) {
      entries.push(
        ...(await this.db.manager.find(RosterEntry, {
          where: { stationId: In(ids.slice(i, i + 500)) },
          select: { id: true, idNumberHash: true, stationId: true, stage: true },
        })),
      );
    }
    const eligible = entries.filter((e) => !NOT_YET_ELIGIBLE.includes(e.stage));
    const people = await this.r.people.findByIdNumberHashes(eligible.map((e) => e.idNumberHash));
    const progress = await this.r.cardStats.progressOf([...people.values()].map((p) => p.personId));

    const tally = () => ({ eligible: 0, applied: 0, approved: 0, issued: 0 });
    const perStation = new Map(visible.map((s) => [s.id, tally()]));
    for (const e of eligible) {
      const t = perStation.get(e.stationId)!;
      t.eligible++;
      const personId = people.get(e.idNumberHash)?.personId;
      const p = personId === undefined ? undefined : progress.get(personId);
      if (!p) continue;
      t.applied++;
      if (p.approved) t.approved++;
      if (p.issued) t.issued++;
    }
    const figures = (t: ReturnType<typeof tally>): RateFigures => ({
      ...t,
      applicationRate: rate(t.applied, t.eligible),
      issuanceRate: rate(t.issued, t.applied),
    });
    const add = (a: ReturnType<typeof tally>, b: ReturnType<typeof tally>) => {
      a.eligible += b.eligible;
      a.applied += b.applied;
      a.approved += b.approved;
      a.issued += b.issued;
    };
    const perDistrict = new Map<number, { name: string; t: ReturnType<typeof tally> }>();
    const total = tally();
    for (const s of visible) {
      const d = perDistrict.get(s.districtId) ?? { name: s.district.name, t: tally() };
      perDistrict.set(s.districtId, d);
      add(d.t, perStation.get(s.id)!);
      add(total, perStation.get(s.id)!);
    }
    return {
      stations: visible.map((s) => ({
        stationId: s.id,
        stationName: s.name,
        districtId: s.districtId,
        ...figures(perStation.get(s.id)!),
      })),
      districts: [...perDistrict].map(([districtId, d]) => ({ districtId, districtName: d.name, ...figures(d.t) })),
      total: figures(total),
    };
  }

  private async viewer(principal: Principal): Promise<RosterViewer> {
    return rosterViewerOf((await this.r.staff.findStaffMembers([principal.accountId])).get(principal.accountId));
  }

  private async visibleStations(v: RosterViewer): Promise<Map<number, StationPlace & { name: string }>> {
    const all = await this.r.staff.listStations();
    return new Map(all.filter((s) => mayManageStation(v, s)).map((s) => [s.id, s]));
  }

  /** The entry when the viewer may read its file; 404 otherwise (its existence is not revealed). */
  private async readable(
    v: RosterViewer,
    id: number,
  ): Promise<{ entry: RosterEntry; station: StationPlace & { name: string } }> {
    const entry = await this.db.manager.findOneBy(RosterEntry, { id });
    const station = entry ? (await this.r.staff.listStations()).find((s) => s.id === entry.stationId) : undefined;
    if (!entry || !station || !mayReadFiles(v, station)) throw notFound('名册中没有这个人');
    return { entry, station };
  }

  private async visitsOf(entryId: number): Promise<Array<{ visit: PersonVisit; staffName: string }>> {
    const visits = await this.db.manager.find(PersonVisit, {
      where: { rosterEntryId: entryId },
      order: { visitedOn: 'DESC', id: 'DESC' },
      take: 200,
    });
    const staff = await this.r.staff.findStaffMembers(visits.map((x) => x.staffAccountId));
    return visits.map((visit) => ({ visit, staffName: staff.get(visit.staffAccountId)?.displayName ?? '' }));
  }

  private view(entry: RosterEntry, station: StationPlace & { name: string }): EntryView {
    return {
      entry,
      station: { id: station.id, name: station.name, districtId: station.districtId },
      idNumberLast4: this.r.people.factsOfCipher(entry.idNumberCipher).idNumberLast4,
    };
  }
}
