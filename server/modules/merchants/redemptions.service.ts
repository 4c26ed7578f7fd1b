import { In, LessThan, type SelectQueryBuilder } from 'typeorm';
import type { Database } from '../../db/database';
import { countUp } from '../../db/upsert';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import { Card } from '../cards/card.entity';
import { spendAtCounter } from '../cards/card.service';
import { attachFiles } from '../files/file-use.service';
import type { QrTokens } from '../cards/qr-token.service';
import { Person } from '../people/person.entity';
import type { HolderCategory } from '../../lib/id-number';
import { MerchantMember } from './merchant-member.entity';
import { MerchantOffer } from './merchant-offer.entity';
import { Merchant } from './merchant.entity';
import { MerchantErrors } from './merchants.errors';
import { COUNTER_PHOTO_MS, REDEEMED_CARD_FILE, assertMerchantOpen, membershipOf, notAMember } from './merchants.policy';
import { RedemptionDailyCount } from './redemption-daily-count.entity';
import { Redemption } from './redemption.entity';

/** The holder as the counter shows them: the name and category the card was issued with. */
export interface RedemptionHolder {
  name: string;
  category: HolderCategory;
}

export interface RedemptionResult {
  redemption: Redemption;
  holder: RedemptionHolder;
  offer: Pick<MerchantOffer, 'id' | 'title'>;
  /** The card's photo, readable by the clerk's shop until `photoReadableUntil`; null if none on record. */
  photoFileId: number | null;
  photoReadableUntil: Date;
}

/** The shop's own figures over Beijing days `from`…`to`, both included. */
export interface OwnFigures {
  from: string;
  to: string;
  total: number;
  uniqueHolders: number;
  today: number;
  perDay: Array<{ day: string; count: number }>;
  perOffer: Array<{ offerId: number; title: string; count: number }>;
}

/** A counter's merchant and the offer scanned for, as one read returns them (the offer null when not theirs). */
interface CounterRow {
  merchant_id: number | string;
  merchant_status: Merchant['status'];
  offer_id: number | string | null;
  offer_title: string | null;
  offer_status: MerchantOffer['status'] | null;
  offer_valid_from: unknown;
  offer_valid_to: unknown;
  offer_limit: number | string | null;
  offer_categories: string | null;
}

const holderOf = (card: Card, person: Person | undefined): RedemptionHolder => ({
  name: card.holderName ?? person?.name ?? '',
  category: card.category,
});

/** Verifying a holder's card at the counter, and the histories and figures that follow. */
export class RedemptionsService {
  constructor(
    private readonly db: Database,
    private readonly qr: QrTokens,
    private readonly clock: Clock,
  ) {}

  /**
   * 1. The clerk's merchant (from their membership, never from the request) is active, and the
   *    offer is that merchant's (else 404), active and in date: one read.
   * 2. In one transaction: spend the QR token (signature, expiry, single use; card active), check
   *    the holder's category, count today's use against the limit with one guarded upsert, and
   *    record the redemption. Any refusal rolls the whole transaction back, so the token is spent
   *    (and the use counted) only when a redemption is recorded.
   * The answer is built from what the transaction already holds: nothing is read back.
   */
  async redeem(principal: Principal, input: { qrToken: string; offerId: number }): Promise<RedemptionResult> {
    const now = this.clock.now();
    const offer = await this.counterOffer(principal, input.offerId, now);
    const token = this.qr.verify(input.qrToken); // fail fast on a forged or expired token, before any write

    return this.db.transaction(async (em) => {
      const card = await spendAtCounter(em, this.qr, token);
      if (offer.eligible.length > 0 && !offer.eligible.includes(card.category)) {
        throw MerchantErrors.categoryNotEligible();
      }
      const day = shanghaiDate(now);
      if (offer.perPersonDailyLimit) {
        const used = await countUp(
          em,
          RedemptionDailyCount,
          { offerId: offer.id, personId: card.personId, day },
          ['offerId', 'personId', 'day'],
          'count',
        );
        // Past the limit the transaction rolls back, taking this count with it.
        if (used > offer.perPersonDailyLimit) throw MerchantErrors.dailyUsesSpent(offer.perPersonDailyLimit);
      }
      const values = {
        merchantId: offer.merchantId,
        offerId: offer.id,
        cardId: card.id,
        personId: card.personId,
        clerkAccountId: principal.accountId,
        day,
        createdAt: now,
      };
      const r = await em.insert(Redemption, values);
      // The card's photo, so the clerk can compare it with the person for a short while.
      if (card.photoFileId) {
        await attachFiles(em, [card.photoFileId], { ownerType: REDEEMED_CARD_FILE, ownerId: card.id });
      }
      return {
        redemption: Object.assign(new Redemption(), values, { id: Number(r.identifiers[0].id) }),
        holder: { name: card.holderName, category: card.category },
        offer: { id: offer.id, title: offer.title },
        photoFileId: card.photoFileId,
        photoReadableUntil: new Date(now.getTime() + COUNTER_PHOTO_MS),
      };
    });
  }

