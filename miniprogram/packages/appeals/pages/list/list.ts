import { APPEAL_STATUS_TONE, dayText, KIND_WORDS, myAppeals, type AppealSummary } from '../../../../services/appeals';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface AppealRow {
  id: number;
  kindText: string;
  category: string;
  status: string;
  statusText: string;
  tone: string;
  /** The first words of what the holder wrote. */
  excerpt: string;
  whenText: string;
  /** Accepted: the day it is promised by. */
  promisedText: string;
  overdue: boolean;
  /** Resolved: the holder's turn to confirm, reopen or rate. */
  yourTurn: boolean;
}

const EMPTY = '您还没有反映过诉求，也没有请人代办过事情。遇到困难或有事要办，可以在这里告诉服务站。';
const EXCERPT = 40;

const toRow = (a: AppealSummary): AppealRow => ({
  id: a.id,
  kindText: KIND_WORDS[a.kind] || a.kind,
  category: a.category,
  status: a.status,
  statusText: a.statusText,
  tone: a.overdue ? 'danger' : APPEAL_STATUS_TONE[a.status] || 'neutral',
  excerpt: a.text.length > EXCERPT ? `${a.text.slice(0, EXCERPT)}…` : a.text,
  whenText: formatDateTime(a.createdAt),
  promisedText:
    a.promisedDate && (a.status === 'accepted' || a.status === 'in_progress') ? dayText(a.promisedDate) : '',
  overdue: a.overdue,
  yourTurn: a.status === 'resolved',
});

const lists = new WeakMap<object, PagedList<AppealSummary>>();

/**
 * 我的诉求: the holder's appeals and errands, newest first, a page at a time: the kind and
 * category, the status in words, when filed, the promised day once accepted, and a plain word when
 * that day has passed. Each opens its page; the empty list leads to filing one.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<AppealRow>(),
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<AppealSummary>(this, {
        emptyMessage: EMPTY,
        fetch: (cursor) => myAppeals(cursor ? { cursor } : {}),
        view: toRow,
      });
      lists.set(this, list);
      void list.first();
    },

    /** Back from an appeal (confirmed, reopened, rated there) or a new one: the list as it now stands. */
    onShow(): void {
      const list = lists.get(this);
      if (list && this.data.list.state !== 'loading') void list.first();
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

    /** The empty block leads to filing one; the error block loads again. */
    onStateAction(): void {
      if (this.data.list.state === 'empty') this.openNew();
      else this.reload();
    },

    loadMore(): void {
      void lists.get(this)?.more();
    },

    openAppeal(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (id) wx.navigateTo({ url: `/packages/appeals/pages/detail/detail?id=${id}` });
    },

    openNew(): void {
      wx.navigateTo({ url: '/packages/appeals/pages/new/new' });
    },
  },
});
