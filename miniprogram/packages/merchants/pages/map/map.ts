import { nearbyMerchants, type Merchant } from '../../../../services/merchants';
import { messageOf } from '../../../../services/request';
import { locate } from '../../../../utils/location';

/** As many as a map shows legibly; the list has the rest. */
const MAP_LIMIT = 50;

interface MarkerView {
  id: number;
  latitude: number;
  longitude: number;
  title: string;
  width: number;
  height: number;
  callout: {
    content: string;
    display: 'BYCLICK' | 'ALWAYS';
    fontSize: number;
    padding: number;
    borderRadius: number;
    color: string;
    bgColor: string;
    textAlign: 'left' | 'center' | 'right';
  };
}

const toMarker = (m: Merchant): MarkerView => {
  const discount = m.offers.length ? m.offers[0].discountText : '';
  return {
    id: m.id,
    latitude: m.lat,
    longitude: m.lng,
    title: m.name,
    width: 32,
    height: 40,
    callout: {
      content: discount ? `${m.name}\n${discount}\n点此查看详情` : `${m.name}\n点此查看详情`,
      display: 'BYCLICK',
      fontSize: 16,
      padding: 10,
      borderRadius: 8,
      color: '#1a1a1a',
      bgColor: '#ffffff',
      textAlign: 'center',
    },
  };
};

/**
 * The nearby merchants on a map, with the same search as the list (place, category, name).
 * Tapping a marker shows its name and discount; tapping that opens the merchant's page.
 */
Component({
  data: {
    lat: 0,
    lng: 0,
    fallback: false,
    categoryId: 0,
    q: '',
    markers: [] as MarkerView[],
    loading: true,
    loaded: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const lat = Number(query.lat);
      const lng = Number(query.lng);
      this.setData({
        categoryId: Number(query.categoryId) || 0,
        q: query.q ? decodeURIComponent(query.q) : '',
      });
      if (query.lat && query.lng && !isNaN(lat) && !isNaN(lng)) {
        this.setData({ lat, lng, fallback: query.fallback === '1' });
        void this.load();
      } else {
        void this.start();
      }
    },

    async start(): Promise<void> {
      const pos = await locate();
      this.setData({ lat: pos.lat, lng: pos.lng, fallback: pos.fallback });
      await this.load();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await nearbyMerchants({
          lat: this.data.lat,
          lng: this.data.lng,
          categoryId: this.data.categoryId || undefined,
          q: this.data.q || undefined,
          limit: MAP_LIMIT,
        });
        this.setData({ markers: page.items.map(toMarker), loading: false, loaded: true });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    onCalloutTap(e: WechatMiniprogram.CalloutTap): void {
      const id = Number(e.detail.markerId);
      if (!id) return;
      wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${id}` });
    },
  },
});
