import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate } from '../../../../utils/format';
import { myApplications, STATUS_TONE, withdraw, type Application } from '../../employment-api';

interface ApplicationView {
  id: number;
  postingId: number;
  title: string;
  employerName: string;
  statusText: string;
  tone: string;
  interviewNote: string;
  declineReason: string;
  when: string;
  mayWithdraw: boolean;
}

const toView = (a: Application): ApplicationView => ({
  id: a.id,
  postingId: a.postingId,
  title: a.postingTitle,
  employerName: a.employerName,
  statusText: a.statusText,
  tone: STATUS_TONE[a.status],
  interviewNote: a.status === 'interview' ? (a.interviewNote ?? '') : '',
  declineReason: a.status === 'declined' ? (a.declineReason ?? '') : '',
  when: `投递于 ${formatDate(a.createdAt)}`,
  mayWithdraw: a.allowedActions.indexOf('withdraw') >= 0,
});

/**
 * 我的投递: every application with where it stands (the interview's time and place when invited, the
 * reason when declined), newest first; one not yet decided can be withdrawn.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    items: [] as ApplicationView[],
    nextCursor: null as string | null,
    loadingMore: false,
    withdrawingId: 0,
    actionError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      if (this.data.items.length === 0) this.setData({ state: 'loading', message: '' });
      try {
        const res = await myApplications();
        this.setData({
          state: res.items.length ? 'ready' : 'empty',
          message: res.items.length ? '' : '您还没有投递过岗位。到就业超市看看适合您的岗位吧。',
          items: res.items.map(toView),
          nextCursor: res.nextCursor,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      if (!this.data.nextCursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const res = await myApplications(this.data.nextCursor);
        this.setData({ items: [...this.data.items, ...res.items.map(toView)], nextCursor: res.nextCursor });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    reload(): void {
      void this.load();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.posting);
      if (id) wx.navigateTo({ url: `/packages/employment/pages/posting/posting?id=${id}` });
    },

    withdraw(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const row = this.data.items.filter((a) => a.id === id)[0];
      if (!row || this.data.withdrawingId) return;
      wx.showModal({
        title: '撤回投递',
        content: `确定撤回对“${row.title}”的投递吗？撤回后不能再投递这个岗位。`,
        confirmText: '确定撤回',
        cancelText: '不撤回',
        success: (r) => {
          if (r.confirm) void this.doWithdraw(id);
        },
      });
    },

    async doWithdraw(id: number): Promise<void> {
      this.setData({ withdrawingId: id, actionError: '' });
      try {
        await withdraw(id);
        this.setData({ withdrawingId: 0 });
        wx.showToast({ title: '已撤回', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ withdrawingId: 0, actionError: messageOf(err) });
      }
    },
  },
});
