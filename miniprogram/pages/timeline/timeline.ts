import { timeline, type TimelineItem } from '../../services/notifications';
import { messageOf } from '../../services/request';
import { rootFontSize } from '../../utils/font-size';
import { formatRelative } from '../../utils/format';
import { emptyList, type PageOf, PagedList } from '../../utils/paged-list';

interface ItemView extends TimelineItem {
  when: string;
}

/** A refresh asks for at most this many newer notices; more than that and the list starts over. */
const REFRESH_LIMIT = 50;

const EMPTY = '暂时没有消息。办理进度、预约提醒和回复都会显示在这里。';

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
 * What the page keeps beside its data: the list's controller, the notices it shows and the cursor
 * for older ones, and newer notices waiting to be put on top.
 */
interface Feed {
  list: PagedList<ItemView>;
  shown: ItemView[];
  cursor: string | null;
  top: PageOf<ItemView> | null;
  refreshing: boolean;
}

const feeds = new WeakMap<object, Feed>();

/**
 * 消息: the holder's notices (application progress, reminders, replies), newest first, a page at
 * a time. Pulling down fetches only what is newer than the top notice; "加载更多" (or reaching the
 * bottom) pages back through older ones.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<ItemView>(),
    refreshError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const feed: Feed = {
        list: null as unknown as PagedList<ItemView>,
        shown: [],
        cursor: null,
        top: null,
        refreshing: false,
      };
      feed.list = new PagedList<ItemView>(this, {
        emptyMessage: EMPTY,
        fetch: async (cursor) => {
          // Newer notices found by a refresh: shown on top of those already there, no request needed.
          if (cursor === null && feed.top) {
            const top = feed.top;
            feed.top = null;
            feed.shown = top.items;
            return top;
          }
          const page = await timeline(cursor ? { cursor } : {});
          const items = cursor ? notShown(toView(page.items), feed.shown) : toView(page.items);
          feed.shown = cursor ? feed.shown.concat(items) : items;
          feed.cursor = page.nextCursor;
          return { items, nextCursor: page.nextCursor };
        },
      });
      feeds.set(this, feed);
      void feed.list.first();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.refresh();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    loadMore(): Promise<void> {
      const feed = feeds.get(this);
      return feed ? feed.list.more() : Promise.resolve();
    },

    /** Brings only the notices newer than the top one; after a long absence, starts over. */
    async refresh(): Promise<void> {
      const feed = feeds.get(this);
      if (!feed || feed.refreshing) return;
      const newest = feed.shown[0];
      if (!newest) {
        await feed.list.first();
        return;
      }
      feed.refreshing = true;
      this.setData({ refreshError: '' });
      try {
        const page = await timeline({ after: newest.id, limit: REFRESH_LIMIT });
        if (page.nextCursor) {
          // So many arrived that some would be missing between old and new: start over.
          await feed.list.first();
          return;
        }
        const newer = notShown(toView(page.items), feed.shown);
        if (newer.length === 0) return;
        feed.top = { items: newer.concat(feed.shown), nextCursor: feed.cursor };
        await feed.list.first();
      } catch (err) {
        this.setData({ refreshError: messageOf(err) });
      } finally {
        feed.refreshing = false;
      }
    },

    /** The list could not load at all: load it again. */
    reload(): void {
      const feed = feeds.get(this);
      if (feed) void feed.list.first();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      const page = e.currentTarget.dataset.page as string | null | undefined;
      if (!page) return;
      const url = page.charAt(0) === '/' ? page : `/${page}`;
      wx.navigateTo({ url });
    },
  },
});
