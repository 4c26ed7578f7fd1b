import { APPLICATION_STATUS_WORDS, type ApplicationStatus, KIND_WORDS } from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { hasRole } from '../../../../services/session';
import { type QueueItem, queue } from '../../../../services/staff';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate } from '../../../../utils/format';
import { emptyList, PagedList, type PagedListView } from '../../../../utils/paged-list';

type TabStatus = 'submitted' | 'station_approved' | 'needs_info' | 'approved';

const TABS: Array<{ status: TabStatus; label: string; empty: string }> = [
  { status: 'submitted', label: '待初审', empty: '没有待初审的申请' },
  { status: 'station_approved', label: '待复审', empty: '没有待复审的申请' },
  { status: 'needs_info', label: '待补充', empty: '没有等待申请人补充材料的申请' },
  { status: 'approved', label: '已通过', empty: '没有已通过的申请' },
];

interface ItemView {
  id: number;
  applicantName: string;
  categoryLabel: string;
  kindLabel: string;
  statusLabel: string;
  submittedDate: string;
  waiting: string;
  /** Long waits stand out. */
  overdue: boolean;
  caseByCase: boolean;
  ariaLabel: string;
}

const toView = (i: QueueItem): ItemView => {
  const waiting = i.waitingDays === null ? '' : i.waitingDays === 0 ? '今天提交' : `已等待 ${i.waitingDays} 天`;
  const view = {
    id: i.id,
    applicantName: i.applicantName,
    categoryLabel: categoryLabel(i.category),
    kindLabel: KIND_WORDS[i.kind] || '',
    statusLabel: APPLICATION_STATUS_WORDS[i.status as ApplicationStatus]
      ? APPLICATION_STATUS_WORDS[i.status as ApplicationStatus].label
      : i.status,
    submittedDate: i.submittedAt ? formatDate(i.submittedAt) : '',
    waiting,
    overdue: i.waitingDays !== null && i.waitingDays >= 7,
    caseByCase: i.caseByCase,
    ariaLabel: '',
  };
  view.ariaLabel = [
    view.applicantName,
    view.categoryLabel,
    view.kindLabel,
    waiting,
    i.caseByCase ? '需逐案审核' : '',
    '点击审核',
  ]
    .filter((s) => !!s)
    .join('，');
  return view;
};

/** Each tab keeps its own list, so a tab never shows another tab's rows while it loads. */
const blankLists = (): Record<TabStatus, PagedListView<ItemView>> => ({
  submitted: emptyList<ItemView>(),
  station_approved: emptyList<ItemView>(),
  needs_info: emptyList<ItemView>(),
  approved: emptyList<ItemView>(),
});

const controllers = new WeakMap<object, Record<string, PagedList<QueueItem>>>();

/**
 * 优待证审核: the station's or district's queue by status, the longest waiting first, with how long
 * each has waited and a mark on those reviewed case by case, a page at a time. Tap one to review it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    tabs: TABS,
    tabIndex: 0,
    current: 'submitted' as TabStatus,
    isStaff: true,
    lists: blankLists(),
  },
  methods: {
    onLoad(): void {
      const isStaff = hasRole('station_staff') || hasRole('district_staff');
      // A district reviewer's work starts where the stations' ends.
      const tabIndex = hasRole('district_staff') && !hasRole('station_staff') ? 1 : 0;
      const byTab: Record<string, PagedList<QueueItem>> = {};
      for (const tab of TABS) {
        byTab[tab.status] = new PagedList<QueueItem>(this, {
          key: `lists.${tab.status}`,
          fetch: (cursor) => queue({ status: tab.status, cursor }),
          view: toView,
          emptyMessage: tab.empty,
        });
      }
      controllers.set(this, byTab);
      this.setData({ rootFontSize: rootFontSize(), isStaff, tabIndex, current: TABS[tabIndex].status });
    },

    onShow(): void {
      // Also on coming back from a review: decided applications leave the tab.
      if (this.data.isStaff) void this.loadFirst();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.loadFirst();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    list(): PagedList<QueueItem> | undefined {
      const byTab = controllers.get(this);
      return byTab ? byTab[this.data.current] : undefined;
    },

    switchTab(e: WechatMiniprogram.TouchEvent): void {
      const index = Number(e.currentTarget.dataset.index);
      if (index === this.data.tabIndex || !TABS[index]) return;
      this.setData({ tabIndex: index, current: TABS[index].status });
      void this.loadFirst();
    },

    loadFirst(): Promise<void> {
      const list = this.list();
      return list ? list.first() : Promise.resolve();
    },

    loadMore(): Promise<void> {
      const list = this.list();
      return list ? list.more() : Promise.resolve();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      wx.navigateTo({ url: `/packages/staff/pages/review/review?id=${e.currentTarget.dataset.id}` });
    },

    /** Requests to change verified identities are reviewed on a page of their own. */
    openIdentityChanges(): void {
      wx.navigateTo({ url: '/packages/staff/pages/identity-changes/identity-changes' });
    },

    openLogin(): void {
      wx.navigateTo({ url: '/pages/login/login' });
    },
  },
});
