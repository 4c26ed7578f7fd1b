import { APPLICATION_STATUS_WORDS, KIND_WORDS, type ApplicationStatus } from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { hasRole } from '../../../../services/session';
import { queue, type QueueItem } from '../../../../services/staff';
import { formatDate } from '../../../../utils/format';

const TABS: Array<{ status: ApplicationStatus; label: string }> = [
  { status: 'submitted', label: '待初审' },
  { status: 'station_approved', label: '待复审' },
  { status: 'needs_info', label: '待补充' },
  { status: 'approved', label: '已通过' },
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
}

const toView = (i: QueueItem): ItemView => ({
  id: i.id,
  applicantName: i.applicantName,
  categoryLabel: categoryLabel(i.category),
  kindLabel: KIND_WORDS[i.kind] || '',
  statusLabel: APPLICATION_STATUS_WORDS[i.status] ? APPLICATION_STATUS_WORDS[i.status].label : i.status,
  submittedDate: i.submittedAt ? formatDate(i.submittedAt) : '',
  waiting: i.waitingDays === null ? '' : i.waitingDays === 0 ? '今天提交' : `已等待 ${i.waitingDays} 天`,
  overdue: i.waitingDays !== null && i.waitingDays >= 7,
  caseByCase: i.caseByCase,
});

/**
 * 优待证审核: the station's or district's queue by status, the longest waiting first, with how long
 * each has waited and a mark on those reviewed case by case. Tap one to review it.
 */
Component({
  data: {
    tabs: TABS,
    tabIndex: 0,
    isStaff: true,
    items: [] as ItemView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: '',
  },
  methods: {
    onLoad(): void {
      const isStaff = hasRole('station_staff') || hasRole('district_staff');
      // A district reviewer's work starts where the stations' ends.
      const tabIndex = hasRole('district_staff') && !hasRole('station_staff') ? 1 : 0;
      this.setData({ isStaff, tabIndex });
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

    switchTab(e: WechatMiniprogram.TouchEvent): void {
      const index = Number(e.currentTarget.dataset.index);
      if (index === this.data.tabIndex) return;
      this.setData({ tabIndex: index, items: [], nextCursor: null, loaded: false });
      void this.loadFirst();
    },

    async loadFirst(): Promise<void> {
      const tabIndex = this.data.tabIndex;
      this.setData({ loading: true, error: '' });
      try {
        const page = await queue({ status: TABS[tabIndex].status });
        // The reviewer switched tabs meanwhile: this answer is for a tab no longer shown.
        if (tabIndex !== this.data.tabIndex) return;
        this.setData({ items: page.items.map(toView), nextCursor: page.nextCursor, loaded: true, loading: false });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      const tabIndex = this.data.tabIndex;
      if (!cursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await queue({ status: TABS[tabIndex].status, cursor });
        if (tabIndex !== this.data.tabIndex) return;
        const shown: Record<number, true> = {};
        for (const i of this.data.items) shown[i.id] = true;
        const more = page.items.filter((i) => !shown[i.id]).map(toView);
        this.setData({ items: this.data.items.concat(more), nextCursor: page.nextCursor, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
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