  /**
   * The caller's merchant and the offer scanned for, in one read of the columns the counter uses,
   * refused as `membershipOf` refuses (not a member 403, merchant suspended or not open 409), then
   * 404 when the offer is not this merchant's and OFFER_UNAVAILABLE when it is withdrawn or out of date.
   */
  private async counterOffer(principal: Principal, offerId: number, now: Date) {
    const em = this.db.manager;
    const row = await em
      .createQueryBuilder(MerchantMember, 'mm')
      .innerJoin(Merchant, 'm', 'm.id = mm.merchant_id')
      .leftJoin(MerchantOffer, 'o', 'o.id = :offerId AND o.merchant_id = m.id', { offerId })
      .select([
        'm.id AS merchant_id',
        'm.status AS merchant_status',
        'o.id AS offer_id',
        'o.title AS offer_title',
        'o.status AS offer_status',
        'o.valid_from AS offer_valid_from',
        'o.valid_to AS offer_valid_to',
        'o.per_person_daily_limit AS offer_limit',
        'o.eligible_categories AS offer_categories',
      ])
      .where('mm.account_id = :a AND mm.active = :yes', { a: principal.accountId, yes: true })
      .orderBy('mm.id', 'ASC')
      .limit(1)
      .getRawOne<CounterRow>();
    if (!row) throw notAMember();
    assertMerchantOpen(row.merchant_status);
    if (row.offer_id == null) throw notFound('优惠不存在');
    // Raw dates as each driver returns them, turned into Dates as an entity load would.
    const columns = em.connection.getMetadata(MerchantOffer);
    const date = (property: 'validFrom' | 'validTo', raw: unknown): Date | null =>
      raw == null
        ? null
        : em.connection.driver.prepareHydratedValue(raw, columns.findColumnWithPropertyName(property)!);
    const validFrom = date('validFrom', row.offer_valid_from);
    const validTo = date('validTo', row.offer_valid_to);
    if (row.offer_status !== 'active' || (validFrom && validFrom > now) || (validTo && validTo <= now)) {
      throw MerchantErrors.offerUnavailable();
    }
    return {
      id: Number(row.offer_id),
      merchantId: Number(row.merchant_id),
      title: row.offer_title ?? '',
      perPersonDailyLimit: row.offer_limit == null ? null : Number(row.offer_limit),
      eligible: row.offer_categories ? (row.offer_categories.split(',') as HolderCategory[]) : [],
    };
  }

