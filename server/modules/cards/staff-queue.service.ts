import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { validationFailed } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { factsOf, type HolderCategory } from '../../lib/id-number';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { shanghaiDate, workingDaysBefore } from '../../lib/working-days';
import type { PeopleService } from '../people/people.service';
import { CardApplication } from './card-application.entity';
import { APPLICATION_STATUSES, type ApplicationStatus } from './card-application.states';
import { loadReviewer, type Reviewer } from './cards.policy';
import { PersonSearchIndex } from './person-search-index.entity';

/**
 * An application waiting for a review step longer than this many working days is overdue (the
 * same limit after which the daily digest tells staff about it).
 */
export const REVIEW_WORKING_DAYS = 5;
/** The statuses that wait for a reviewer: the station's step, then the district's. */
const AWAITING_REVIEW: ApplicationStatus[] = ['submitted', 'station_approved'];
/** Rows of the search index written per batch when it catches up. */
const INDEX_BATCH = 500;
/** Birth dates before this are not in any ID number in use. */
const EARLIEST_BIRTH = '1900-01-01';

const tailContext = (n: number) => `person.id_number.tail${n}`;
const BIRTH_MONTH_CONTEXT = 'person.birth_month';
const BIRTH_DATE_CONTEXT = 'person.birth_date';

/** The console's queue filters, on top of status, station and waiting time. */
export interface StaffQueueFilter {
  status?: ApplicationStatus;
  stationId?: number;
  category?: HolderCategory;
  /** Age in whole years today (Asia/Shanghai), from the birth date in the ID number. */
  ageMin?: number;
  ageMax?: number;
  /** Only applications past the review deadline of their current step. */
  overdue?: boolean;
  /** A name (or part of one), the last 4 to 6 characters of the ID number, or the whole number. */
  q?: string;
  /** Only applications submitted at least this many days ago. */
  minWaitingDays?: number;
  /** Continue after this (submittedAt, id) position. */
  after?: { submittedAt: string; id: number };
  limit: number;
}

export interface StaffQueuePage {
  rows: Array<{ application: CardApplication; applicantName: string; overdue: boolean }>;
  /** How many applications each status has under the other filters (for the status chips). */
  counts: Record<Exclude<ApplicationStatus, 'draft'>, number>;
}

/** What a search text asks for. */
type SearchTerm =
  | { kind: 'name'; text: string }
  | { kind: 'tail'; tail: string }
  | { kind: 'id_number'; normalized: string };

function searchTermOf(q: string): SearchTerm {
  const text = q.trim();
  if (/^\d{3,5}[\dXx]$/.test(text)) return { kind: 'tail', tail: text.toUpperCase() };
  if (/^\d{17}[\dXx]$/.test(text)) return { kind: 'id_number', normalized: text.toUpperCase() };
  if (/^[\dXx]+$/.test(text)) throw validationFailed('q', '身份证号请输入后 4 至 6 位或完整的 18 位号码');
  return { kind: 'name', text };
}

/** `YYYY-MM-DD` of a date `years` before `date`, 29 February falling back to the 28th. */
function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day of a `YYYY-MM` month, as `YYYY-MM-DD`. */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The birth dates of everyone aged `min`..`max` whole years on `today` (`YYYY-MM-DD`), as the
 * fewest index values: whole months by their month, the partial months at either end day by day.
 */
export function birthRange(
  today: string,
  min: number | undefined,
  max: number | undefined,
): { months: string[]; days: string[] } {
  const hi = yearsBefore(today, min ?? 0);
  const lo = max === undefined ? EARLIEST_BIRTH : addDays(yearsBefore(today, max + 1), 1);
  const months: string[] = [];
  const days: string[] = [];
  let cursor = lo < EARLIEST_BIRTH ? EARLIEST_BIRTH : lo;
  while (cursor <= hi) {
    const monthEnd = lastDayOf(cursor.slice(0, 7));
    if (cursor.endsWith('-01') && monthEnd <= hi) {
      months.push(cursor.slice(0, 7));
      cursor = addDays(monthEnd, 1);
      continue;
    }
    const end = [monthEnd, hi].sort()[0];
    for (let d = cursor; d <= end; d = addDays(d, 1)) days.push(d);
    cursor = addDays(end, 1);
  }
  return { months, days };
}

