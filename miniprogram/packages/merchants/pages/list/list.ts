import { listCategories, type Merchant, nearbyMerchants } from '../../../../services/merchants';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDistance, locate } from '../../../../utils/location';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface Chip {
  id: number;
  name: string;
}

interface MerchantView {
  id: number;
  name: string;
  categoryName: string;
  address: string;
  distanceText: string;
  discounts: string[];
  ariaLabel: string;
}

const ALL: Chip = { id: 0, name: '全部' };

const EMPTY = '附近暂时没有符合条件的优待商户。';

/** A merchant as a row; without the phone's place there is no distance worth showing. */
const toView = (m: Merchant, withDistance: boolean): MerchantView => {
  const distanceText = withDistance ? formatDistance(m.distanceM) : '';
  const discounts = m.offers.map((o) => o.discountText).filter((t) => !!t);
  return {
    id: m.id,
    name: m.name,
    categoryName: m.category ? m.category.name : '',
    address: m.address,
    distanceText,
    discounts,
    ariaLabel: [m.name, distanceText ? `距您${distanceText}` : '', discounts.join('，'), '查看详情']
      .filter((s) => !!s)
      .join('，'),
  };
};

const lists = new WeakMap<object, PagedList<Merchant>>();

/**
 * 优待商户: the alliance's merchants nearest first, from where the holder is (or from the district
 * centre when the location is refused), by category and name, with their discounts. The location
 * is asked for only after WeChat's privacy popup; declining it leaves the whole list working,
 * ordered from the district centre and without distances.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    lat: 0,
    lng: 0,
    located: false,
    fallback: false,
    declined: false,
    categories: [ALL] as Chip[],
    categoryId: 0,
    q: '',
    list: emptyList<MerchantView>(),
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<Merchant>(this, {
        fetch: (cursor) => nearbyMerchants(Object.assign(this.query(), cursor ? { cursor } : {})),
        view: (m) => toView(m, !this.data.declined),
        emptyMessage: EMPTY,
      });
      lists.set(this, list);
      void this.loadCategories();
      void this.start();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.start();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    /** Finds where the phone is (after the privacy popup), then searches from there. */
    async start(): Promise<void> {
      const pos = await locate();
      this.setData({ lat: pos.lat, lng: pos.lng, fallback: pos.fallback, declined: pos.declined, located: true });
      await this.loadFirst();
    },

    async loadCategories(): Promise<void> {
      try {
        const page = await listCategories();
        this.setData({ categories: [ALL].concat(page.items.map((c) => ({ id: c.id, name: c.name }))) });
      } catch {
        // Without categories the list still works: only 全部 is offered.
      }
    },

    loadFirst(): Promise<void> {
      const list = lists.get(this);
      if (!list || !this.data.located) return Promise.resolve();
      return list.first();
    },

    loadMore(): Promise<void> {
      const list = lists.get(this);
      return list ? list.more() : Promise.resolve();
    },

    query(): { lat: number; lng: number; categoryId?: number; q?: string } {
      const q = this.data.q.trim();
      return {
        lat: this.data.lat,
        lng: this.data.lng,
        categoryId: this.data.categoryId || undefined,
        q: q ? q : undefined,
      };
    },

    retry(): void {
      if (this.data.located) void this.loadFirst();
      else void this.start();
    },

    chooseCategory(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id) || 0;
      if (id === this.data.categoryId) return;
      this.setData({ categoryId: id });
      void this.loadFirst();
    },

    onSearchInput(e: WechatMiniprogram.Input): void {
      this.setData({ q: e.detail.value });
    },

    onSearch(): void {
      void this.loadFirst();
    },

    clearSearch(): void {
      this.setData({ q: '' });
      void this.loadFirst();
    },

    openSetting(): void {
      wx.openSetting({
        success: (res) => {
          const granted = res && res.authSetting ? res.authSetting['scope.userLocation'] : false;
          if (granted) void this.start();
        },
      });
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${Number(e.currentTarget.dataset.id)}` });
    },

    openMap(): void {
      const parts = [`lat=${this.data.lat}`, `lng=${this.data.lng}`];
      if (this.data.fallback) parts.push('fallback=1');
      if (this.data.declined) parts.push('declined=1');
      if (this.data.categoryId) parts.push(`categoryId=${this.data.categoryId}`);
      const q = this.data.q.trim();
      if (q) parts.push(`q=${encodeURIComponent(q)}`);
      wx.navigateTo({ url: `/packages/merchants/pages/map/map?${parts.join('&')}` });
    },
  },
});
