import { type Merchant, nearbyMerchants } from '../../../../services/merchants';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDistance, locate } from '../../../../utils/location';

/** As many as a map shows legibly; the list has the rest. */
const MAP_LIMIT = 50;

interface MarkerView {
  id: number;
  latitude: number;
  longitude: number;
  title: string;
  width: number;
  height: number;
  /** What a screen reader says for the marker. */
  'aria-label': string;
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

/** The same merchants as a list under the map: readable, tappable and heard by a screen reader. */
interface RowView {
  id: number;
  name: string;
  discount: string;
  distanceText: string;
  ariaLabel: string;
}

const discountOf = (m: Merchant) => (m.offers.length ? m.offers[0].discountText : '');

const toMarker = (m: Merchant): MarkerView => {
  const discount = discountOf(m);
  return {
    id: m.id,
    latitude: m.lat,
    longitude: m.lng,
    title: m.name,
    width: 32,
    height: 40,
    'aria-label': discount ? `${m.name}，${discount}` : m.name,
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

const toRow = (m: Merchant, withDistance: boolean): RowView => {
  const discount = discountOf(m);
  const distanceText = withDistance ? formatDistance(m.distanceM) : '';
  return {
    id: m.id,
    name: m.name,
    discount,
    distanceText,
    ariaLabel: [m.name, distanceText ? `距您${distanceText}` : '', discount, '查看详情'].filter((s) => !!s).join('，'),
  };
};

/**
 * The nearby merchants on a map, with the same search as the list (place, category, name).
 * Tapping a marker shows its name and discount; tapping that opens the merchant's page. The same
 * merchants are listed under the map, for whoever finds the markers small or uses a screen reader.
 * Opened on its own, the page asks for the location after WeChat's privacy popup; declining shows
 * the district around its centre.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    lat: 0,
    lng: 0,
    fallback: false,
    declined: false,
    categoryId: 0,
    q: '',
    markers: [] as MarkerView[],
    rows: [] as RowView[],
    loading: true,
    loaded: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const lat = Number(query.lat);
      const lng = Number(query.lng);
      this.setData({
        rootFontSize: rootFontSize(),
        categoryId: Number(query.categoryId) || 0,
        q: query.q ? decodeURIComponent(query.q) : '',
      });
      if (query.lat && query.lng && !isNaN(lat) && !isNaN(lng)) {
        this.setData({ lat, lng, fallback: query.fallback === '1', declined: query.declined === '1' });
        void this.load();
      } else {
        void this.start();
      }
    },

    async start(): Promise<void> {
      const pos = await locate();
      this.setData({ lat: pos.lat, lng: pos.lng, fallback: pos.fallback, declined: pos.declined });
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
        this.setData({
          markers: page.items.map(toMarker),
          rows: page.items.map((m) => toRow(m, !this.data.declined)),
          loading: false,
          loaded: true,
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    onCalloutTap(e: WechatMiniprogram.CalloutTap): void {
      this.openMerchant(Number(e.detail.markerId));
    },

    onRowTap(e: WechatMiniprogram.TouchEvent): void {
      this.openMerchant(Number(e.currentTarget.dataset.id));
    },

    openMerchant(id: number): void {
      if (!id) return;
      wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${id}` });
    },
  },
});
