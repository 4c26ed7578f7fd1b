import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import { periodStarts } from '../../lib/periods';
import { Merchant } from './merchant.entity';
import { Redemption } from './redemption.entity';

/**
 * Uses of offers at the counters per week (Monday first) or calendar month, Beijing time, as the
 * cards' series are. Merchants belong to no district: the figures cover the bureau, as the desk's
 * other merchant figures do.
 */
export class MerchantSeriesService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async series(period: 'week' | 'month', periods: number) {
    const starts = periodStarts(this.clock.now(), period, periods).map(shanghaiDate);
    const since = starts[0];
    // A redemption carries its Beijing day as text: the days compare as strings on both databases,
    // and the buckets are made here rather than by SQL date functions, which differ between them.
    const rows = await this.db.manager
      .createQueryBuilder(Redemption, 'r')
      .innerJoin(Merchant, 'm', 'm.id = r.merchant_id')
      .select('r.day', 'day')
      .addSelect('r.person_id', 'personId')
      .addSelect('r.merchant_id', 'merchantId')
      .addSelect('m.category_id', 'categoryId')
      .addSelect('COUNT(*)', 'n')
      .where('r.day >= :since', { since })
      .groupBy('r.day')
      .addGroupBy('r.person_id')
      .addGroupBy('r.merchant_id')
      .addGroupBy('m.category_id')
      .getRawMany<{ day: string; personId: number; merchantId: number; categoryId: number; n: string | number }>();
    const buckets = starts.map(() => ({ redemptions: 0, holders: new Set<number>(), merchants: new Set<number>() }));
    const perCategory = new Map<number, number>();
    for (const r of rows) {
      let i = starts.length - 1;
      while (i > 0 && r.day < starts[i]) i--;
      const n = Number(r.n);
      buckets[i].redemptions += n;
      buckets[i].holders.add(Number(r.personId));
      buckets[i].merchants.add(Number(r.merchantId));
      const c = Number(r.categoryId);
      perCategory.set(c, (perCategory.get(c) ?? 0) + n);
    }
    return {
      period,
      since,
      items: starts.map((start, i) => ({
        start,
        redemptions: buckets[i].redemptions,
        holders: buckets[i].holders.size,
        merchants: buckets[i].merchants.size,
      })),
      perCategory: [...perCategory.entries()]
        .sort(([a], [b]) => a - b)
        .map(([categoryId, redemptions]) => ({ categoryId, redemptions })),
    };
  }
}
