import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { hotels as loadHotels, nightText, type Hotel } from '../../lodging-api';

interface NightView {
  night: string;
  text: string;
  free: number;
  label: string;
}

interface HotelView {
  id: number;
  name: string;
  address: string;
  rules: string;
  nights: NightView[];
  anyFree: boolean;
}

const toView = (h: Hotel): HotelView => ({
  id: h.id,
  name: h.name,
  address: h.address || '',
  rules: h.rules || '',
  nights: h.nights.map((n) => ({
    night: n.night,
    text: nightText(n.night),
    free: n.free,
    label: n.free > 0 ? `空 ${n.free} 间` : '已满',
  })),
  anyFree: h.nights.some((n) => n.free > 0),
});

/**
 * 军人驿站: the hotels that give serving soldiers and their families a free room, each with its
 * address, rules and the free rooms of every night from today to 14 days ahead. A night with a room
 * left opens the booking form; 我的预订 is one tap away.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    hotels: [] as HotelView[],
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    /** Back from a booking: the free rooms have changed. */
    onShow(): void {
      if (this.data.state === 'ready' || this.data.state === 'empty') void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      if (this.data.hotels.length === 0) this.setData({ state: 'loading', message: '' });
      try {
        const res = await loadHotels();
        const list = res.items.map(toView);
        this.setData({
          state: list.length ? 'ready' : 'empty',
          message: list.length ? '' : '现在还没有开放预订的军人驿站，请过几天再来看看。',
          hotels: list,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    chooseNight(e: WechatMiniprogram.TouchEvent): void {
      const { id, night, free } = e.currentTarget.dataset as { id: number; night: string; free: number };
      if (!id || !night || Number(free) <= 0) return;
      wx.navigateTo({ url: `/packages/lodging/pages/book/book?hotelId=${id}&night=${night}` });
    },

    openMine(): void {
      wx.navigateTo({ url: '/packages/lodging/pages/bookings/bookings' });
    },
  },
});
