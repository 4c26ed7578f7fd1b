import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { categories as loadCategories, postings as loadPostings, salaryText, type Posting } from '../../employment-api';

interface PostingView {
  id: number;
  title: string;
  employerName: string;
  salary: string;
  place: string;
  headcount: string;
  veteranPreferred: boolean;
}

const toView = (p: Posting): PostingView => ({
  id: p.id,
  title: p.title,
  employerName: p.employerName,
  salary: salaryText(p),
  place: `${p.district} · ${p.address}`,
  headcount: `招 ${p.headcount} 人`,
  veteranPreferred: p.veteranPreferred,
});

/** The salary floors offered as filters, in yuan a month (0: any). */
const SALARIES = [
  { value: 0, label: '不限' },
  { value: 3000, label: '3000 以上' },
  { value: 5000, label: '5000 以上' },
  { value: 8000, label: '8000 以上' },
];

/**
 * 就业超市: the open postings, newest first, filtered by category, salary, district and a keyword.
 * A posting opens its page; 我的求职信息, 我的投递 and 招聘会 are one tap away.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    categories: ['全部'] as string[],
    category: '全部',
    salaries: SALARIES,
    salaryAtLeast: 0,
    district: '',
    keyword: '',
    items: [] as PostingView[],
    nextCursor: null as string | null,
    loadingMore: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void loadCategories()
        .then((res) => this.setData({ categories: ['全部', ...res.items] }))
        .catch(() => undefined);
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    filter() {
      return {
        category: this.data.category === '全部' ? undefined : this.data.category,
        salaryAtLeast: this.data.salaryAtLeast || undefined,
        district: this.data.district.trim() || undefined,
        q: this.data.keyword.trim() || undefined,
      };
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      try {
        const res = await loadPostings(this.filter());
        this.setData({
          state: res.items.length ? 'ready' : 'empty',
          message: res.items.length ? '' : '没有符合条件的岗位，换个条件试试。',
          items: res.items.map(toView),
          nextCursor: res.nextCursor,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      if (!this.data.nextCursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const res = await loadPostings({ ...this.filter(), cursor: this.data.nextCursor });
        this.setData({ items: [...this.data.items, ...res.items.map(toView)], nextCursor: res.nextCursor });
      } catch (err) {
        wx.showToast({ title: messageOf(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    reload(): void {
      void this.load();
    },

    chooseCategory(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ category: String(e.currentTarget.dataset.value) });
      void this.load();
    },

    chooseSalary(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ salaryAtLeast: Number(e.currentTarget.dataset.value) });
      void this.load();
    },

    onDistrictInput(e: WechatMiniprogram.Input): void {
      this.setData({ district: e.detail.value });
    },

    onKeywordInput(e: WechatMiniprogram.Input): void {
      this.setData({ keyword: e.detail.value });
    },

    search(): void {
      void this.load();
    },

    open(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (id) wx.navigateTo({ url: `/packages/employment/pages/posting/posting?id=${id}` });
    },

    openProfile(): void {
      wx.navigateTo({ url: '/packages/employment/pages/profile/profile' });
    },

    openApplications(): void {
      wx.navigateTo({ url: '/packages/employment/pages/applications/applications' });
    },

    openFairs(): void {
      wx.navigateTo({ url: '/packages/employment/pages/fairs/fairs' });
    },
  },
});
