import { myComplaints, type ComplaintStatus, type MyComplaint } from '../../../../services/merchants';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

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
  tone: string;
  resolution: string;
  whenText: string;
  steps: StepView[];
}

const STEP_WORDS: Record<string, string> = {
  open: '已提交，等待区退役军人事务局核实',
  upheld: '核实后投诉成立',
  dismissed: '核实后未予支持',
};

/** The chip's colour: waiting on the bureau, found true, or not upheld. */
const TONES: Record<ComplaintStatus, string> = { open: 'warn', upheld: 'ok', dismissed: 'neutral' };

const toView = (c: MyComplaint): ComplaintView => ({
  id: c.id,
  merchantId: c.merchant.id,
  merchantName: c.merchant.name,
  text: c.text,
  status: c.status,
  statusText: c.statusText,
  tone: TONES[c.status] || 'neutral',
  resolution: c.resolution || '',
  whenText: formatDateTime(c.createdAt),
  steps: c.history.map((h, i) => ({
    key: `${c.id}-${i}`,
    text: STEP_WORDS[h.to] || h.to,
    whenText: formatDateTime(h.at),
  })),
});

const lists = new WeakMap<object, PagedList<MyComplaint>>();

/**
 * 我的投诉: the holder's complaints about merchants, newest first, each with its state, the
 * bureau's outcome and reason once decided, and the steps it went through.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<ComplaintView>(),
    loaded: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<MyComplaint>(this, {
        fetch: (cursor) => myComplaints(cursor ? { cursor } : {}),
        view: toView,
        emptyMessage: '您还没有投诉过商户。如果出示优待证后商户拒绝给予优惠，可在商户页面点“投诉”。',
      });
      lists.set(this, list);
      void this.reload();
    },

    onShow(): void {
      // Back from a merchant's page, where a complaint may have been filed.
      if (this.data.loaded) void this.reload();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.reload();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async reload(): Promise<void> {
      const list = lists.get(this);
      if (!list) return;
      await list.first();
      this.setData({ loaded: true });
    },

    loadMore(): Promise<void> {
      const list = lists.get(this);
      return list ? list.more() : Promise.resolve();
    },

    openMerchant(e: WechatMiniprogram.TouchEvent): void {
      wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${Number(e.currentTarget.dataset.id)}` });
    },
  },
});
