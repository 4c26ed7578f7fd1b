import { myComplaints, type MyComplaint } from '../../../../services/merchants';
import { messageOf } from '../../../../services/request';
import { formatDateTime } from '../../../../utils/format';

interface StepView {
  key: string;
  text: string;
  whenText: string;
}

interface ComplaintView {
  id: number;
  merchantId: number;
  merchantName: string;
  text: string;
  status: string;
  statusText: string;
  resolution: string;
  whenText: string;
  steps: StepView[];
}

const STEP_WORDS: Record<string, string> = {
  open: '已提交，等待区退役军人事务局核实',
  upheld: '核实后投诉成立',
  dismissed: '核实后未予支持',
};

const toView = (c: MyComplaint): ComplaintView => ({
  id: c.id,
  merchantId: c.merchant.id,
  merchantName: c.merchant.name,
  text: c.text,
  status: c.status,
  statusText: c.statusText,
  resolution: c.resolution || '',
  whenText: formatDateTime(c.createdAt),
  steps: c.history.map((h, i) => ({
    key: `${c.id}-${i}`,
    text: STEP_WORDS[h.to] || h.to,
    whenText: formatDateTime(h.at),
  })),
});

/**
 * 我的投诉: the holder's complaints about merchants, newest first, each with its state, the
 * bureau's outcome and reason once decided, and the steps it went through.
 */
Component({
  data: {
    items: [] as ComplaintView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: '',
  },
  methods: {
    onLoad(): void {
      void this.loadFirst();
    },

    onShow(): void {
      if (this.data.loaded) void this.loadFirst();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.loadFirst();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async loadFirst(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await myComplaints();
        this.setData({ items: page.items.map(toView), nextCursor: page.nextCursor, loaded: true, loading: false });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loading || this.data.loadingMore) return;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await myComplaints({ cursor });
        this.setData({
          items: this.data.items.concat(page.items.map(toView)),
          nextCursor: page.nextCursor,
          loadingMore: false,
        });
      } catch (err) {
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.loadFirst();
    },

    openMerchant(e: WechatMiniprogram.TouchEvent): void {
      wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${Number(e.currentTarget.dataset.id)}` });
    },
  },
});