  /** The merchant's redemptions, newest first, with today's and recent daily counts. */
  async forMerchant(principal: Principal, opts: { beforeId?: number; limit: number }) {
    const { merchant } = await membershipOf(this.db.manager, principal, { mustBeActive: false });
    const where = { merchantId: merchant.id, ...(opts.beforeId ? { id: LessThan(opts.beforeId) } : {}) };
    const rows = await this.db.manager.find(Redemption, { where, order: { id: 'DESC' }, take: opts.limit });
    const since = shanghaiDate(new Date(this.clock.now().getTime() - 13 * 86_400_000));
    const daily = await this.db.manager
      .createQueryBuilder(Redemption, 'r')
      .select('r.day', 'day')
      .addSelect('COUNT(*)', 'count')
      .where('r.merchant_id = :m AND r.day >= :since', { m: merchant.id, since })
      .groupBy('r.day')
      .orderBy('r.day', 'DESC')
      .getRawMany<{ day: string; count: string | number }>();
    return { rows, ...(await this.details(rows)), daily: daily.map((d) => ({ day: d.day, count: Number(d.count) })) };
  }

  /**
   * The owner's figures for their shop over Beijing days `from`…`to` (default: the last 30 days up
   * to today): the total, distinct holders, uses per day (days without any left out) and per offer.
   */
  async ownFigures(principal: Principal, span: { from?: string; to?: string }): Promise<OwnFigures> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true, mustBeActive: false });
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const to = span.to ?? today;
    const from = span.from ?? shanghaiDate(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
    if (from > to) throw validationFailed('from', '开始日期不能晚于结束日期');
    if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) {
      throw validationFailed('from', '一次最多查看一年');
    }
    const inSpan = (q: SelectQueryBuilder<Redemption>) =>
      q.where('r.merchant_id = :m AND r.day >= :from AND r.day <= :to', { m: merchant.id, from, to });
    const totals = await inSpan(
      this.db.manager
        .createQueryBuilder(Redemption, 'r')
        .select('COUNT(*)', 'total')
        .addSelect('COUNT(DISTINCT r.person_id)', 'people'),
    ).getRawOne<{ total: string | number; people: string | number }>();
    const perDay = await inSpan(
      this.db.manager.createQueryBuilder(Redemption, 'r').select('r.day', 'day').addSelect('COUNT(*)', 'count'),
    )
      .groupBy('r.day')
      .orderBy('r.day', 'DESC')
      .getRawMany<{ day: string; count: string | number }>();
    const perOffer = await inSpan(
      this.db.manager
        .createQueryBuilder(Redemption, 'r')
        .innerJoin(MerchantOffer, 'o', 'o.id = r.offer_id')
        .select('o.id', 'offerId')
        .addSelect('o.title', 'title')
        .addSelect('COUNT(*)', 'count'),
    )
      .groupBy('o.id')
      .addGroupBy('o.title')
      .orderBy('count', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .getRawMany<{ offerId: number; title: string; count: string | number }>();
    const todayCount = await this.db.manager.count(Redemption, { where: { merchantId: merchant.id, day: today } });
    return {
      from,
      to,
      total: Number(totals?.total ?? 0),
      uniqueHolders: Number(totals?.people ?? 0),
      today: todayCount,
      perDay: perDay.map((d) => ({ day: d.day, count: Number(d.count) })),
      perOffer: perOffer.map((o) => ({ offerId: Number(o.offerId), title: o.title, count: Number(o.count) })),
    };
  }

  /** The caller's own redemptions, newest first. */
  async mine(principal: Principal, opts: { beforeId?: number; limit: number }) {
    const person = await this.db.manager.findOneBy(Person, { accountId: principal.accountId });
    if (!person) {
      return {
        rows: [],
        offers: new Map<number, MerchantOffer>(),
        merchants: new Map<number, Merchant>(),
        people: new Map<number, Person>(),
        holders: new Map<number, RedemptionHolder>(),
      };
    }
    const where = { personId: person.id, ...(opts.beforeId ? { id: LessThan(opts.beforeId) } : {}) };
    const rows = await this.db.manager.find(Redemption, { where, order: { id: 'DESC' }, take: opts.limit });
    return { rows, ...(await this.details(rows)) };
  }

  /**
   * A person's discounts used at the counter: how many in all, and the latest `limit` with the shop
   * and the offer, for staff already allowed to read the person's file.
   */
  async recentOf(
    personId: number,
    limit: number,
  ): Promise<{ total: number; items: Array<{ id: number; merchantName: string; offerTitle: string; day: string }> }> {
    const em = this.db.manager;
    const total = await em.count(Redemption, { where: { personId } });
    const rows = await em
      .createQueryBuilder(Redemption, 'r')
      .innerJoin(Merchant, 'm', 'm.id = r.merchant_id')
      .innerJoin(MerchantOffer, 'o', 'o.id = r.offer_id')
      .select(['r.id AS id', 'm.name AS merchant_name', 'o.title AS offer_title', 'r.day AS day'])
      .where('r.person_id = :personId', { personId })
      .orderBy('r.id', 'DESC')
      .limit(limit)
      .getRawMany<{ id: unknown; merchant_name: string; offer_title: string; day: string }>();
    return {
      total,
      items: rows.map((r) => ({
        id: Number(r.id),
        merchantName: r.merchant_name,
        offerTitle: r.offer_title,
        day: r.day,
      })),
    };
  }

  /** Staff figures: redemptions per merchant (top 50) and per category, over the last `days`. */
  async figures(days: number) {
    const since = shanghaiDate(new Date(this.clock.now().getTime() - (days - 1) * 86_400_000));
    const perMerchant = await this.db.manager
      .createQueryBuilder(Redemption, 'r')
      .innerJoin(Merchant, 'm', 'm.id = r.merchant_id')
      .select('m.id', 'merchantId')
      .addSelect('m.name', 'name')
      .addSelect('m.upheld_complaints', 'upheldComplaints')
      .addSelect('COUNT(*)', 'count')
      .where('r.day >= :since', { since })
      .groupBy('m.id')
      .addGroupBy('m.name')
      .addGroupBy('m.upheld_complaints')
      .orderBy('count', 'DESC')
      .limit(50)
      .getRawMany<{ merchantId: number; name: string; upheldComplaints: number; count: string | number }>();
    const perCategory = await this.db.manager
      .createQueryBuilder(Redemption, 'r')
      .innerJoin(Merchant, 'm', 'm.id = r.merchant_id')
      .select('m.category_id', 'categoryId')
      .addSelect('COUNT(*)', 'count')
      .where('r.day >= :since', { since })
      .groupBy('m.category_id')
      .getRawMany<{ categoryId: number; count: string | number }>();
    return {
      since,
      perMerchant: perMerchant.map((r) => ({
        merchantId: Number(r.merchantId),
        name: r.name,
        upheldComplaints: Number(r.upheldComplaints),
        count: Number(r.count),
      })),
      perCategory: perCategory.map((r) => ({ categoryId: Number(r.categoryId), count: Number(r.count) })),
    };
  }

  private async details(rows: Redemption[]) {
    const ids = (f: (r: Redemption) => number) => [...new Set(rows.map(f))];
    const [offers, merchants, people, cards] = rows.length
      ? await Promise.all([
          this.db.manager.findBy(MerchantOffer, { id: In(ids((r) => r.offerId)) }),
          this.db.manager.findBy(Merchant, { id: In(ids((r) => r.merchantId)) }),
          this.db.manager.findBy(Person, { id: In(ids((r) => r.personId)) }),
          this.db.manager.findBy(Card, { id: In(ids((r) => r.cardId)) }),
        ])
      : [[], [], [], []];
    const peopleById = new Map(people.map((p) => [p.id, p]));
    const cardsById = new Map(cards.map((c) => [c.id, c]));
    // By redemption: each shows the holder as on the card that was shown.
    const holders = new Map<number, RedemptionHolder>();
    for (const r of rows) {
      const card = cardsById.get(r.cardId);
      if (card) holders.set(r.id, holderOf(card, peopleById.get(r.personId)));
    }
    return {
      offers: new Map(offers.map((o) => [o.id, o])),
      merchants: new Map(merchants.map((m) => [m.id, m])),
      people: peopleById,
      holders,
    };
  }
}
