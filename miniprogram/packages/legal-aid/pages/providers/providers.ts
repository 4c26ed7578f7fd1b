import {
  kindLabel,
  listProviders,
  ratingText,
  SERVICE_TYPES,
  type Provider,
  type ServiceType,
} from '../../../../services/legal-aid';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

interface ProviderView {
  id: number;
  name: string;
  kindText: string;
  firm: string;
  specialties: string[];
  ratingText: string;
  servedText: string;
}

const toView = (p: Provider): ProviderView => ({
  id: p.id,
  name: p.name,
  kindText: kindLabel(p.kind),
  firm: p.firm,
  specialties: p.specialties,
  ratingText: ratingText(p),
  servedText: `已服务 ${p.servedCount} 人次`,
});

let generation = 0;

/** 法律服务: the desk's lawyers, mediators and counsellors, by the service the holder needs. */
Component({
  data: {
    rootFontSize: rootFontSize(),
    tabs: SERVICE_TYPES,
    serviceType: 'consultation' as ServiceType,
    items: [] as ProviderView[],
    /** What the list block shows: loading, nothing offered, or the error with a retry. */
    listState: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
    loaded: false,
    loading: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize() });
      const wanted = SERVICE_TYPES.filter((s) => s.value === query.serviceType)[0];
      if (wanted) this.setData({ serviceType: wanted.value });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      generation += 1;
      const mine = generation;
      this.setData({ loading: true, error: '' });
      if (!this.data.items.length) this.setData({ listState: 'loading' });
      try {
        const page = await listProviders(this.data.serviceType);
        if (mine !== generation) return;
        const items = page.items.map(toView);
        this.setData({ items, loaded: true, loading: false, listState: items.length ? 'ready' : 'empty' });
      } catch (err) {
        if (mine !== generation) return;
        this.setData({ loading: false, error: messageOf(err), listState: 'error', items: [] });
      }
    },

    chooseTab(e: WechatMiniprogram.TouchEvent): void {
      const value = String(e.currentTarget.dataset.value) as ServiceType;
      if (value === this.data.serviceType) return;
      this.setData({ serviceType: value, items: [], loaded: false, listState: 'loading' });
      void this.load();
    },

    retry(): void {
      void this.load();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      wx.navigateTo({
        url: `/packages/legal-aid/pages/provider/provider?id=${id}&serviceType=${this.data.serviceType}`,
      });
    },

    openMine(): void {
      wx.navigateTo({ url: '/packages/legal-aid/pages/appointments/appointments' });
    },
  },
});
