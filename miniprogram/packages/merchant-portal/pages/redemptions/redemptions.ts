import { listRedemptions, type DailyCount, type Redemption } from '../../../../services/merchant-portal';
import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { formatRelative } from '../../../../utils/format';

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

const toView = (items: Redemption[]): RedemptionView[] => {
  const now = new Date();
  return items.map((r) => ({
    id: r.id,
    when: formatRelative(r.at, now),
    nameMasked: r.holder.nameMasked,
    categoryText: categoryLabel(r.holder.category),
    offerTitle: r.offer.title,
  }));
};

/** 核验记录: how many holders were served today, and every verified use, newest first. */
Component({
  data: {
    todayCount: 0,
    items: [] as RedemptionView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: '',
  },
  methods: {
    onLoad(): void {
      void this.loadFirst();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.loadFirst();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async loadFirst(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await listRedemptions();
        this.setData({
          todayCount: countFor(page.daily || [], beijingToday(new Date())),
          items: toView(page.items),
          nextCursor: page.nextCursor,
          loaded: true,
          loading: false,
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loading || this.data.loadingMore) return;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await listRedemptions({ cursor });
        this.setData({
          items: this.data.items.concat(toView(page.items)),
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      } catch (err) {
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.loadFirst();
    },
  },
});
