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
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime, formatRelative } from '../../../../utils/format';
import { ensurePrivacy } from '../../../../utils/privacy';

/** The state in words, and the chip's colour: coming up, done, or not going ahead. */
const STATUS: Record<string, { text: string; tone: string }> = {
  booked: { text: '已预约', tone: 'info' },
  checked_in: { text: '已签到', tone: 'info' },
  completed: { text: '已完成', tone: 'ok' },
  cancelled: { text: '已取消', tone: 'neutral' },
  no_show: { text: '未到场', tone: 'danger' },
};

interface AppointmentView {
  id: number;
  statusText: string;
  tone: string;
  status: string;
  /** Still to come: the place, the call or the meeting is shown. */
  live: boolean;
  mode: string;
  /** In person: where, and whether the map can open. */
  address: string;
  hasMap: boolean;
  /** By phone: who calls which number when. */
  phoneText: string;
  /** By video: the meeting, once the provider has set it. */
  meetingLink: string;
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

function phoneText(a: Appointment): string {
  const who = a.provider ? a.provider.name : '服务人员';
  const number = a.callTo ? `您的电话 ${a.callTo}` : '您登记的手机号';
  return `${who}将于 ${formatRelative(a.startsAt)} 拨打${number}，请保持电话畅通。`;
}

const toView = (a: Appointment): AppointmentView => ({
  id: a.id,
  status: a.status,
  statusText: (STATUS[a.status] || { text: a.status }).text,
  tone: (STATUS[a.status] || { tone: 'neutral' }).tone,
  live: a.status === 'booked' || a.status === 'checked_in',
  mode: a.mode,
  address: a.place ? a.place.address : '',
  hasMap: !!a.place && a.place.latitude !== null && a.place.longitude !== null,
  phoneText: a.mode === 'phone' ? phoneText(a) : '',
  meetingLink: a.meetingLink || '',
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
    rootFontSize: rootFontSize(),
    items: [] as AppointmentView[],
    waitlist: [] as WaitView[],
    /** The server's rows, for the map's coordinates. */
    raw: [] as Appointment[],
    state: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
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
      this.setData({ rootFontSize: rootFontSize() });
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
      if (!this.data.loaded) this.setData({ state: 'loading' });
      try {
        const mine = await myAppointments();
        const waitlist = (mine.waitlist || []).map(toWaitView);
        this.setData({
          raw: mine.items,
          items: mine.items.map(toView),
          waitlist,
          state: mine.items.length || waitlist.length ? 'ready' : 'empty',
          loaded: true,
          loading: false,
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err), state: this.data.loaded ? 'ready' : 'error' });
      }
    },

    retry(): void {
      void this.load();
    },

    /** The empty block offers booking; the error block, another try. */
    onStateAction(): void {
      if (this.data.state === 'empty') this.openProviders();
      else this.retry();
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

    /** Opens the place of an in-person appointment on the phone's map. */
    openMap(e: WechatMiniprogram.TouchEvent): void {
      const a = this.data.raw.filter((x) => x.id === Number(e.currentTarget.dataset.id))[0];
      if (!a || !a.place || a.place.latitude === null || a.place.longitude === null) return;
      wx.openLocation({
        latitude: a.place.latitude,
        longitude: a.place.longitude,
        name: a.provider ? a.provider.name : '法律服务',
        address: a.place.address,
        scale: 17,
      });
    },

    /** Copies the video meeting, to paste into 腾讯会议. */
    async copyMeeting(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const item = this.data.items.filter((x) => x.id === Number(e.currentTarget.dataset.id))[0];
      if (!item || !item.meetingLink) return;
      if (!(await ensurePrivacy('用于复制视频会议的链接或会议号'))) {
        this.setData({ actionError: '没有同意使用剪贴板，无法复制。可以长按会议链接手动复制。' });
        return;
      }
      wx.setClipboardData({ data: item.meetingLink });
    },

    openProviders(): void {
      wx.navigateTo({ url: '/packages/legal-aid/pages/providers/providers' });
    },
  },
});
