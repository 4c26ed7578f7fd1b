import { listRedemptions, type DailyCount, type RedemptionItem } from '../../../../services/merchant-portal';
import { categoryLabel } from '../../../../services/people';
import { rootFontSize } from '../../../../utils/font-size';
import { formatRelative } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface RedemptionView {
  id: number;
  when: string;
  nameMasked: string;
  categoryText: string;
  offerTitle: string;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Beijing, `YYYY-MM-DD`, as the server counts days. */
const beijingToday = (now: Date) => new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

function countFor(daily: DailyCount[], day: string): number {
  for (const d of daily) if (d.day === day) return d.count;
  return 0;
}

const toView = (r: RedemptionItem): RedemptionView => ({
  id: r.id,
  when: formatRelative(r.at, new Date()),
  nameMasked: r.holder.nameMasked,
  categoryText: categoryLabel(r.holder.category),
  offerTitle: r.offer.title,
});

const lists = new WeakMap<object, PagedList<RedemptionItem>>();

/** 核验记录: how many holders were served today, and every verified use, newest first, a page at a time. */
Component({
  data: {
    rootFontSize: rootFontSize(),
    todayCount: 0,
    counted: false,
    list: emptyList<RedemptionView>(),
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<RedemptionItem>(this, {
        emptyMessage: '还没有核验记录。',
        fetch: async (cursor) => {
          const page = await listRedemptions(cursor ? { cursor } : {});
          if (!cursor) {
            this.setData({ todayCount: countFor(page.daily || [], beijingToday(new Date())), counted: true });
          }
          return page;
        },
        view: toView,
      });
      lists.set(this, list);
      void list.first();
    },

    async onPullDownRefresh(): Promise<void> {
      await lists.get(this)?.first();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void lists.get(this)?.more();
    },

    reload(): void {
      void lists.get(this)?.first();
    },

    loadMore(): void {
      void lists.get(this)?.more();
    },
  },
});
