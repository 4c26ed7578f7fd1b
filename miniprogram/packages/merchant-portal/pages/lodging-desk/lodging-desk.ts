import type { ApiResult } from '../../../../services/api-types';
import { messageOf, request } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

type DeskList = ApiResult<'/api/v1/lodging/desk/bookings'>;
type DeskBooking = DeskList['items'][number];

interface Row {
  id: number;
  nightText: string;
  guest: string;
  phone: string;
  statusText: string;
  tone: string;
  checkProof: boolean;
  canCheckIn: boolean;
  canNoShow: boolean;
}

const TONE: Record<string, string> = { booked: 'info', checked_in: 'ok', no_show: 'danger', cancelled: 'neutral' };
const KIND: Record<string, string> = { serving_soldier: '现役军人', family: '军人家属' };

/** Today in Beijing, `YYYY-MM-DD`. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const dayText = (night: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(night);
  return m ? `${Number(m[2])}月${Number(m[3])}日` : night;
};

const toRow = (b: DeskBooking): Row => ({
  id: b.id,
  nightText: dayText(b.night),
  guest: `${KIND[b.guestKind] || ''} ${b.guestName}`.trim(),
  phone: b.phone,
  statusText: b.statusText,
  tone: TONE[b.status] || 'neutral',
  checkProof: b.status === 'booked' && b.deskChecksProof,
  canCheckIn: b.allowedActions.indexOf('check_in') >= 0,
  canNoShow: b.allowedActions.indexOf('no_show') >= 0,
});

/**
 * 驿站前台: the shop's 军人驿站 bookings. 今晚 lists tonight's guests with their phone in full, to
 * confirm each stay (入住) or, from 18:00, mark one who did not come (未入住); 近期 lists the nights
 * ahead with phones and names masked. A guest without a reviewed proof has their papers checked here.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    tab: 'tonight' as 'tonight' | 'upcoming',
    state: 'loading',
    message: '',
    hotelName: '',
    items: [] as Row[],
    acting: 0,
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
      this.setData({ state: 'loading', message: '' });
      const query = this.data.tab === 'tonight' ? `?night=${beijingToday()}` : '';
      try {
        const res = await request<DeskList>(`/api/v1/lodging/desk/bookings${query}`);
        const items = res.items.map(toRow);
        this.setData({
          hotelName: res.hotelName,
          items,
          state: items.length ? 'ready' : 'empty',
          message: items.length ? '' : this.data.tab === 'tonight' ? '今晚没有驿站预订。' : '近期没有驿站预订。',
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    chooseTab(e: WechatMiniprogram.TouchEvent): void {
      const tab = e.currentTarget.dataset.tab === 'upcoming' ? 'upcoming' : 'tonight';
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], actionError: '' });
      void this.load();
    },

    checkIn(e: WechatMiniprogram.CustomEvent): void {
      this.confirmStep(Number(e.currentTarget.dataset.id), 'check-in', '确认入住', '确认这位客人已入住吗？');
    },

    noShow(e: WechatMiniprogram.CustomEvent): void {
      this.confirmStep(Number(e.currentTarget.dataset.id), 'no-show', '标记未入住', '确认这位客人今晚没有来入住吗？');
    },

    confirmStep(id: number, step: 'check-in' | 'no-show', title: string, content: string): void {
      if (!id || this.data.acting) return;
      wx.showModal({
        title,
        content,
        confirmText: '确定',
        cancelText: '再想想',
        success: (r) => {
          if (r.confirm) void this.act(id, step);
        },
      });
    },

    async act(id: number, step: 'check-in' | 'no-show'): Promise<void> {
      this.setData({ acting: id, actionError: '' });
      try {
        await request(`/api/v1/lodging/desk/bookings/${id}/${step}`, { method: 'POST' });
        this.setData({ acting: 0 });
        wx.showToast({ title: step === 'check-in' ? '已确认入住' : '已标记未入住', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ acting: 0, actionError: messageOf(err) });
      }
    },
  },
});
