import { timeline, type TimelineItem } from '../../services/notifications';
import { messageOf } from '../../services/request';
import { formatRelative } from '../../utils/format';

interface ItemView extends TimelineItem {
  when: string;
}

/** A refresh asks for at most this many newer notices; more than that and the list starts over. */
const REFRESH_LIMIT = 50;

const toView = (items: TimelineItem[]): ItemView[] => {
  const now = new Date();
  return items.map((i) => Object.assign({}, i, { when: formatRelative(i.at, now) }));
};

/** Drops from `items` any notice whose id is already in `shown`. */
const notShown = (items: ItemView[], shown: ItemView[]): ItemView[] => {
  const ids: Record<number, true> = {};
  for (const s of shown) ids[s.id] = true;
  return items.filter((i) => !ids[i.id]);
};

/**
 * 消息: the holder's notices (application progress, reminders, replies), newest first. Pulling
 * down fetches only what is newer than the top notice; "加载更多" pages back through older ones.
 */
Component({
  data: {
    items: [] as ItemView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    refreshing: false,
    error: '',
  },
  methods: {
    onLoad(): void {
      void this.loadFirst();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.refresh();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async loadFirst(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await timeline();
        this.setData({ items: toView(page.items), nextCursor: page.nextCursor, loaded: true, loading: false });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await timeline({ cursor });
        const older = notShown(toView(page.items), this.data.items);
        this.setData({ items: this.data.items.concat(older), nextCursor: page.nextCursor, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
    },

    async refresh(): Promise<void> {
      if (this.data.refreshing) return;
      const newest = this.data.items[0];
      if (!newest) {
        await this.loadFirst();
        return;
      }
      this.setData({ refreshing: true, error: '' });
      try {
        const page = await timeline({ after: newest.id, limit: REFRESH_LIMIT });
        if (page.nextCursor) {
          // So many arrived that some would be missing between old and new: start over.
          this.setData({ refreshing: false });
          await this.loadFirst();
          return;
        }
        const newer = notShown(toView(page.items), this.data.items);
        this.setData({ items: newer.concat(this.data.items), refreshing: false });
      } catch (err) {
        this.setData({ refreshing: false, error: messageOf(err) });
      }
    },

    retry(): void {
      if (this.data.loaded) void this.refresh();
      else void this.loadFirst();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      const page = e.currentTarget.dataset.page as string | null | undefined;
      if (!page) return;
      const url = page.charAt(0) === '/' ? page : `/${page}`;
      wx.navigateTo({ url });
    },
  },
});