/**
 * The 优待证 queue as the staff console searches it: the reviewer's area (station staff their
 * station, district staff every station of their district), filters, a search by name or by the
 * last digits of the ID number, oldest submission first, with counts per status.
 *
 * ID numbers are stored encrypted, so the last digits and the birth date are looked up through
 * keyed blind indexes (`person_search_index`). The index is filled here, from the decrypted
 * numbers, before a search that needs it: on first use it catches up with every person (a
 * one-off pass over the table), afterwards only with people who are new or whose number changed.
 */
export class StaffQueueService {
  constructor(
    private readonly db: Database,
    private readonly fieldCrypto: FieldCrypto,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {}

  async search(principal: Principal, filter: StaffQueueFilter): Promise<StaffQueuePage> {
    const em = this.db.manager;
    const r = await loadReviewer(em, principal);
    const now = this.clock.now();
    const cutoff = workingDaysBefore(now, REVIEW_WORKING_DAYS);
    const term = filter.q ? searchTermOf(filter.q) : undefined;
    if (filter.ageMin !== undefined && filter.ageMax !== undefined && filter.ageMin > filter.ageMax) {
      throw validationFailed('ageMin', '最小年龄不能大于最大年龄');
    }
    if (term?.kind === 'tail' || filter.ageMin !== undefined || filter.ageMax !== undefined) await this.catchUpIndex();

    const base = () => this.filtered(em, r, filter, term, now, cutoff);
    const q = base();
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.after) {
      q.andWhere('(a.submitted_at > :afterAt OR (a.submitted_at = :afterAt AND a.id > :afterId))', {
        afterAt: new Date(filter.after.submittedAt),
        afterId: filter.after.id,
      });
    }
    const apps = await q
      .select('a')
      .addSelect('p.name', 'person_name')
      .orderBy('a.submitted_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(filter.limit)
      .getRawAndEntities();

    const grouped: Array<{ status: string; n: string | number }> = await base()
      .select('a.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('a.status')
      .getRawMany();
    const counts = Object.fromEntries(
      APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => [s, 0]),
    ) as StaffQueuePage['counts'];
    for (const g of grouped) if (g.status !== 'draft') counts[g.status as keyof typeof counts] = Number(g.n);

    const names = new Map(
      apps.raw.map((row: { a_id: number; person_name: string }) => [Number(row.a_id), row.person_name]),
    );
    return {
      rows: apps.entities.map((application) => ({
        application,
        applicantName: application.snapshotName ?? names.get(application.id) ?? '',
        overdue: AWAITING_REVIEW.includes(application.status) && application.statusChangedAt <= cutoff,
      })),
      counts,
    };
  }

  /** The reviewer's area and every filter but the status and the page position. */
  private filtered(
    em: EntityManager,
    r: Reviewer,
    filter: StaffQueueFilter,
    term: SearchTerm | undefined,
    now: Date,
    cutoff: Date,
  ): SelectQueryBuilder<CardApplication> {
    const q = em.createQueryBuilder(CardApplication, 'a').innerJoin('person', 'p', 'p.id = a.person_id');
    q.where(
      new Brackets((w) => {
        if (r.levels.includes('station')) w.orWhere('a.station_id = :myStation', { myStation: r.stationId });
        if (r.levels.includes('district')) w.orWhere('a.district_id = :myDistrict', { myDistrict: r.districtId });
      }),
    );
    q.andWhere('a.status <> :draft', { draft: 'draft' });
    if (filter.stationId) q.andWhere('a.station_id = :stationId', { stationId: filter.stationId });
    if (filter.category) q.andWhere('a.category = :category', { category: filter.category });
    if (filter.minWaitingDays) {
      q.andWhere('a.submitted_at <= :waitCutoff', {
        waitCutoff: new Date(now.getTime() - filter.minWaitingDays * 86_400_000),
      });
    }
    if (filter.overdue === true) {
      q.andWhere('a.status IN (:...awaiting) AND a.status_changed_at <= :cutoff', {
        awaiting: AWAITING_REVIEW,
        cutoff,
      });
    } else if (filter.overdue === false) {
      q.andWhere('NOT (a.status IN (:...awaiting) AND a.status_changed_at <= :cutoff)', {
        awaiting: AWAITING_REVIEW,
        cutoff,
      });
    }
    if (filter.ageMin !== undefined || filter.ageMax !== undefined) {
      const { months, days } = birthRange(shanghaiDate(now), filter.ageMin, filter.ageMax);
      const monthHashes = months.map((m) => this.fieldCrypto.blindIndex(m, BIRTH_MONTH_CONTEXT));
      const dayHashes = days.map((d) => this.fieldCrypto.blindIndex(d, BIRTH_DATE_CONTEXT));
      if (monthHashes.length + dayHashes.length === 0) {
        q.andWhere('1 = 0');
      } else {
        q.andWhere(
          new Brackets((w) => {
            w.where('1 = 0');
            if (monthHashes.length) {
              w.orWhere(
                'a.person_id IN (SELECT s.person_id FROM person_search_index s WHERE s.birth_month_hash IN (:...monthHashes))',
                { monthHashes },
              );
            }
            if (dayHashes.length) {
              w.orWhere(
                'a.person_id IN (SELECT s.person_id FROM person_search_index s WHERE s.birth_date_hash IN (:...dayHashes))',
                { dayHashes },
              );
            }
          }),
        );
      }
    }
    if (term?.kind === 'name') {
      const like = `%${term.text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      q.andWhere("(a.snapshot_name LIKE :like ESCAPE '!' OR p.name LIKE :like ESCAPE '!')", { like });
    } else if (term?.kind === 'tail') {
      const n = term.tail.length;
      q.andWhere(`a.person_id IN (SELECT s.person_id FROM person_search_index s WHERE s.tail${n}_hash = :tailHash)`, {
        tailHash: this.fieldCrypto.blindIndex(term.tail, tailContext(n)),
      });
    } else if (term?.kind === 'id_number') {
      q.andWhere('p.id_number_hash = :idHash', { idHash: this.people.blindIndexIdNumber(term.normalized) });
    }
    return q;
  }

  /**
   * Brings the search index up to date: a row for every person who has none, or whose ID number
   * changed since theirs was written. Erased people (their number gone; the erasure deletes their
   * row) are left out. Two callers doing this at once compute the same rows: the loser's
   * duplicate insert is ignored, and the next pass finds nothing left to do.
   */
  catchUpIndex(): Promise<number> {
    // Searches at the same moment share one pass.
    if (!this.catchingUp) {
      this.catchingUp = this.catchUp().finally(() => {
        this.catchingUp = null;
      });
    }
    return this.catchingUp;
  }

  private catchingUp: Promise<number> | null = null;

  private async catchUp(): Promise<number> {
    let written = 0;
    for (let pass = 0; pass < 10_000; pass++) {
      const stale: Array<{ id: number; cipher: string; hash: string }> = await this.db.manager
        .createQueryBuilder()
        .select('p.id', 'id')
        .addSelect('p.id_number_cipher', 'cipher')
        .addSelect('p.id_number_hash', 'hash')
        .from('person', 'p')
        .leftJoin(PersonSearchIndex, 's', 's.person_id = p.id')
        .where('(s.person_id IS NULL OR s.id_number_hash <> p.id_number_hash)')
        .andWhere("p.id_number_cipher <> ''")
        .orderBy('p.id', 'ASC')
        .limit(INDEX_BATCH)
        .getRawMany();
      if (stale.length === 0) return written;
      const now = this.clock.now();
      const rows = stale.map((p) => this.indexRow(Number(p.id), p.cipher, p.hash, now));
      try {
        await this.db.transaction(async (em) => {
          await em.delete(PersonSearchIndex, { personId: In(rows.map((x) => x.personId)) });
          await em.insert(PersonSearchIndex, rows);
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      written += rows.length;
      if (stale.length < INDEX_BATCH) return written;
    }
    return written;
  }

  private indexRow(personId: number, cipher: string, idNumberHash: string, now: Date): PersonSearchIndex {
    const normalized = this.people.decryptIdNumber(cipher);
    const { birthDate } = factsOf(normalized);
    const tail = (n: number) => this.fieldCrypto.blindIndex(normalized.slice(-n), tailContext(n));
    return {
      personId,
      idNumberHash,
      tail4Hash: tail(4),
      tail5Hash: tail(5),
      tail6Hash: tail(6),
      birthMonthHash: this.fieldCrypto.blindIndex(birthDate.slice(0, 7), BIRTH_MONTH_CONTEXT),
      birthDateHash: this.fieldCrypto.blindIndex(birthDate, BIRTH_DATE_CONTEXT),
      updatedAt: now,
    };
  }
}
