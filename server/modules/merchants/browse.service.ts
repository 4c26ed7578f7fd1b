import { Brackets } from 'typeorm';
import type { Database } from '../../db/database';
import { notFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { MerchantCategory } from './merchant-category.entity';
import { MerchantOffer } from './merchant-offer.entity';
import { Merchant } from './merchant.entity';
import { M_PER_E6, projectedDistanceM, searchBox, toE6 } from './geo';
import type { SingleFlightCache } from './single-flight-cache';

export interface NearbyQuery {
  lat: number;
  lng: number;
  radiusKm: number;
  categoryId?: number;
  q?: string;
  after?: { d2: number; id: number };
  limit: number;
}

export interface MerchantListing {
  merchant: Merchant;
  category: MerchantCategory | undefined;
  distanceM: number | null;
  offers: MerchantOffer[];
  /** Sort key of the row, for the next page's cursor. */
  d2?: number;
}

/** LIKE patterns escape with '!', which reads the same in MySQL and SQLite string literals. */
/** A text for `LIKE … ESCAPE '!'`: its wildcards match themselves. */
export const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/**
 * What holders browse: merchants nearest first within a radius, and a merchant's page.
 * The search scans an integer box on (status | category, lat, lng) and orders by an
 * equirectangular distance computed from numbers typed as doubles (no decimal arithmetic).
 */
export class BrowseService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly cache: SingleFlightCache<unknown>,
    /** Emptied by every change to the catalogue (see merchants.module). */
    private readonly searches: SingleFlightCache<unknown>,
  ) {}

  /**
   * A search, cached briefly by its exact terms and the minute (offers start and end on the
   * clock): phones at one spot, or one phone paging back and forth, ask the same thing again.
   */
  nearby(query: NearbyQuery): Promise<MerchantListing[]> {
    const minute = Math.floor(this.clock.now().getTime() / 60_000);
    const key = `${minute}:${JSON.stringify(query)}`;
    return this.searches.get(key, () => this.search(query)) as Promise<MerchantListing[]>;
  }

  private async search(query: NearbyQuery): Promise<MerchantListing[]> {
    const latE6 = toE6(query.lat);
    const lngE6 = toE6(query.lng);
    const radiusM = query.radiusKm * 1000;
    const box = searchBox(latE6, lngE6, radiusM);
    const asDouble = (p: string) => (this.db.kind === 'mysql' ? `CAST(:${p} AS DOUBLE)` : `CAST(:${p} AS REAL)`);
    const dLng = `((m.lng_e6 - :lng) * ${asDouble('k')})`;
    const d2 = `((m.lat_e6 - :lat) * (m.lat_e6 - :lat) + ${dLng} * ${dLng})`;
    // Order and page on the whole part of the squared distance (then id): an integer survives the
    // trip through a cursor exactly, where a double read back from MariaDB's text may not.
    const key = this.db.kind === 'mysql' ? `CAST(FLOOR(${d2}) AS SIGNED)` : `CAST(${d2} AS INTEGER)`;
    const q = this.db.manager
      .createQueryBuilder(Merchant, 'm')
      .addSelect(key, 'd2')
      .where('m.status = :active', { active: 'active' })
      .andWhere('m.lat_e6 BETWEEN :minLat AND :maxLat AND m.lng_e6 BETWEEN :minLng AND :maxLng', box)
      .andWhere(`${d2} <= ${asDouble('r2')}`, { lat: latE6, lng: lngE6, k: box.cosLat, r2: (radiusM / M_PER_E6) ** 2 });
    if (query.categoryId) q.andWhere('m.category_id = :categoryId', { categoryId: query.categoryId });
    if (query.q) {
      const like = `%${likeEscape(query.q)}%`;
      q.andWhere(
        new Brackets((w) =>
          w.where("m.name LIKE :like ESCAPE '!'", { like }).orWhere("m.address LIKE :like ESCAPE '!'", { like }),
        ),
      );
    }
    if (query.after) {
      q.andWhere(`(${key} > :afterD2 OR (${key} = :afterD2 AND m.id > :afterId))`, {
        afterD2: query.after.d2,
        afterId: query.after.id,
      });
    }
    const { entities, raw } = await q
      .orderBy('d2', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(query.limit)
      .getRawAndEntities();
    const keyById = new Map(raw.map((r: Record<string, unknown>) => [Number(r.m_id), Number(r.d2)]));
    const listings = await this.withOffers(entities);
    // The distance shown is the one the search filtered and ordered by (within 1 % of the
    // great-circle distance at city scale), so the list never contradicts itself.
    return listings.map((l) => ({
      ...l,
      distanceM: projectedDistanceM(latE6, lngE6, l.merchant.latE6, l.merchant.lngE6, box.cosLat),
      d2: keyById.get(l.merchant.id),
    }));
  }

  /** A merchant's page (active merchants only), cached briefly: it is the hottest read. */
  merchantPage(id: number): Promise<MerchantListing> {
    return this.cache.get(`merchant:${id}`, async () => {
      const merchant = await this.db.manager.findOneBy(Merchant, { id, status: 'active' });
      if (!merchant) throw notFound('商户不存在');
      const [listing] = await this.withOffers([merchant]);
      return listing;
    }) as Promise<MerchantListing>;
  }

  private async withOffers(merchants: Merchant[]): Promise<MerchantListing[]> {
    if (merchants.length === 0) return [];
    const now = this.clock.now();
    const offers = await this.db.manager
      .createQueryBuilder(MerchantOffer, 'o')
      .where('o.merchant_id IN (:...ids) AND o.status = :active', { ids: merchants.map((m) => m.id), active: 'active' })
      .andWhere('(o.valid_from IS NULL OR o.valid_from <= :now) AND (o.valid_to IS NULL OR o.valid_to > :now)', { now })
      .orderBy('o.id', 'ASC')
      .getMany();
    const categories = await this.categoriesById();
    return merchants.map((merchant) => ({
      merchant,
      category: categories.get(merchant.categoryId),
      distanceM: null,
      offers: offers.filter((o) => o.merchantId === merchant.id),
    }));
  }

  private async categoriesById(): Promise<Map<number, MerchantCategory>> {
    const all = (await this.cache.get('categories:all', () =>
      this.db.manager.find(MerchantCategory),
    )) as MerchantCategory[];
    return new Map(all.map((c) => [c.id, c]));
  }
}
