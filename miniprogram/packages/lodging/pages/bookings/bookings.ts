import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import {
  cancelBooking,
  GUEST_KIND_WORDS,
  myBookings,
  nightText,
  STATUS_TONE,
  type BookingSummary,
} from '../../lodging-api';

interface BookingRow {
  id: number;
  hotelName: string;
  nightText: string;
  guest: string;
  statusText: string;
  tone: string;
  /** What the guest needs to know: papers at the desk, the proof under review, why it was cancelled. */
  note: string;
  cancellable: boolean;
}

const PROOF_NOTE: Record<string, string> = {
  none: '入住时请向前台出示军官证、士兵证或军属证明',
  pending: '证明材料审核中',
  approved: '证明材料已审核通过',
  rejected: '证明材料未通过审核',
};

const toRow = (b: BookingSummary): BookingRow => ({
  id: b.id,
  hotelName: b.hotelName,
  nightText: nightText(b.night),
  guest: `${GUEST_KIND_WORDS[b.guestKind] || ''} ${b.guestName}`.trim(),
  statusText: b.statusText,
  tone: STATUS_TONE[b.status] || 'neutral',
  note:
    b.status === 'cancelled'
      ? b.cancelReason
        ? `取消原因：${b.cancelReason}`
        : ''
      : b.status === 'booked'
        ? PROOF_NOTE[b.proofStatus] || ''
        : '',
  cancellable: b.allowedActions.indexOf('cancel') >= 0,
});

/**
 * 我的预订: the guest's 驿站 nights, the latest first, each with the hotel, who stays, where it
 * stands and what to bring. 取消预订 shows where the server allows it (a booked night until 18:00
 * that evening) and asks first; a refusal from the server is shown as it says it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    items: [] as BookingRow[],
    cancellingId: 0,
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
        const res = await myBookings();
        const items = res.items.map(toRow);
        this.setData({
          state: items.length ? 'ready' : 'empty',
          message: items.length ? '' : '您还没有预订过军人驿站。',
          items,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    /** The empty block leads to the hotels; the error block loads again. */
    onStateAction(): void {
      if (this.data.state === 'empty') wx.navigateTo({ url: '/packages/lodging/pages/hotels/hotels' });
      else void this.load();
    },

    cancel(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const row = this.data.items.filter((b) => b.id === id)[0];
      if (!row || this.data.cancellingId) return;
      wx.showModal({
        title: '取消预订',
        content: `确定取消${row.nightText}在${row.hotelName}的预订吗？取消后房间会让给其他人。`,
        confirmText: '确定取消',
        cancelText: '不取消',
        success: (r) => {
          if (r.confirm) void this.doCancel(id);
        },
      });
    },

    async doCancel(id: number): Promise<void> {
      this.setData({ cancellingId: id, actionError: '' });
      try {
        await cancelBooking(id);
        this.setData({ cancellingId: 0 });
        wx.showToast({ title: '已取消', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ cancellingId: 0, actionError: messageOf(err) });
      }
    },
  },
});
