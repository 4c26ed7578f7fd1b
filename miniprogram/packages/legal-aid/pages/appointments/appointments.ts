import {
  acceptWaitlistOffer,
  cancelAppointment,
  leaveWaitlist,
  modeLabel,
  myAppointments,
  reviewAppointment,
  serviceTypeLabel,
  type Appointment,
  type WaitlistEntry,
} from '../../../../services/legal-aid';
import { messageOf } from '../../../../services/request';
import { formatDateTime, formatRelative } from '../../../../utils/format';

const STATUS_WORDS: Record<string, string> = {
  booked: '已预约',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '未到场',
};

interface AppointmentView {
  id: number;
  statusText: string;
  status: string;
  providerName: string;
  whenText: string;
  serviceText: string;
  modeText: string;
  summary: string;
  cancelText: string;
  ratingStars: string;
  comment: string;
  canCancel: boolean;
  canReview: boolean;
}

interface WaitView {
  id: number;
  offered: boolean;
  statusText: string;
  providerName: string;
  whenText: string;
  canAccept: boolean;
  canLeave: boolean;
}

const stars = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);

function cancelText(a: Appointment): string {
  if (a.status !== 'cancelled') return '';
  if (a.cancelledBy === 'staff') return a.cancelReason ? `服务窗口已取消：${a.cancelReason}` : '服务窗口已取消该预约';
  return '您已取消该预约';
}

const toView = (a: Appointment): AppointmentView => ({
  id: a.id,
  status: a.status,
  statusText: STATUS_WORDS[a.status] || a.status,
  providerName: a.provider ? a.provider.name : '',
  whenText: formatDateTime(a.startsAt),
  serviceText: serviceTypeLabel(a.serviceType),
  modeText: modeLabel(a.mode),
  summary: a.summary,
  cancelText: cancelText(a),
  ratingStars: a.rating ? stars(a.rating) : '',
  comment: a.comment || '',
  canCancel: a.allowedActions.indexOf('cancel') >= 0,
  canReview: a.allowedActions.indexOf('review') >= 0,
});

const toWaitView = (w: WaitlistEntry): WaitView => {
  const offered = w.status === 'offered';
  return {
    id: w.id,
    offered,
    statusText: offered
      ? `有空位了！请${w.offerExpiresAt ? `在 ${formatRelative(w.offerExpiresAt)} 前` : '尽快'}确认，逾期将让给下一位`
      : '候补中：有人取消时会通知您',
    providerName: w.provider ? w.provider.name : '',
    whenText: w.slot ? formatDateTime(w.slot.startsAt) : '',
    canAccept: w.allowedActions.indexOf('accept') >= 0,
    canLeave: w.allowedActions.indexOf('leave') >= 0,
  };
};

function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText,
      cancelText: '不了',
      success: (res) => resolve(!!(res && res.confirm)),
      fail: () => resolve(false),
    });
  });
}

/**
 * 我的预约: appointments with their state and what can be done now (as the server allows), and
 * the times waited for, where a freed place can be taken.
 */
Component({
  data: {
    items: [] as AppointmentView[],
    waitlist: [] as WaitView[],
    loaded: false,
    loading: false,
    error: '',
    actionError: '',
    busy: false,
    reviewingId: 0,
    rating: 0,
    starValues: [1, 2, 3, 4, 5],
    comment: '',
    reviewError: '',
  },
  methods: {
    onLoad(): void {
      void this.load();
    },

    onShow(): void {
      if (this.data.loaded) void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const mine = await myAppointments();
        this.setData({
          items: mine.items.map(toView),
          waitlist: (mine.waitlist || []).map(toWaitView),
          loaded: true,
          loading: false,
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    /** Runs one action, then shows the list as it now stands. */
    async act(run: () => Promise<unknown>, done: string): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await run();
        wx.showToast({ title: done, icon: 'success' });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      }
      this.setData({ busy: false });
      await this.load();
    },

    async cancel(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      const yes = await confirm('取消预约', '确定取消这次预约吗？名额会让给候补的人。', '取消预约');
      if (!yes) return;
      await this.act(() => cancelAppointment(id), '已取消');
    },

    startReview(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ reviewingId: Number(e.currentTarget.dataset.id), rating: 0, comment: '', reviewError: '' });
    },

    closeReview(): void {
      this.setData({ reviewingId: 0, rating: 0, comment: '', reviewError: '' });
    },

    chooseRating(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ rating: Number(e.currentTarget.dataset.value), reviewError: '' });
    },

    onCommentInput(e: WechatMiniprogram.Input): void {
      this.setData({ comment: e.detail.value });
    },

    async submitReview(): Promise<void> {
      if (this.data.busy) return;
      const rating = this.data.rating;
      if (rating < 1 || rating > 5) {
        this.setData({ reviewError: '请点星星打分（1 到 5 颗星）' });
        return;
      }
      const id = this.data.reviewingId;
      const comment = this.data.comment.trim();
      this.setData({ busy: true, reviewError: '' });
      try {
        await reviewAppointment(id, rating, comment || undefined);
      } catch (err) {
        this.setData({ busy: false, reviewError: messageOf(err) });
        return;
      }
      this.setData({ busy: false, reviewingId: 0, rating: 0, comment: '' });
      wx.showToast({ title: '感谢评价', icon: 'success' });
      await this.load();
    },

    async accept(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      await this.act(() => acceptWaitlistOffer(id), '预约成功');
    },

    async leave(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      const yes = await confirm('退出候补', '确定不再等候这个时间吗？', '退出候补');
      if (!yes) return;
      await this.act(() => leaveWaitlist(id), '已退出候补');
    },

    openProviders(): void {
      wx.navigateTo({ url: '/packages/legal-aid/pages/providers/providers' });
    },
  },
});
