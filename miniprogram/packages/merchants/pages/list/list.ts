import { listCategories, nearbyMerchants, type Merchant } from '../../../../services/merchants';
import { messageOf } from '../../../../services/request';
import { formatDistance, locate } from '../../../../utils/location';

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
}

const ALL: Chip = { id: 0, name: '全部' };

const toView = (m: Merchant): MerchantView => ({
  id: m.id,
  name: m.name,
  categoryName: m.category ? m.category.name : '',
  address: m.address,
  distanceText: formatDistance(m.distanceM),
  discounts: m.offers.map((o) => o.discountText).filter((t) => !!t),
});

// Each new search outdates the answers still on their way for the one before.
let generation = 0;

/**
 * 优待商户: the alliance's merchants nearest first, from where the holder is (or from the district
 * centre when the location is refused), by category and name, with their discounts.
 */
Component({
  data: {
    lat: 0,
    lng: 0,
    located: false,
    fallback: false,
    categories: [ALL] as Chip[],
    categoryId: 0,
    q: '',
    items: [] as MerchantView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: '',
  },
  methods: {
    onLoad(): void {
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

    /** Finds where the phone is, then searches from there. */
    async start(): Promise<void> {
      this.setData({ loading: true, error: '' });
      const pos = await locate();
      this.setData({ lat: pos.lat, lng: pos.lng, fallback: pos.fallback, located: true });
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

    async loadFirst(): Promise<void> {
      if (!this.data.located) return;
      generation += 1;
      const mine = generation;
      this.setData({ loading: true, error: '' });
      try {
        const page = await nearbyMerchants(this.query());
        if (mine !== generation) return;
        this.setData({ items: page.items.map(toView), nextCursor: page.nextCursor, loaded: true, loading: false });
      } catch (err) {
        if (mine !== generation) return;
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loading || this.data.loadingMore) return;
      const mine = generation;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await nearbyMerchants(Object.assign(this.query(), { cursor }));
        if (mine !== generation) return;
        this.setData({
          items: this.data.items.concat(page.items.map(toView)),
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      } catch (err) {
        if (mine !== generation) return;
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
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
      this.setData({ categoryId: id, nextCursor: null });
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
      if (this.data.categoryId) parts.push(`categoryId=${this.data.categoryId}`);
      const q = this.data.q.trim();
      if (q) parts.push(`q=${encodeURIComponent(q)}`);
      wx.navigateTo({ url: `/packages/merchants/pages/map/map?${parts.join('&')}` });
    },
  },
});
